package io.oneviewinfrakit.examples.bench;

import ch.qos.logback.classic.Level;
import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.plugin.OneViewInstancePlugin;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The in-process wiring every scenario shares: a OneView simulator (embedded, or an already running
 * one given by URL), the SDK on it, the plugin, the plugin served by a {@link PluginServer} on a real
 * Unix socket in a short private /tmp directory, and an {@link InstancePluginClient} on that socket,
 * i.e. the same path an InfraKit group controller's requests take.
 */
public final class Rig implements AutoCloseable {

  public static final String BLADE_TEMPLATE = "Docker-Gen8-Template";
  public static final RawJson BLADE_PROPERTIES =
      RawJson.of("{\"TemplateName\":\"" + BLADE_TEMPLATE + "\"}");

  /** Embedded simulator, or null when the rig talks to an external one. */
  public final OneViewSimulator sim;
  public final OneView oneView;
  public final OneViewInstancePlugin plugin;
  public final PluginServer server;
  public final InstancePluginClient client;
  private final Path dir;

  private Rig(OneViewSimulator sim, OneView oneView,
      Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    this.sim = sim;
    this.oneView = oneView;
    this.dir = privateTempDir("ovbench");
    // A lab: every simulated server is the plugin's, including those the simulator seeds powered on.
    OneViewInstancePlugin.Builder builder = OneViewInstancePlugin.builder().oneView(oneView)
        .powerOffFreeServers(true);
    pluginConfig.accept(builder);
    OneViewInstancePlugin p = builder.build().start();
    this.plugin = p;
    this.server = PluginServer.builder().name("instance-oneview").pluginsDirectory(dir)
        .instancePlugin(p).shutdownHook(false).build().start();
    this.client = InstancePluginClient.connect(server.socketPath());
  }

  /** An embedded simulator built by {@code simulator}, then the SDK, plugin, server and client on it. */
  public static Rig start(OneViewSimulator.Builder simulator, Consumer<OneView.Builder> sdkConfig,
      Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    return start(simulator, sim -> {}, sdkConfig, pluginConfig);
  }

  /** As above, with {@code simSetup} run on the started simulator before the plugin's first listing. */
  public static Rig start(OneViewSimulator.Builder simulator, Consumer<OneViewSimulator> simSetup,
      Consumer<OneView.Builder> sdkConfig, Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    OneViewSimulator sim = simulator.build().start();
    try {
      simSetup.accept(sim);
      OneView ov = sdk(sim.url(), sim.username(), sim.password(), sim.certificatePem(), sdkConfig);
      return new Rig(sim, ov, pluginConfig);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** The SDK, plugin, server and client on a simulator already started (closed with the Rig). */
  public static Rig on(OneViewSimulator sim, Consumer<OneView.Builder> sdkConfig,
      Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    try {
      OneView ov = sdk(sim.url(), sim.username(), sim.password(), sim.certificatePem(), sdkConfig);
      return new Rig(sim, ov, pluginConfig);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** The SDK, plugin, server and client on an already running appliance (no simulator owned). */
  public static Rig external(OneView oneView, Consumer<OneViewInstancePlugin.Builder> pluginConfig) {
    return new Rig(null, oneView, pluginConfig);
  }

  /** An SDK client for a simulator; {@code pem} null means plain HTTP. */
  public static OneView sdk(String url, String user, String password, String pem,
      Consumer<OneView.Builder> config) {
    OneView.Builder b = OneView.builder().url(url).credentials(user, password.toCharArray());
    if (pem != null) {
      b.trust(pem);
    }
    config.accept(b);
    return b.build();
  }

  public Path socket() {
    return server.socketPath();
  }

  public InstanceId provision(Map<String, String> tags) {
    return client.provision(InstanceSpec.builder().properties(BLADE_PROPERTIES).tags(tags).build());
  }

  /**
   * Provisions as InfraKit's group controller does when the plugin's backlog is full: a refused
   * call ("refused: N provisions are already in progress") is made again a little later.
   */
  public InstanceId provisionPatiently(Map<String, String> tags) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      try {
        return provision(tags);
      } catch (io.oneviewinfrakit.infrakit.spi.PluginException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("refused:")
            || System.nanoTime() > deadline) {
          throw e;
        }
        sleep(Duration.ofMillis(100));
      }
    }
  }

  public List<InstanceDescription> describe(Map<String, String> tags, boolean properties) {
    return client.describeInstances(tags, properties);
  }

  /** The {@code phase} in an instance's Properties (a flat string field), or null. */
  public static String phase(InstanceDescription d) {
    if (d.properties() == null) {
      return null;
    }
    String json = d.properties().json();
    String key = "\"phase\":\"";
    int i = json.indexOf(key);
    if (i < 0) {
      return null;
    }
    int start = i + key.length();
    int end = json.indexOf('"', start);
    return end < 0 ? null : json.substring(start, end);
  }

  /** Polls {@code condition} every 20 ms until it holds; false after {@code timeout}. */
  public static boolean await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (RuntimeException e) {
        // not yet (e.g. the plugin reports OneView as not listed yet)
      }
      sleep(Duration.ofMillis(20));
    }
    return false;
  }

  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Log only warnings: the plugin logs a line per provision, which would swamp the figures. */
  public static void quietLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
      ctx.getLogger("io.oneviewinfrakit").setLevel(Level.WARN);
      ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    }
  }

  /** A private (0700) directory under /tmp: Unix socket paths must stay short. */
  static Path privateTempDir(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("/tmp"), prefix,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {client, server, plugin, oneView, sim}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort: a benchmark shutting down
      }
    }
    deleteTree(dir);
  }
}
