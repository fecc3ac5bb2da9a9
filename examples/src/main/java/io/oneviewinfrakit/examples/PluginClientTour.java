package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.InterfaceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Drives a running OneView instance plugin over its socket, as InfraKit does, and prints what
 * happened: validate, provision N instances, describe them until they run, label them, destroy them.
 *
 * <p>It destroys only the instances it provisioned. Against a plugin on a real appliance it creates N
 * real server profiles (and powers N servers on, then off).
 *
 * <p>Run it: {@code java -cp examples/target/examples.jar io.oneviewinfrakit.examples.PluginClientTour
 * [SOCKET] [--count N] [--template NAME]}, with the plugin already running (e.g.
 * {@code java -jar plugin-oneview/target/infrakit-instance-oneview.jar --simulator}); or with
 * {@code --embedded} to start a simulator and the plugin in this process first.
 */
@Command(name = "PluginClientTour", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = ProvisionOne.Version.class,
    description = "Validate, provision, describe, label and destroy instances through a plugin's socket.")
public final class PluginClientTour implements Callable<Integer> {

  /** Where InfraKit (and the plugin by default) puts the plugin's socket. */
  static final Path DEFAULT_SOCKET = Path.of(System.getProperty("user.home"), ".infrakit", "plugins",
      EmbeddedPlugin.NAME);

  @Parameters(arity = "0..1", paramLabel = "SOCKET",
      description = "the plugin's socket (default: ~/.infrakit/plugins/instance-oneview)")
  Path socket = DEFAULT_SOCKET;

  @Option(names = "--count", paramLabel = "N", description = "instances to provision (default: ${DEFAULT-VALUE})")
  int count = 2;

  @Option(names = "--template", paramLabel = "NAME",
      description = "the TemplateName instance property (default: ${DEFAULT-VALUE})")
  String templateName = "Docker-Gen8-Template";

  @Option(names = "--group", paramLabel = "ID",
      description = "the infrakit.group tag put on the instances (default: ${DEFAULT-VALUE})")
  String group = "tour";

  @Option(names = "--poll-millis", paramLabel = "MS",
      description = "how often to describe while waiting (default: ${DEFAULT-VALUE})")
  long pollMillis = 1000;

  @Option(names = "--timeout-minutes", paramLabel = "N",
      description = "how long to wait for the instances to run (default: ${DEFAULT-VALUE})")
  long timeoutMinutes = 30;

  @Option(names = "--embedded",
      description = "start a OneView simulator and the plugin in this process and tour that")
  boolean embedded;

  @Option(names = "--yes", description = "tour the plugin at SOCKET although it may drive a real appliance "
      + "(it provisions and destroys instances there); not needed with --embedded")
  boolean yes;

  @Option(names = "--embedded-task-millis", paramLabel = "MS",
      description = "with --embedded: how long each simulated OneView task takes (default: ${DEFAULT-VALUE})")
  long embeddedTaskMillis = 1000;

  /** What the tour did, for callers that check it. */
  record Outcome(List<InstanceId> provisioned, List<InstanceDescription> running, List<InstanceDescription> labelled,
      List<InstanceDescription> afterDestroy) {}

  /** Where the story goes (tests substitute it). */
  PrintStream out = System.out;

  public static void main(String... args) {
    System.exit(ProvisionOne.commandLine(new PluginClientTour()).execute(args));
  }

  @Override
  public Integer call() {
    // With --embedded: simulator + plugin + socket server here, on a private socket.
    if (embedded) {
      try (EmbeddedPlugin running = EmbeddedPlugin.start(OneViewTarget.SIMULATOR_SERVERS,
          Duration.ofMillis(embeddedTaskMillis), Duration.ofMillis(Math.min(pollMillis, 500)))) {
        out.println("Started an embedded simulator and plugin on " + running.socketPath());
        try {
          tour(running.socketPath(), out);
        } finally {
          // The plugin deletes in the background, also after a failed tour: let it finish first.
          awaitAppliance(running.simulator(), Duration.ofMinutes(timeoutMinutes));
        }
        out.println("OneView (simulated): every profile deleted, no task running");
      }
    } else {
      if (!yes) {
        throw new IllegalArgumentException("the plugin at " + socket + " may drive a real OneView: the tour "
            + "provisions and destroys instances there. Add --yes to go on, or use --embedded");
      }
      tour(socket, out);
    }
    return 0;
  }

  /** Tours the plugin at {@code socketPath}, printing each step to {@code out}. */
  Outcome tour(Path socketPath, PrintStream out) {
    try (InstancePluginClient plugin = InstancePluginClient.connect(socketPath)) {
      // 0. Handshake: which interfaces the plugin serves.
      out.println("Plugin " + socketPath + " implements " + plugin.interfaces().stream()
          .map(InterfaceSpec::toString).collect(Collectors.joining(", ")));

      // 1. Validate: the group controller does this on commit; a bad config is refused with a reason.
      RawJson properties = RawJson.of("{\"TemplateName\":\"" + templateName.replace("\"", "\\\"") + "\"}");
      plugin.validate(properties);
      out.println("Validate " + properties.json() + ": ok");
      RawJson misspelt = RawJson.of("{\"templatename\":\"" + templateName.replace("\"", "\\\"") + "\"}");
      try {
        plugin.validate(misspelt);
        out.println("Validate " + misspelt.json() + ": ok (unexpected)");
      } catch (PluginException e) {
        out.println("Validate " + misspelt.json() + ": refused: " + e.getMessage());
      }

      // 2. Provision: each call returns an ID within milliseconds; OneView's work goes on behind it.
      Map<String, String> groupTag = Map.of("infrakit.group", group);
      List<InstanceId> ids = new ArrayList<>();
      try {
        return provisionLabelDestroy(plugin, properties, groupTag, ids, out);
      } catch (RuntimeException e) {
        // The tour provisions real servers: whatever step failed, it destroys what it created.
        destroyAfterFailure(plugin, ids, e, out);
        throw e;
      }
    }
  }

