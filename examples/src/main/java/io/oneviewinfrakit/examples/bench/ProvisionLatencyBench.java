package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 1: Provision RPC latency over the real Unix socket while many provisions are in flight
 * with long OneView tasks. Target: p99 &lt; 100 ms.
 *
 * <p>Every simulator task takes {@code taskDuration} (60 s), so every provision stays in flight for
 * the whole run. Phases: a warm-up of {@code warmup} provisions (not measured, but they stay in
 * flight), a burst of {@code burst} provisions issued at once from as many client threads, then
 * {@code sequential} provisions one after another (as one group controller issues them), while all
 * earlier ones are still in flight. The run does not wait for the tasks: closing the plugin stops
 * its background work.
 */
public final class ProvisionLatencyBench {

  public record Params(int warmup, int burst, int sequential, Duration taskDuration) {
    public static Params full() {
      return new Params(32, 64, 128, Duration.ofSeconds(60));
    }

    public static Params smoke() {
      return new Params(2, 4, 4, Duration.ofSeconds(60));
    }

    int servers() {
      // The standard inventory has ceil(3n/4) blades; every provision takes one.
      return ((warmup + 2 * burst + sequential) * 4 + 2) / 3 + 16;
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
        .setup("phases: " + p.warmup() + " warm-up provisions (not measured), a burst of " + p.burst()
            + " provisions issued at once from " + p.burst() + " client threads, a second such burst, then "
            + p.sequential() + " sequential provisions; no task completes during the run (the "
            + "plugin's --max-backlog raised to hold them all)");
    // Every provision of the run stays in flight (no task ends): a backlog above the default 256.
    try (Rig rig = Rig.start(OneViewSimulator.builder().servers(p.servers())
        .taskDurations(p.taskDuration()), b -> {},
        b -> b.maxBacklog(p.warmup() + 2 * p.burst() + p.sequential() + 1))) {
      Map<String, String> tags = Map.of("infrakit.group", "bench1");
      for (int i = 0; i < p.warmup(); i++) {
        rig.provision(tags);
      }
      List<Long> burst = burst(rig, p, tags);
      List<Long> burst2 = burst(rig, p, tags);
      List<Long> sequential = new ArrayList<>();
      for (int i = 0; i < p.sequential(); i++) {
        long t0 = System.nanoTime();
        rig.provision(tags);
        sequential.add(System.nanoTime() - t0);
      }
      int inFlight = rig.describe(tags, false).size();
      int pending = rig.sim.pendingTasks();
      List<Long> all = new ArrayList<>(burst);
      all.addAll(burst2);
      all.addAll(sequential);
      Stats b = Stats.of(burst);
      Stats b2 = Stats.of(burst2);
      Stats s = Stats.of(sequential);
      Stats a = Stats.of(all);
      result.row("Provision p99, all measured calls", "< 100 ms", Stats.ms(a.p99Ms()) + " ms",
              a.p99Ms() < 100)
          .info("Provision p50, all measured calls", Stats.ms(a.medianMs()) + " ms (n=" + a.count() + ")")
          .info("first burst of " + p.burst() + " concurrent calls (" + p.warmup() + " in flight)",
              b.summary())
          .info("second burst of " + p.burst() + " concurrent calls (" + (p.warmup() + p.burst())
              + " in flight)", b2.summary())
          .info("sequential calls (" + (p.warmup() + 2 * p.burst()) + "+ in flight)", s.summary())
          .row("Provision p99, sequential calls only", "< 100 ms", Stats.ms(s.p99Ms()) + " ms",
              s.p99Ms() < 100)
          .info("instances listed at the end / OneView tasks still running",
              inFlight + " / " + pending);
    }
    return result;
  }

  /** {@code p.burst()} provisions released at once from as many threads; their latencies. */
  private static List<Long> burst(Rig rig, Params p, Map<String, String> tags) {
      List<Long> burst = Collections.synchronizedList(new ArrayList<>());
      ExecutorService callers = Executors.newFixedThreadPool(p.burst());
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<InstanceId>> futures = new ArrayList<>();
        for (int i = 0; i < p.burst(); i++) {
          futures.add(callers.submit(() -> {
            go.await();
            long t0 = System.nanoTime();
            InstanceId id = rig.provision(tags);
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

