package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 200 concurrent InfraKit clients, each with its own connection pool on the plugin's socket, issue a
 * mix of every call for {@code -Dload.seconds} (default 60 s, the reliability target; a quicker local run:
 * {@code ./mvnw -B -o -pl plugin-oneview verify -Dtest=LoadTest -Dload.seconds=10}). Every
 * error is classified; threads, OneView sessions, the plugin's own bookkeeping and the heap must come
 * back to where they started.
 */
class LoadTest {

  private static final Duration DURATION = Duration.ofSeconds(Long.getLong("load.seconds", 60));
  private static final int CLIENTS = Integer.getInteger("load.clients", 200);
  private static final int SERVERS = 64; // 48 blades for the blade template
  /**
   * Live instances at once: a third of the blades. A destroyed instance's server is free again only
   * once its profile is deleted and a listing shows it, so the other blades are the churn's room.
   */
  private static final int CAPACITY = 16;
  private static final int BLADES = 48;
  /** A capacity refusal, with the servers in use and those reserved by in-flight provisions. */
  private static final Pattern REFUSAL = Pattern.compile("^no free server for template "
      + "\"Docker-Gen8-Template\": 0 of 48 compatible servers free \\((?:(\\d+) in use)?(?:, )?"
      + "(?:(\\d+) reserved by in-flight provisions)?\\)$");
  private static final RawJson GOOD = PluginHarness.BLADE_PROPERTIES;

  /** The errors a call of each kind may legitimately answer; anything else fails the test. */
  private enum Expected {
    VALIDATE_BAD(Pattern.compile("^(invalid instance properties: unknown property \"Templatename\""
        + "|unknown template \"no-such-template-\\d+\"; available templates: .*)")),
    FOREIGN_ID(Pattern.compile("^\"i-\\d+\" is not an instance ID of the OneView plugin")),
    UNKNOWN_LABEL(Pattern.compile("^unknown instance ov-[a-z2-7]{16} \\(no profile of namespace")),
    /** Capacity is reached for a moment while destroyed servers are being freed. */
    NO_FREE_SERVER(Pattern.compile("^no free server for template \"Docker-Gen8-Template\": 0 of 48"));

    final Pattern message;

    Expected(Pattern message) {
      this.message = message;
    }
  }

  /** Pools whose size is bounded by construction, with their bound. */
  private static final Map<String, Integer> BOUNDED_POOLS = Map.of(
      "infrakit-instance-oneview", 256 + 8, // Jetty's pool: PluginServer.DEFAULT_MAX_THREADS
      "oneview-work-", 64, // the plugin's workers
      "oneview-refresh", 2, // refresher and ticker
      "oneview-timer", 1, // the scheduler that hands delayed background steps to the workers
      "oneview-http-", 64, // SDK asynchronous calls (pages, task polls): default listConcurrency 64
      "oneview-tasks-", 1, // the SDK's task tracker: one scheduler, however many tasks are awaited
      "oneview-simulator", 64 + 4, // the simulator's Jetty pool
      // OkHttp's TaskRunner: one JVM-wide cached pool (idle threads live 60 s) that runs every
      // client's connection-pool cleanup, mostly the test's 200 clients'. How many it holds depends
      // on scheduling (263-426 seen in six runs of this test); a thread per call would be ~225,000.
      "OkHttp ", 3 * CLIENTS + 16);