  private void destroyAfterFailure(InstancePluginClient plugin, List<InstanceId> ids, RuntimeException failure,
      PrintStream out) {
    out.println("Tour failed: " + failure.getMessage() + "; destroying the " + ids.size()
        + " instances it provisioned");
    for (InstanceId id : ids) {
      try {
        plugin.destroy(id, DestroyContext.TERMINATE);
        out.println("Destroy " + id + ": accepted");
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
        out.println("Destroy " + id + " failed: " + e.getMessage() + " (destroy it by hand)");
      }
    }
  }

  /** Steps 2 to 5; every ID provisioned is added to {@code ids} at once, so a failure can undo it. */
  private Outcome provisionLabelDestroy(InstancePluginClient plugin, RawJson properties,
      Map<String, String> groupTag, List<InstanceId> ids, PrintStream out) {
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      InstanceId id = plugin.provision(InstanceSpec.builder().properties(properties)
          .tags(groupTag).tag("infrakit.config.hash", "tour0example0hash").build());
      ids.add(id);
      out.printf("Provision -> %s (%d ms)%n", id, (System.nanoTime() - started) / 1_000_000);
    }

    // 3. Describe until every instance runs, printing the phases whenever they change.
    Set<InstanceId> mine = new HashSet<>(ids);
    List<InstanceDescription> running = awaitListing(plugin, groupTag, mine, out,
        listed -> listed.size() == mine.size()
            && listed.stream().allMatch(d -> "Running".equals(PluginProperties.phase(d))));
    for (InstanceDescription d : running) {
      out.println("  " + d.id() + "  " + PluginProperties.phase(d) + "  server " + PluginProperties.serverName(d)
          + "  profile " + PluginProperties.profileName(d));
    }

    // 4. Label: merge a tag into each instance (kept in its profile, listed at once).
    for (InstanceId id : ids) {
      plugin.label(id, Map.of("tour.label", "hello"));
    }
    List<InstanceDescription> labelled = mineOf(plugin.describeInstances(Map.of("tour.label", "hello"), false), mine);
    out.println("Label tour.label=hello: " + labelled.size() + " of " + ids.size() + " instances listed with it");
    for (InstanceDescription d : labelled) {
      out.println("  " + d.id() + "  " + new TreeMap<>(d.tags()));
    }

    // 5. Destroy: hidden from the listing at once; the plugin powers off and deletes in the background.
    for (InstanceId id : ids) {
      plugin.destroy(id, DestroyContext.TERMINATE);
      out.println("Destroy " + id + ": accepted");
    }
    List<InstanceId> destroyed = List.copyOf(ids);
    ids.clear(); // destroyed: nothing left to undo
    List<InstanceDescription> after = mineOf(plugin.describeInstances(groupTag, false), mine);
    out.println("Describe after destroy: " + after.size() + " of the tour's instances listed "
        + "(the plugin powers the servers off and deletes the profiles in the background)");
    return new Outcome(destroyed, running, labelled, after);
  }

  private List<InstanceDescription> awaitListing(InstancePluginClient plugin, Map<String, String> tags,
      Set<InstanceId> mine, PrintStream out, Predicate<List<InstanceDescription>> done) {
    long started = System.nanoTime();
    long deadline = started + Duration.ofMinutes(timeoutMinutes).toNanos();
    String lastSummary = null;
    while (true) {
      List<InstanceDescription> listed = mineOf(plugin.describeInstances(tags, true), mine);
      String summary = listed.size() + " listed: " + listed.stream()
          .collect(Collectors.groupingBy(PluginProperties::phase, TreeMap::new, Collectors.counting()))
          .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
      if (!summary.equals(lastSummary)) {
        out.printf("Describe +%.1fs: %s%n", (System.nanoTime() - started) / 1e9, summary);
        lastSummary = summary;
      }
      if (done.test(listed)) {
        return listed;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("instances not running after " + timeoutMinutes + " min: " + summary);
      }
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the instances", e);
      }
    }
  }

  /** Waits until the simulator holds no profile and runs no task. */
  static void awaitAppliance(OneViewSimulator sim, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(sim.pendingTasks() == 0 && sim.serverProfiles().isEmpty())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the plugin did not delete every profile within " + timeout);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** The instances of this tour only: others in the same group are none of its business. */
  private static List<InstanceDescription> mineOf(List<InstanceDescription> listed, Set<InstanceId> mine) {
    return listed.stream().filter(d -> mine.contains(d.id())).sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }
}
