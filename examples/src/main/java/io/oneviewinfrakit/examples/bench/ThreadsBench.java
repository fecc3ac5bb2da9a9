package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Scenario 8: the plugin's threads and memory stay bounded while OneView is slow or not answering.
 *
 * <p>Part A: {@code inFlight} provisions issued at once, every OneView task {@code taskDuration}
 * long: once all of them wait on their profile-create tasks, the plugin's threads are counted
 * (target &le; 40; the old engine held one worker per waiting task).
 *
 * <p>Part B: the appliance (a {@link HangingProxy} in front of the simulator) accepts connections
 * and answers nothing for {@code hang}; meanwhile {@code attempts} provisions are made, spread over
 * the hang, from {@code callers} client threads. Every call must be answered within 1 s (accepted or
 * refused), threads stay &le; 64 and the heap after GC stays bounded.
 *
 * <p>The plugin runs in this JVM with the simulator, so "plugin threads" are all live threads except
 * the simulator's ({@code oneview-simulator*}) and the benchmark's own ({@code bench-*}); the JVM's
 * housekeeping threads (GC, compiler, finalizer) are counted, as a plugin process has them too.
 */
public final class ThreadsBench {

  public record Params(int inFlight, Duration taskDuration, Duration hang, int attempts,
      int callers) {
    public static Params full() {
      return new Params(64, Duration.ofSeconds(60), Duration.ofMinutes(2), 500, 8);
    }

    public static Params smoke() {
      return new Params(4, Duration.ofSeconds(60), Duration.ofSeconds(2), 10, 2);
    }
  }

  private static final Map<String, String> TAGS = Map.of("infrakit.group", "bench8");

  private ThreadsBench() {}

  public static void main(String[] args) {
    Rig.quietLogs();
    Params full = Params.full();
    Params p = args.length == 0 ? full : new Params(full.inFlight(), full.taskDuration(),
        Duration.ofSeconds(Long.parseLong(args[0])), full.attempts(), full.callers());
    System.out.println(run(p).toMarkdown());
    System.exit(0);
  }

  public static ScenarioResult run(Params p) {
    ScenarioResult result = new ScenarioResult("8. Threads and memory with provisions waiting, and "
        + "with the appliance not answering");
    result.setup("part A: simulator with " + servers(p.inFlight()) + " servers, every task "
            + p.taskDuration().toSeconds() + " s; " + p.inFlight() + " provisions one after another "
            + "(as a group controller makes them); threads counted once all wait on their profile "
            + "create")
        .setup("part B: a TCP relay in front of the simulator stops relaying (connections accepted, "
            + "nothing answered) for " + Durations.of(p.hang()) + "; " + p.attempts()
            + " provisions spread over the hang from " + p.callers() + " client threads")
        .setup("plugin: defaults (8 workers, backlog 256, refresh 5 s, staleness limit 30 s); SDK "
            + "defaults (read timeout 60 s)")
        .setup("plugin threads = live threads of this JVM except the simulator's "
            + "(oneview-simulator*) and the benchmark's own (bench-*)");
    partA(p, result);
    partB(p, result);
    return result;
  }

  private static int servers(int provisions) {
    return (provisions * 4 + 2) / 3 + 16; // the standard inventory has ceil(3n/4) blades
  }

