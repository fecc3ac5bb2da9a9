package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerProfileView;
import io.oneviewinfrakit.simulator.TaskKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A simulator, the plugin on it, served on a real Unix socket in a short /tmp directory, and an
 * InfraKit client talking to that socket. {@link #restart()} replaces the plugin (and its OneView
 * session and socket server) with a fresh one on the same simulator, as a plugin restart would.
 */
final class PluginHarness implements AutoCloseable {

  static final String BLADE_TEMPLATE = "Docker-Gen8-Template";
  static final String RACK_TEMPLATE = "Rack-DL360-Template";
  static final RawJson BLADE_PROPERTIES = RawJson.of("{\"TemplateName\":\"" + BLADE_TEMPLATE + "\"}");

  final OneViewSimulator sim;
  private final Path dir;
  private final Consumer<OneViewInstancePlugin.Builder> pluginConfig;
  private OneView oneView;
  private OneViewInstancePlugin plugin;
  private PluginServer server;
  private InstancePluginClient client;

  private PluginHarness(OneViewSimulator sim, Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    this.sim = sim;
    this.pluginConfig = pluginConfig;
    this.dir = PrivateDirectory.create("ovp");
    startPlugin();
  }

  /** A simulator with {@code servers} servers, every task taking {@code taskDuration}. */
  static PluginHarness start(int servers, Duration taskDuration) {
    return start(servers, taskDuration, b -> {});
  }

  /**
   * A lab simulator whose free servers are all the plugin's to take, including the quarter the
   * simulator seeds powered on ({@code powerOffFreeServers}, which {@code pluginConfig} may turn
   * off again). Tests of the safe default build their simulator and use {@link #on}.
   */
  static PluginHarness start(int servers, Duration taskDuration,
      Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    OneViewSimulator sim = OneViewSimulator.builder().servers(servers)
        .taskDurations(taskDuration).build().start();
    return new PluginHarness(sim, b -> pluginConfig.accept(b.powerOffFreeServers(true)));
  }

  /** The plugin on a simulator the test built (e.g. with its own inventory); closes it at the end. */
  static PluginHarness on(OneViewSimulator sim, Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    return new PluginHarness(sim, pluginConfig);
  }

  static OneView oneViewOf(OneViewSimulator sim) {
    return OneView.builder().url(sim.url())
        .credentials(sim.username(), sim.password().toCharArray())
        .trust(sim.certificatePem())
        .taskPolling(Duration.ofMillis(20), Duration.ofMillis(100))
        .retries(1, Duration.ofMillis(20), Duration.ofMillis(50))
        .build();
  }

  private void startPlugin() {
    oneView = oneViewOf(sim);
    OneViewInstancePlugin.Builder builder = OneViewInstancePlugin.builder().oneView(oneView)
        .refreshInterval(Duration.ofMillis(200))
        .maxStaleness(Duration.ofSeconds(5))
        .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .powerOnGrace(Duration.ofMillis(300))
        .createLookupWait(Duration.ofSeconds(5));
    pluginConfig.accept(builder);
    plugin = builder.build().start();
    server = PluginServer.builder().name("instance-oneview").pluginsDirectory(dir)
        .instancePlugin(plugin).shutdownHook(false).build().start();
    client = InstancePluginClient.connect(server.socketPath());
  }

  /** Stops this plugin (interrupting its background work, like a crash) and starts a new one. */
  void restart() {
    stopPlugin();
    startPlugin();
  }

  InstancePluginClient client() {
    return client;
  }

  OneViewInstancePlugin plugin() {
    return plugin;
  }

  Path socket() {
    return server.socketPath();
  }

  InstanceId provision(Map<String, String> tags) {
    return client.provision(InstanceSpec.builder().properties(BLADE_PROPERTIES).tags(tags).build());
  }

  List<InstanceDescription> describe(Map<String, String> tags) {
    return client.describeInstances(tags, true);
  }

  /** The phase in Properties, or empty when the instance is not listed. */
  Optional<String> phase(InstanceId id) {
    return client.describeInstances(Map.of(), true).stream()
        .filter(d -> d.id().equals(id)).findFirst()
        .map(d -> Json.field(d.properties(), "phase"));
  }

  /** Profiles on the simulator that carry this harness plugin's envelope (any namespace). */
  List<ServerProfileView> envelopedProfiles() {
    return sim.serverProfiles().stream()
        .filter(p -> p.description() != null && p.description().startsWith(EnvelopeCodec.PREFIX))
        .toList();
  }

  /** True when no task is running and the listing shows exactly {@code expected} settled instances. */
  boolean settled(int expected) {
    if (sim.pendingTasks() > 0) {
      return false;
    }
    List<InstanceDescription> all = client.describeInstances(Map.of(), true);
    return all.size() == expected && envelopedProfiles().size() == expected
        && all.stream().allMatch(d -> "Running".equals(Json.field(d.properties(), "phase")));
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes (then fails with {@code what}). */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    AssertionError last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        last = e instanceof AssertionError a ? a : new AssertionError(e);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what);
    if (last != null) {
      failure.initCause(last);
    }
    throw failure;
  }

  /** Which hardware each enveloped profile sits on: hardware URI to profile count. */
  Map<String, Long> profilesPerServer() {
    return envelopedProfiles().stream().filter(p -> p.serverHardwareUri() != null)
        .collect(Collectors.groupingBy(ServerProfileView::serverHardwareUri, Collectors.counting()));
  }

  void holdProfileCreates() {
    sim.holdTasks(TaskKind.PROFILE_CREATE);
  }

  private void stopPlugin() {
    for (AutoCloseable c : new AutoCloseable[] {client, server, plugin, oneView}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing a test fixture: nothing to do about it
      }
    }
  }

  @Override
  public void close() {
    stopPlugin();
    sim.close();
    PrivateDirectory.delete(dir);
  }
}
