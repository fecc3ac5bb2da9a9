package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.infrakit.rpc.PluginServer;
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
import java.util.stream.Stream;

/**
 * A OneView simulator, the plugin on it, and the plugin served on a Unix socket in a fresh private
 * directory: everything {@code infrakit-instance-oneview --simulator} runs, in this process, so a
 * demo or a test can watch the appliance side as well.
 */
final class EmbeddedPlugin implements AutoCloseable {

  /** The plugin's name, hence its socket file name, as InfraKit group configs refer to it. */
  static final String NAME = "instance-oneview";

  private final OneViewSimulator simulator;
  private final OneView oneView;
  private final OneViewInstancePlugin plugin;
  private final PluginServer server;
  private final Path directory;

  private EmbeddedPlugin(OneViewSimulator simulator, OneView oneView, OneViewInstancePlugin plugin,
      PluginServer server, Path directory) {
    this.simulator = simulator;
    this.oneView = oneView;
    this.plugin = plugin;
    this.server = server;
    this.directory = directory;
  }

  /**
   * Starts {@code servers} simulated servers whose every OneView task takes {@code taskDuration}, and
   * the plugin listing OneView every {@code refreshInterval}.
   */
  static EmbeddedPlugin start(int servers, Duration taskDuration, Duration refreshInterval) {
    Path directory = privateDirectory();
    OneViewSimulator simulator = null;
    OneView oneView = null;
    OneViewInstancePlugin plugin = null;
    try {
      simulator = OneViewSimulator.builder().servers(servers).taskDurations(taskDuration).build().start();
      oneView = OneViewTarget.connect(simulator);
      // A lab: every simulated server is the plugin's, including those the simulator seeds powered on.
      plugin = OneViewInstancePlugin.builder().oneView(oneView).refreshInterval(refreshInterval)
          .powerOffFreeServers(true).build().start();
      PluginServer server = PluginServer.builder().name(NAME).pluginsDirectory(directory)
          .instancePlugin(plugin).shutdownHook(false).build().start();
      return new EmbeddedPlugin(simulator, oneView, plugin, server, directory);
    } catch (RuntimeException e) {
      closeQuietly(plugin, oneView, simulator);
      delete(directory);
      throw e;
    }
  }

  /** A directory only this user can use (the plugin server insists), short enough for a socket path. */
  private static Path privateDirectory() {
    try {
      Path tmp = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
      return Files.createTempDirectory(tmp, "ovex",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  OneViewSimulator simulator() {
    return simulator;
  }

  OneViewInstancePlugin plugin() {
    return plugin;
  }

  Path socketPath() {
    return server.socketPath();
  }

  @Override
  public void close() {
    closeQuietly(server, plugin, oneView, simulator);
    delete(directory);
  }

  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        // shutting a demo down: nothing more useful to do than carry on closing the rest
      }
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