  private static void partA(Params p, ScenarioResult result) {
    // Only servers that are off: every provision goes straight to its profile create.
    try (Rig rig = Rig.start(OneViewSimulator.builder().servers(servers(p.inFlight()) * 4 / 3)
        .taskDurations(p.taskDuration()), b -> {}, b -> b.powerOffFreeServers(false))) {
      int before = pluginThreads().size();
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < p.inFlight(); i++) { // one after another, as a group controller does
        long t0 = System.nanoTime();
        rig.provision(TAGS);
        latencies.add(System.nanoTime() - t0);
      }
      boolean waiting = Rig.await(Duration.ofSeconds(60), () -> rig.describe(TAGS, true).stream()
          .filter(d -> "CreatingProfile".equals(Rig.phase(d))).count() == p.inFlight());
      int max = 0;
      List<String> atMax = List.of();
      for (int i = 0; i < 40; i++) { // 2 s of samples
        List<String> now = pluginThreads();
        if (now.size() > max) {
          max = now.size();
          atMax = now;
        }
        Rig.sleep(Duration.ofMillis(50));
      }
      result.row("A: plugin threads, " + p.inFlight() + " provisions waiting on " + p.taskDuration()
              .toSeconds() + " s tasks", "<= 40", max + (waiting ? "" : " (not all reached "
              + "CreatingProfile)"), max <= 40 && waiting)
          .info("A: plugin threads before the burst / OneView tasks running", before + " / "
              + rig.sim.pendingTasks())
          .info("A: the threads, by name", groups(atMax))
          .info("A: the Provision calls", Stats.of(latencies).summary());
    }
  }

  private static void partB(Params p, ScenarioResult result) {
    OneViewSimulator sim = OneViewSimulator.builder().servers(servers(Math.min(p.attempts(), 256)))
        .taskDurations(p.taskDuration()).build().start();
    try (HangingProxy proxy = new HangingProxy(sim.port());
        OneView ov = Rig.sdk(proxy.url(sim.url()), sim.username(), sim.password(),
            sim.certificatePem(), b -> {});
        Rig rig = Rig.external(ov, b -> {})) {
      long heapBefore = heapAfterGc();
      int threadsBefore = pluginThreads().size();
      AtomicInteger maxThreads = new AtomicInteger(threadsBefore);
      AtomicLong sampled = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          maxThreads.accumulateAndGet(pluginThreads().size(), Math::max);
          sampled.incrementAndGet();
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-sampler");
      sampler.setDaemon(true);

      proxy.hang(true);
      long hangStart = System.nanoTime();
      sampler.start();
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      Map<String, Integer> outcomes = Collections.synchronizedMap(new TreeMap<>());
      ExecutorService callers = Executors.newFixedThreadPool(p.callers(), named("bench-caller-"));
      long interval = p.hang().toNanos() / p.attempts();
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < p.attempts(); i++) {
        long due = hangStart + i * interval;
        calls.add(callers.submit(() -> {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Rig.sleep(Duration.ofNanos(wait));
          }
          long t0 = System.nanoTime();
          String outcome;
          try {
            rig.provision(TAGS);
            outcome = "accepted";
          } catch (PluginException e) {
            outcome = e.getMessage() == null ? "refused" : "refused: " + firstWords(e.getMessage());
          } catch (RuntimeException e) {
            outcome = "failed: " + e.getClass().getSimpleName();
          }
          latencies.add(System.nanoTime() - t0);
          outcomes.merge(outcome, 1, Integer::sum);
        }));
      }
      for (Future<?> f : calls) {
        try {
          f.get(p.hang().toMillis() + 60_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          outcomes.merge("no answer", 1, Integer::sum);
        }
      }
      callers.shutdownNow();
      long rest = p.hang().toNanos() - (System.nanoTime() - hangStart);
      if (rest > 0) {
        Rig.sleep(Duration.ofNanos(rest));
      }
      long heapHung = heapAfterGc();
      sampler.interrupt();
      double hungFor = (System.nanoTime() - hangStart) / 1e9;
      proxy.hang(false);
      long recovered0 = System.nanoTime();
      boolean recovered = Rig.await(Duration.ofMinutes(3), () -> {
        rig.describe(TAGS, false);
        return true;
      });
      double recoveredIn = (System.nanoTime() - recovered0) / 1e9;

      Stats s = Stats.of(latencies);
      long overOneSecond = latencies.stream().filter(n -> n > 1_000_000_000L).count();
      result.row("B: plugin threads, max while hung (" + sampled.get() + " samples)", "<= 64",
              String.valueOf(maxThreads.get()), maxThreads.get() <= 64)
          .row("B: heap after GC, before the hang / at its end (whole JVM, simulator included)",
              "bounded", mb(heapBefore) + " / " + mb(heapHung), heapHung - heapBefore < 64L << 20)
          .row("B: slowest Provision answer while hung (" + s.count() + " calls)", "<= 1 s",
              Stats.ms(s.maxMs()) + " ms (p50 " + Stats.ms(s.medianMs()) + " ms, p99 "
                  + Stats.ms(s.p99Ms()) + " ms)", overOneSecond == 0 && s.count() == p.attempts())
          .info("B: answers", outcomes.entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining("; ")))
          .info("B: appliance hung for / plugin threads before the hang",
              String.format("%.0f s / %d", hungFor, threadsBefore))
          .info("B: DescribeInstances answers again after the hang ends", recovered
              ? String.format("after %.1f s", recoveredIn) : "not within 3 min");
    } finally {
      sim.close();
    }
  }

  /** Names of the live threads counted as the plugin's. */
  static List<String> pluginThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> !n.startsWith("oneview-simulator") && !n.startsWith("bench-"))
        .toList();
  }

  /** Thread names with their numbers dropped, counted: "oneview-work x16, ...". */
  static String groups(List<String> names) {
    Map<String, Long> byGroup = names.stream().collect(Collectors.groupingBy(
        n -> n.replaceAll("[0-9a-f]{6,}|\\d+", "#"), TreeMap::new, Collectors.counting()));
    return byGroup.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static long heapAfterGc() {
    System.gc();
    Rig.sleep(Duration.ofMillis(200));
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1048576.0);
  }

  private static String firstWords(String message) {
    String[] words = message.split("\\s+");
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(6, words.length)))
        .replaceAll("\\d+", "N");
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