  @Test
  void twoHundredClientsCallingEverythingGetOnlyExpectedErrorsAndLeakNothing() throws Exception {
    try (PluginHarness h = PluginHarness.start(SERVERS, Duration.ofMillis(20),
        // Staleness is InventoryCacheTest's subject; here a bound a loaded machine can exceed (a
        // listing taking 10 s while 200 clients share two cores) would fail the test for speed alone.
        b -> b.refreshInterval(Duration.ofMillis(250)).maxStaleness(Duration.ofMinutes(5)))) {
      h.describe(Map.of());
      Set<String> threadsBefore = threadNames().keySet();
      int sessionsBefore = h.sim.sessionCount();
      long heapBefore = usedHeapAfterGc(h);
      assertThat(sessionsBefore).isEqualTo(1);

      Stats stats = new Stats();
      Semaphore capacity = new Semaphore(CAPACITY);
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService callers = Executors.newFixedThreadPool(CLIENTS);
      ThreadSampler sampler = new ThreadSampler();
      sampler.start();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<InstanceId>>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(callers.submit(() -> runClient(h, client, go, running, capacity, stats)));
      }
      long start = System.nanoTime();
      go.countDown();
      Thread.sleep(DURATION.toMillis()); // the load runs for this long: the sleep is the test's clock
      running.set(false);
      List<InstanceId> leftovers = new ArrayList<>();
      for (Future<List<InstanceId>> f : clients) {
        leftovers.addAll(f.get(2, TimeUnit.MINUTES));
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      callers.shutdown();
      sampler.stop();

      try (InstancePluginClient client = InstancePluginClient.connect(h.socket())) {
        for (InstanceId id : leftovers) {
          client.destroy(id, DestroyContext.TERMINATE);
        }
      }
      await("every instance destroyed and OneView settled", Duration.ofSeconds(60),
          () -> h.sim.pendingTasks() == 0 && h.envelopedProfiles().isEmpty()
              && h.describe(Map.of()).isEmpty());
      InstanceRegistry registry = registryOf(h.plugin());
      await("the plugin's in-flight, hidden and overlay entries all pruned", Duration.ofSeconds(30),
          () -> registry.inFlight.isEmpty() && registry.hidden.isEmpty()
              && registry.labelOverlays.isEmpty() && registry.lastErrors.isEmpty());

      String summary = stats.summary(elapsedMs) + "; max threads " + sampler.maxTotal
          + " " + sampler.maxPerPool;
      System.out.println("LoadTest: " + summary);

      assertThat(stats.unexpected).as("unexpected errors (" + summary + ")").isEmpty();
      assertThat(stats.calls.sum()).as("calls made").isGreaterThan(CLIENTS * 10L);
      assertThat(stats.provisioned.sum()).as("provisions that succeeded: each slot churned")
          .isGreaterThanOrEqualTo(2L * CAPACITY);
      // How often capacity is reached depends on how fast OneView frees destroyed servers compared
      // with how fast clients provision, i.e. on the machine: not asserted. What each refusal says is
      // not: every blade was held by a profile or by an in-flight provision (which includes provisions
      // destroyed mid-way and still cleaning up, so their number is not bounded by CAPACITY), never by
      // a cooldown, maintenance or anything else.
      for (String refusal : stats.refusals) {
        Matcher counts = REFUSAL.matcher(refusal);
        assertThat(counts.matches()).as("refusal counts only profiles and in-flight provisions: " + refusal)
            .isTrue();
        int inUse = counts.group(1) == null ? 0 : Integer.parseInt(counts.group(1));
        int reserved = counts.group(2) == null ? 0 : Integer.parseInt(counts.group(2));
        assertThat(inUse + reserved).as(refusal).isEqualTo(BLADES);
      }
      assertThat(registry.powerOnHandled).as("power-on bookkeeping of deleted profiles is forgotten")
          .hasSizeLessThanOrEqualTo(CAPACITY);

      sampler.maxPerPool.forEach((pool, max) ->
          assertThat(max).as("threads of pool " + pool).isLessThanOrEqualTo(BOUNDED_POOLS.get(pool)));
      Map<String, Thread.State> after = threadNames();
      List<String> newThreads = after.keySet().stream()
          .filter(n -> !threadsBefore.contains(n) && pool(n) == null && !n.startsWith("pool-"))
          .sorted().toList();
      assertThat(newThreads).as("threads started by the load that belong to no bounded pool").isEmpty();
      assertThat(sampler.maxUnpooled).as("threads outside bounded pools at any time during the load")
          .isLessThanOrEqualTo(sampler.unpooledAtStart + CLIENTS + 8); // the 200 callers themselves

      int sessionsAfter = h.sim.sessionCount();
      assertThat(sessionsAfter).as("OneView sessions after the load").isEqualTo(sessionsBefore);
      long heapWithSimulatorHistory = usedHeapAfterGc(h);
      int simulatorTasks = h.sim.tasks().size();
      h.sim.reset(); // the simulator keeps every task it ever ran: its memory, not the plugin's
      long heapAfter = usedHeapAfterGc(h);
      System.out.println("LoadTest: heap after GC " + (heapBefore >> 20) + " MiB before, "
          + (heapAfter >> 20) + " MiB after (" + (heapWithSimulatorHistory >> 20) + " MiB before "
          + "forgetting the simulator's " + simulatorTasks + " tasks); OneView sessions "
          + sessionsBefore + " before, " + sessionsAfter + " after");
      assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes (before " + heapBefore + ")")
          .isLessThan(24L << 20);
    }
  }

