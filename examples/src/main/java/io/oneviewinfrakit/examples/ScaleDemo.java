package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole stack scaling a group 0 → 8 → 2 → 0, with a timeline: a OneView simulator whose tasks
 * take a little while, the plugin on it served on a Unix socket, and a client over that socket
 * ticking like InfraKit's group controller (list the group by its {@code infrakit.group} tag;
 * provision the missing instances in parallel, or destroy the surplus lowest IDs first; wait for
 * those calls; next tick).
 *
 * <p>Run it: {@code java -cp examples/target/examples.jar io.oneviewinfrakit.examples.ScaleDemo
 * [--sizes 8,2,0] [--task-millis 1000]}. Needs no appliance.
 */
@Command(name = "ScaleDemo", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = ProvisionOne.Version.class,
    description = "Scale an InfraKit group of OneView servers 0 -> 8 -> 2 -> 0 on a simulator, printing a timeline.")
public final class ScaleDemo implements Callable<Integer> {

  static final String GROUP = "workers";
  static final Map<String, String> GROUP_TAGS = Map.of(
      "infrakit.group", GROUP,
      "infrakit.config.hash", "h7qqowwvts4tjb65q4aw3qggw3hfgs5u"); // as the controller hashes the spec

  @Option(names = "--sizes", paramLabel = "N,N,...", split = ",",
      description = "the group sizes to scale to, in order (default: 8,2,0)")
  List<Integer> sizes = List.of(8, 2, 0);

  @Option(names = "--servers", paramLabel = "N",
      description = "simulated servers, about three quarters of them blades (default: ${DEFAULT-VALUE})")
  int servers = 16;

  @Option(names = "--task-millis", paramLabel = "MS",
      description = "how long each OneView task (power, profile create, delete) takes (default: ${DEFAULT-VALUE})")
  long taskMillis = 1000;

  @Option(names = "--poll-millis", paramLabel = "MS",
      description = "the group controller's poll interval, and the plugin's refresh interval "
          + "(default: ${DEFAULT-VALUE}; InfraKit's default poll is 10 s)")
  long pollMillis = 250;

  @Option(names = "--step-timeout-seconds", paramLabel = "S",
      description = "give up on a size after this long (default: ${DEFAULT-VALUE})")
  long stepTimeoutSeconds = 120;

  /**
   * One line of the timeline.
   *
   * @param elapsed since the demo started.
   * @param target the size the group is converging to.
   * @param listed instances DescribeInstances listed for the group.
   * @param phases listed instances by phase.
   * @param profiles server profiles on the appliance (what OneView really holds).
   * @param tasks OneView tasks still running.
   * @param action what the controller did on this tick, or "" (nothing), or "converged".
   */
  record Tick(Duration elapsed, int target, int listed, Map<String, Long> phases, int profiles, int tasks,
      String action) {}

  /** Where the story goes (tests substitute it). */
  PrintStream out = System.out;

  public static void main(String... args) {
    System.exit(ProvisionOne.commandLine(new ScaleDemo()).execute(args));
  }

  @Override
  public Integer call() {
    // The stack: simulator (tasks take --task-millis) + plugin + socket server, all in this process.
    try (EmbeddedPlugin stack = EmbeddedPlugin.start(servers, Duration.ofMillis(taskMillis),
        Duration.ofMillis(pollMillis))) {
      out.printf("Simulator with %d servers, OneView tasks %d ms; plugin on %s%n", servers, taskMillis,
          stack.socketPath());
      run(stack, out);
      return 0;
    }
  }

