package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scenario 1: Provision RPC latency over the real Unix socket while many provisions are in flight
 * with long OneView tasks. Target: p99 &lt; 100 ms.
 *
 * <p>Every simulator task takes {@code taskDuration} (60 s), so every provision stays in flight for
 * the whole run. Phases: a warm-up of {@code warmup} provisions (not measured; the first burst waits
 * until their OneView tasks run, and they stay in flight), a burst of {@code burst} provisions
 * issued at once from as many client threads, a second such burst, then {@code sequential}
 * provisions one after another (as one group controller issues them), while all earlier ones are
 * still in flight. The run does not wait for the tasks: closing
 * the plugin stops its background work.
 *
 * <p>The phases run twice, each time on a fresh simulator and plugin. First with the client in the
 * plugin's JVM (a {@link Rig}), as runs before 2026-12-07 measured it. Then as InfraKit calls a
 * plugin, from another process: the plugin, its SDK and the simulator in a fresh JVM of their own
 * ({@link PluginSideMain}), the client in the round's. The target is judged on both: the second is
 * how InfraKit calls the plugin; the first is harder, as a client inside the plugin's JVM shares its
 * heap (and garbage collections) and OkHttp's process-wide task runner lock, which the plugin's SDK
 * takes for every connection it opens or releases.
 *
 * <p>Both setups make one round, and each of {@code rounds} rounds runs in a fresh JVM
 * ({@link Round}), so that every round's first burst meets code that has not been compiled yet. A
 * cold burst is one sample of a noisy event on a shared machine (its last calls wait for the JIT
 * compiler and a young collection on two cores): the p99 judged is that of every call of every
 * round, cold bursts included in the same proportion as in one round, and each round's own p99 is
 * shown beside it.
 */
public final class ProvisionLatencyBench {

  public record Params(int warmup, int burst, int sequential, Duration taskDuration, int rounds) {
    public static Params full() {
      return new Params(32, 64, 128, Duration.ofSeconds(60), 10);
    }

    public static Params smoke() {
      return new Params(2, 4, 4, Duration.ofSeconds(60), 2);
    }

    int servers() {
      // The standard inventory has ceil(3n/4) blades; every provision takes one.
      return ((warmup + 2 * burst + sequential) * 4 + 2) / 3 + 16;
    }

    /** Every provision of the run stays in flight (no task ends): a backlog above the default 256. */
    int backlog() {
      return warmup + 2 * burst + sequential + 1;
    }

    List<String> toArgs() {
      return List.of(Integer.toString(warmup), Integer.toString(burst), Integer.toString(sequential),
          Long.toString(taskDuration.toSeconds()), Integer.toString(rounds));
    }

    static Params fromArgs(String[] args) {
      return new Params(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
          Integer.parseInt(args[2]), Duration.ofSeconds(Long.parseLong(args[3])),
          Integer.parseInt(args[4]));
    }
  }

  private static final Pattern READY = Pattern.compile("^ready (\\S+)$");
  private static final Pattern ROUND = Pattern.compile("^round (\\S+) (\\S+)$");
  private static final Map<String, String> TAGS = Map.of("infrakit.group", "bench1");