  /** Found by the load above: the second of two quick Labels met OneView's 409 "profile busy". */
  @Test
  void aLabelWhileThePreviousLabelsUpdateStillRunsWaitsForItInsteadOfFailing() {
    try (PluginHarness h = PluginHarness.start(4, Duration.ofMillis(20))) {
      InstanceId id = h.provision(Map.of("infrakit.group", "busy"));
      await("running", Duration.ofSeconds(30), () -> h.settled(1));
      h.sim.taskDuration(io.oneviewinfrakit.simulator.TaskKind.PROFILE_UPDATE, Duration.ofMillis(700));
      h.client().label(id, Map.of("first", "1"));
      h.client().label(id, Map.of("second", "2")); // the first update task still runs on the profile
      assertThat(h.describe(Map.of("first", "1", "second", "2"))).extracting(InstanceDescription::id)
          .containsExactly(id);
      await("both labels on the appliance", Duration.ofSeconds(30), () -> h.sim.pendingTasks() == 0
          && EnvelopeCodec.decode(h.envelopedProfiles().get(0).description()).orElseThrow().tags()
              .entrySet().containsAll(Map.of("first", "1", "second", "2").entrySet()));
    }
  }

  private List<InstanceId> runClient(PluginHarness h, int client, CountDownLatch go,
      AtomicBoolean running, Semaphore capacity, Stats stats) throws InterruptedException {
    Random random = new Random(7919L * client + 17);
    String group = "load-" + (client % 10);
    String me = "c" + client;
    List<InstanceId> mine = new ArrayList<>();
    Map<InstanceId, Map<String, String>> tagsOf = new HashMap<>();
    try (InstancePluginClient plugin = InstancePluginClient.builder().socket(h.socket())
        .timeout(Duration.ofSeconds(15)).build()) {
      go.await();
      while (running.get()) {
        int dice = random.nextInt(100);
        if (dice < 30) {
          call(stats, "describe", null, () -> {
            boolean props = random.nextBoolean();
            Map<String, String> filter = switch (random.nextInt(3)) {
              case 0 -> Map.of();
              case 1 -> Map.of("infrakit.group", group);
              default -> Map.of("load.client", me);
            };
            List<InstanceDescription> listed = plugin.describeInstances(filter, props);
            if (filter.containsKey("load.client")) {
              // Provision lists at once, destroy hides at once: this client's view is exact.
              Map<InstanceId, Map<String, String>> seen = new HashMap<>();
              listed.forEach(d -> seen.put(d.id(), d.tags()));
              if (!seen.equals(tagsOf)) {
                throw new AssertionError("client " + me + " expected " + tagsOf + " but listed " + seen);
              }
            }
            if (props && listed.stream().anyMatch(d -> d.properties() == null)) {
              throw new AssertionError("Properties missing although asked for");
            }
          });
        } else if (dice < 40) {
          call(stats, "validate", null, () -> plugin.validate(GOOD));
        } else if (dice < 48) {
          RawJson bad = random.nextBoolean()
              ? RawJson.of("{\"Templatename\":\"" + PluginHarness.BLADE_TEMPLATE + "\"}")
              : RawJson.of("{\"TemplateName\":\"no-such-template-" + random.nextInt(5) + "\"}");
          call(stats, "validate-bad", Expected.VALIDATE_BAD, () -> plugin.validate(bad));
        } else if (dice < 60) {
          if (mine.size() < 2 && capacity.tryAcquire()) {
            Map<String, String> tags = new TreeMap<>(Map.of("infrakit.group", group, "load.client", me,
                "infrakit.config.hash", Integer.toHexString(random.nextInt())));
            InstanceId[] id = new InstanceId[1];
            boolean ok = call(stats, "provision", Expected.NO_FREE_SERVER, () -> id[0] = plugin.provision(
                InstanceSpec.builder().properties(GOOD).tags(tags).build()));
            if (ok) {
              mine.add(id[0]);
              tagsOf.put(id[0], tags);
              stats.provisioned.increment();
            } else {
              capacity.release();
            }
          }
        } else if (dice < 70) {
          if (!mine.isEmpty()) {
            InstanceId id = mine.get(random.nextInt(mine.size()));
            Map<String, String> label = Map.of("load.label", "l" + random.nextInt(1000));
            if (call(stats, "label", null, () -> plugin.label(id, label))) {
              tagsOf.get(id).putAll(label);
            }
          }
        } else if (dice < 82) {
          if (!mine.isEmpty()) {
            InstanceId id = mine.remove(random.nextInt(mine.size()));
            DestroyContext context = random.nextBoolean() ? DestroyContext.TERMINATE
                : DestroyContext.ROLLING_UPDATE;
            if (call(stats, "destroy", null, () -> plugin.destroy(id, context))) {
              tagsOf.remove(id);
              capacity.release();
            } else {
              mine.add(id);
            }
          }
        } else if (dice < 90) {
          InstanceId unknown = InstanceId.of(InstanceIds.newId());
          call(stats, "destroy-unknown", null, () -> plugin.destroy(unknown, DestroyContext.TERMINATE));
        } else if (dice < 95) {
          InstanceId foreign = InstanceId.of("i-" + random.nextInt(1_000_000));
          call(stats, "destroy-foreign", Expected.FOREIGN_ID,
              () -> plugin.destroy(foreign, DestroyContext.TERMINATE));
        } else {
          InstanceId unknown = InstanceId.of(InstanceIds.newId());
          call(stats, "label-unknown", Expected.UNKNOWN_LABEL,
              () -> plugin.label(unknown, Map.of("k", "v")));
        }
      }
    }
    // Hand over what is still alive: the test destroys it and checks nothing is left behind.
    capacity.release(mine.size());
    return mine;
  }