  /** Scales through {@link #sizes} against {@code stack}, printing the timeline; returns it. */
  List<Tick> run(EmbeddedPlugin stack, PrintStream out) {
    List<Tick> timeline = new ArrayList<>();
    long started = System.nanoTime();
    // Like the controller's goroutines: one thread per parallel Provision call.
    ExecutorService calls = Executors.newCachedThreadPool();
    try (InstancePluginClient plugin = InstancePluginClient.connect(stack.socketPath())) {
      out.printf("%9s %6s %6s %8s %5s  %-12s %s%n", "elapsed", "target", "listed", "profiles", "tasks",
          "action", "phases");
      for (int target : sizes) {
        converge(plugin, stack.simulator(), target, calls, started, timeline, out);
      }
    } finally {
      calls.shutdownNow();
    }
    return List.copyOf(timeline);
  }

  /** Ticks until the group is at {@code target}, every instance Running and OneView idle. */
  private void converge(InstancePluginClient plugin, OneViewSimulator sim, int target, ExecutorService calls,
      long started, List<Tick> timeline, PrintStream out) {
    long stepStarted = System.nanoTime();
    long deadline = stepStarted + Duration.ofSeconds(stepTimeoutSeconds).toNanos();
    Tick last = null;
    while (true) {
      // 1. List the group, as every controller tick does.
      List<InstanceDescription> listed = plugin.describeInstances(Map.of("infrakit.group", GROUP), true);
      Map<String, Long> phases = listed.stream()
          .collect(Collectors.groupingBy(PluginProperties::phase, TreeMap::new, Collectors.counting()));
      // What the appliance holds: the demo owns the simulator, so it can show OneView catching up.
      int profiles = sim.serverProfiles().size();
      int tasks = sim.pendingTasks();
      boolean converged = listed.size() == target && phases.getOrDefault("Running", 0L) == target
          && profiles == target && tasks == 0;

      // 2. Act: provision the missing in parallel, or destroy the surplus lowest IDs (string order).
      String action = "";
      if (listed.size() < target) {
        action = "provision " + (target - listed.size());
        provision(plugin, calls, target - listed.size());
      } else if (listed.size() > target) {
        List<InstanceId> surplus = listed.stream().map(InstanceDescription::id).sorted()
            .limit(listed.size() - target).toList();
        action = "destroy " + surplus.size();
        surplus.forEach(id -> plugin.destroy(id, DestroyContext.TERMINATE));
      } else if (converged) {
        action = "converged";
      }

      // 3. Print a line when something changed.
      Tick tick = new Tick(Duration.ofNanos(System.nanoTime() - started), target, listed.size(), phases, profiles,
          tasks, action);
      if (last == null || !sameState(last, tick) || !action.isEmpty()) {
        timeline.add(tick);
        out.printf("%8.2fs %6d %6d %8d %5d  %-12s %s%n", tick.elapsed().toNanos() / 1e9, target, tick.listed(),
            profiles, tasks, action, phases.isEmpty() ? "-" : phases.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        last = tick;
      }
      if (converged) {
        out.printf("          size %d reached in %.2f s%n", target, (System.nanoTime() - stepStarted) / 1e9);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("group not at size " + target + " after " + stepTimeoutSeconds + " s");
      }
      // 4. Wait for the next tick.
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** Provision calls in parallel; the tick waits for all of them, as the controller's does. */
  private static void provision(InstancePluginClient plugin, ExecutorService calls, int missing) {
    List<Callable<InstanceId>> provisions = new ArrayList<>();
    for (int i = 0; i < missing; i++) {
      provisions.add(() -> plugin.provision(InstanceSpec.builder()
          .properties("{\"TemplateName\":\"Docker-Gen8-Template\"}").tags(GROUP_TAGS).build()));
    }
    try {
      for (Future<InstanceId> call : calls.invokeAll(provisions)) {
        try {
          call.get();
        } catch (ExecutionException e) {
          // The controller logs a failed Provision and retries on a later tick; so does the demo.
          System.err.println("Provision failed: " + e.getCause().getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static boolean sameState(Tick a, Tick b) {
    return a.target() == b.target() && a.listed() == b.listed() && Objects.equals(a.phases(), b.phases())
        && a.profiles() == b.profiles() && a.tasks() == b.tasks();
  }
}