  /** The measured latencies of one run of the phases, and what was in flight at its end. */
  private record Phases(List<Long> burst, List<Long> burst2, List<Long> sequential, int listed,
      int pendingTasks) {
    List<Long> all() {
      List<Long> all = new ArrayList<>(burst);
      all.addAll(burst2);
      all.addAll(sequential);
      return all;
    }

    /** "listed:pending:burst:burst2:sequential", latencies as comma-separated nanoseconds. */
    String encode() {
      return listed + ":" + pendingTasks + ":" + csv(burst) + ":" + csv(burst2) + ":" + csv(sequential);
    }

    static Phases decode(String s) {
      String[] f = s.split(":", -1);
      return new Phases(longs(f[2]), longs(f[3]), longs(f[4]), Integer.parseInt(f[0]),
          Integer.parseInt(f[1]));
    }

    private static String csv(List<Long> nanos) {
      return nanos.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> longs(String csv) {
      return csv.isEmpty() ? List.of() : Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }
  }

  /** Figures over the rounds of one setup. */
  private static final class Rounds {
    private Rounds() {}

    static Stats pooled(List<Phases> rounds, Function<Phases, List<Long>> phase) {
      return Stats.of(rounds.stream().flatMap(r -> phase.apply(r).stream()).toList());
    }

    /** Each round's p99 of all its calls, in order, and how many of them reach {@code limitMs}. */
    static String perRound(List<Phases> rounds, double limitMs) {
      List<Double> p99s = rounds.stream().map(r -> Stats.of(r.all()).p99Ms()).toList();
      long over = p99s.stream().filter(v -> v >= limitMs).count();
      return "each round's p99: " + p99s.stream().map(Stats::ms).collect(Collectors.joining(", "))
          + " ms (median " + Stats.ms(Stats.median(p99s)) + " ms; " + over + " of " + rounds.size()
          + " rounds at or above " + Stats.ms(limitMs) + " ms)";
    }

    /** "288 / 32" (listed / tasks running) when every round ended alike, else each round's. */
    static String atEnd(List<Phases> rounds, String separator) {
      List<String> each = rounds.stream().map(r -> r.listed() + separator + r.pendingTasks()).toList();
      return each.stream().distinct().count() == 1 ? each.get(0) : String.join("; ", each);
    }
  }

  private ProvisionLatencyBench() {}

  public static void main(String[] args) {
    Rig.quietLogs();
    System.out.println(run(Params.full()).toMarkdown());
  }

  public static ScenarioResult run(Params p) {
    ScenarioResult result = new ScenarioResult("1. Provision RPC latency with provisions in flight");
    result.setup("simulator: " + p.servers() + " servers, every task (power, profile create) "
        + p.taskDuration().toSeconds() + " s; HTTPS on loopback")
        .setup("plugin: defaults (refresh 5 s, 8 workers); SDK default task polling (500 ms growing x1.5 to 10 s) "
            + "(default); client: InstancePluginClient over the plugin's Unix socket")
        .setup("phases: " + p.warmup() + " warm-up provisions (not measured; the first burst "
            + "starts once their OneView tasks run), a burst of " + p.burst()
            + " provisions issued at once from " + p.burst() + " client threads, a second such burst, then "
            + p.sequential() + " sequential provisions; no task completes during the run (the "
            + "plugin's --max-backlog raised to hold them all)")
        .setup("a round runs the phases twice, on a fresh simulator and plugin each time: first with "
            + "the client in the plugin's JVM (the setup of runs before 2026-12-07), then as InfraKit "
            + "calls a plugin, from another process: plugin, SDK and simulator in a fresh child JVM "
            + "(default flags), the client in the round's JVM; the target is judged on both")
        .setup(p.rounds() + " round" + (p.rounds() == 1 ? "" : "s") + ", each in a fresh JVM (default "
            + "flags), so that the plugin's code is cold in every round's first burst (the client's, "
            + "from another process, has run the first setup); the p99 judged is over every call of "
            + "every round (cold bursts included in the same proportion as in one round)");

    List<Phases> inJvm = new ArrayList<>();
    List<Phases> own = new ArrayList<>();
    for (int i = 0; i < p.rounds(); i++) {
      try (ChildJvm round = ChildJvm.start(Round.class.getName(), p.toArgs(), ROUND, false)) {
        inJvm.add(Phases.decode(round.ready().group(1)));
        own.add(Phases.decode(round.ready().group(2)));
      }
    }

    Stats a = Rounds.pooled(own, Phases::all);
    Stats s = Rounds.pooled(own, Phases::sequential);
    Stats inJvmAll = Rounds.pooled(inJvm, Phases::all);
    result.row("Provision p99, all measured calls, client in another process (as InfraKit calls)",
            "< 100 ms", Stats.ms(a.p99Ms()) + " ms", a.p99Ms() < 100)
        .info("client in another process: rounds", Rounds.perRound(own, 100))
        .info("Provision p50, all measured calls", Stats.ms(a.medianMs()) + " ms (n=" + a.count() + ")")
        .info("first bursts of " + p.burst() + " concurrent calls (" + p.warmup() + " in flight)",
            Rounds.pooled(own, Phases::burst).summary())
        .info("second bursts of " + p.burst() + " concurrent calls (" + (p.warmup() + p.burst())
            + " in flight)", Rounds.pooled(own, Phases::burst2).summary())
        .info("sequential calls (" + (p.warmup() + 2 * p.burst()) + "+ in flight)", s.summary())
        .row("Provision p99, sequential calls only", "< 100 ms", Stats.ms(s.p99Ms()) + " ms",
            s.p99Ms() < 100)
        .info("instances listed at the end / OneView tasks still running", Rounds.atEnd(own, " / "))
        .row("Provision p99, all measured calls, client in the plugin's JVM", "< 100 ms",
            Stats.ms(inJvmAll.p99Ms()) + " ms (p50 " + Stats.ms(inJvmAll.medianMs()) + " ms)",
            inJvmAll.p99Ms() < 100)
        .info("client in the plugin's JVM: rounds", Rounds.perRound(inJvm, 100))
        .info("client in the plugin's JVM: first bursts / second bursts / sequential",
            "p99 " + Stats.ms(Rounds.pooled(inJvm, Phases::burst).p99Ms()) + " / "
                + Stats.ms(Rounds.pooled(inJvm, Phases::burst2).p99Ms()) + " / "
                + Stats.ms(Rounds.pooled(inJvm, Phases::sequential).p99Ms()) + " ms; "
                + Rounds.atEnd(inJvm, " listed, ") + " tasks running at the end");
    return result;
  }

  /**
   * One round in a JVM of its own, started by {@link #run}: both setups' phases, printed as one line
   * {@code round IN_JVM OTHER_PROCESS} (see {@link Phases#encode}). Arguments: {@link Params#toArgs}.
   */
  public static final class Round {
    private Round() {}

    public static void main(String[] args) {
      try {
        System.out.println("round " + round(Params.fromArgs(args)));
        System.out.flush();
        System.exit(0);
      } catch (RuntimeException | Error e) {
        // Exits at once (threads of the rigs may be left): the parent sees the round fail, not
        // wait out its start-up timeout.
        e.printStackTrace();
        System.exit(1);
      }
    }

    private static String round(Params p) {
      Rig.quietLogs();
      Phases inJvm;
      try (Rig rig = Rig.start(OneViewSimulator.builder().servers(p.servers())
          .taskDurations(p.taskDuration()), b -> {}, b -> b.maxBacklog(p.backlog()))) {
        inJvm = phases(rig.client, p, () -> rig.sim.pendingTasks());
      }
      Phases own;
      try (ChildJvm plugin = ChildJvm.start(PluginSideMain.class.getName(), List.of(
              Integer.toString(p.servers()), Long.toString(p.taskDuration().toSeconds()),
              Integer.toString(p.backlog())), READY, false);
          InstancePluginClient client = InstancePluginClient.connect(Path.of(plugin.ready().group(1)))) {
        own = phases(client, p, () -> Integer.parseInt(plugin.ask("pending-tasks")));
      }
      return inJvm.encode() + " " + own.encode();
    }
  }

  /** The warm-up, both bursts and the sequential calls through {@code plugin}. */
  private static Phases phases(InstancePlugin plugin, Params p,
      java.util.function.IntSupplier pendingTasks) {
    for (int i = 0; i < p.warmup(); i++) {
      provision(plugin);
    }
    // The plugin holds new provisions' work until calls pause: the bursts are to meet provisions
    // whose OneView tasks (a 60 s profile create each) are in flight, not only registered.
    if (!Rig.await(Duration.ofSeconds(60), () -> pendingTasks.getAsInt() >= p.warmup())) {
      throw new IllegalStateException("the warm-up's " + p.warmup() + " OneView tasks did not start "
          + "within 60 s: " + pendingTasks.getAsInt() + " running");
    }
    List<Long> burst = burst(plugin, p);
    List<Long> burst2 = burst(plugin, p);
    List<Long> sequential = new ArrayList<>();
    for (int i = 0; i < p.sequential(); i++) {
      long t0 = System.nanoTime();
      provision(plugin);
      sequential.add(System.nanoTime() - t0);
    }
    return new Phases(burst, burst2, sequential, plugin.describeInstances(TAGS, false).size(),
        pendingTasks.getAsInt());
  }

  private static InstanceId provision(InstancePlugin plugin) {
    return plugin.provision(InstanceSpec.builder().properties(Rig.BLADE_PROPERTIES).tags(TAGS)
        .build());
  }

  /** {@code p.burst()} provisions released at once from as many threads; their latencies. */
  private static List<Long> burst(InstancePlugin plugin, Params p) {
    List<Long> burst = Collections.synchronizedList(new ArrayList<>());
    ExecutorService callers = Executors.newFixedThreadPool(p.burst());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<InstanceId>> futures = new ArrayList<>();
      for (int i = 0; i < p.burst(); i++) {
        futures.add(callers.submit(() -> {
          go.await();
          long t0 = System.nanoTime();
          InstanceId id = provision(plugin);
          burst.add(System.nanoTime() - t0);
          return id;
        }));
      }
      go.countDown();
      for (Future<InstanceId> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("burst provision failed: " + e, e);
    } finally {
      callers.shutdownNow();
    }
    return burst;
  }
}