  /**
   * Makes one call. {@code expected} null: it must succeed. Otherwise it is a call that may (or,
   * for the deliberately bad ones, must) fail with exactly that kind of error.
   */
  private static boolean call(Stats stats, String kind, Expected expected, Runnable call) {
    stats.calls.increment();
    try {
      call.run();
    } catch (RuntimeException | AssertionError e) {
      String message = String.valueOf(e.getMessage());
      if (expected != null && expected.message.matcher(message).find()) {
        stats.expected.get(expected).increment();
        stats.lastMessage.put(expected, message);
        if (expected == Expected.NO_FREE_SERVER) {
          stats.refusals.add(message);
        }
      } else {
        stats.unexpected.add(kind + ": " + e.getClass().getSimpleName() + ": " + message);
      }
      return false;
    }
    boolean mustFail = expected == Expected.VALIDATE_BAD || expected == Expected.FOREIGN_ID
        || expected == Expected.UNKNOWN_LABEL;
    if (mustFail) {
      stats.unexpected.add(kind + ": succeeded although it must fail");
      return false;
    }
    return true;
  }

  private static final class Stats {
    final LongAdder calls = new LongAdder();
    final LongAdder provisioned = new LongAdder();
    final Map<Expected, LongAdder> expected = new ConcurrentHashMap<>();
    final Collection<String> unexpected = new ConcurrentLinkedQueue<>();
    final Collection<String> refusals = new ConcurrentLinkedQueue<>();
    final Map<Expected, String> lastMessage = new ConcurrentHashMap<>();

    Stats() {
      for (Expected e : Expected.values()) {
        expected.put(e, new LongAdder());
      }
    }

    String summary(long elapsedMs) {
      Map<Expected, Long> counts = new TreeMap<>();
      expected.forEach((k, v) -> counts.put(k, v.sum()));
      return CLIENTS + " clients, " + elapsedMs / 1000 + " s, " + calls.sum() + " calls ("
          + calls.sum() * 1000 / Math.max(1, elapsedMs) + "/s), " + provisioned.sum()
          + " provisions; expected errors " + counts + "; unexpected " + unexpected.size()
          + "; last no-free-server: " + lastMessage.get(Expected.NO_FREE_SERVER);
    }
  }

  /** Samples the JVM's threads while the load runs. */
  private static final class ThreadSampler {
    final Map<String, Integer> maxPerPool = new ConcurrentHashMap<>();
    volatile int maxTotal;
    volatile int maxUnpooled;
    final int unpooledAtStart = unpooled(threadNames());
    private final AtomicBoolean on = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::run, "load-thread-sampler");

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      on.set(false);
      thread.join();
    }

    private void run() {
      while (on.get()) {
        Map<String, Thread.State> threads = threadNames();
        maxTotal = Math.max(maxTotal, threads.size());
        maxUnpooled = Math.max(maxUnpooled, unpooled(threads));
        Map<String, Integer> perPool = new HashMap<>();
        threads.keySet().forEach(n -> {
          String pool = pool(n);
          if (pool != null) {
            perPool.merge(pool, 1, Integer::sum);
          }
        });
        perPool.forEach((pool, n) -> maxPerPool.merge(pool, n, Math::max));
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private static int unpooled(Map<String, Thread.State> threads) {
      return (int) threads.keySet().stream().filter(n -> pool(n) == null).count();
    }
  }

  private static String pool(String threadName) {
    return BOUNDED_POOLS.keySet().stream().filter(threadName::startsWith).findFirst().orElse(null);
  }

  private static Map<String, Thread.State> threadNames() {
    Map<String, Thread.State> names = new LinkedHashMap<>();
    int[] duplicate = {0};
    Thread.getAllStackTraces().keySet().forEach(t -> {
      String name = t.getName();
      if (names.containsKey(name)) {
        name = name + "#" + ++duplicate[0];
      }
      names.put(name, t.getState());
    });
    return names;
  }

  private static long usedHeapAfterGc(PluginHarness h) {
    h.sim.requests().clear(); // the simulator's own request log is test machinery, not the plugin's
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static InstanceRegistry registryOf(OneViewInstancePlugin plugin) throws Exception {
    Field field = OneViewInstancePlugin.class.getDeclaredField("registry");
    field.setAccessible(true);
    return (InstanceRegistry) field.get(plugin);
  }
}
