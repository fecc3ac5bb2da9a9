package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The plugin as deployed: {@link Main} in a child JVM on this test's classpath, talking to a
 * simulator in the test's JVM (which outlives it), served on its own socket in {@code dir}.
 * Several of these on one simulator with the same namespace are what InfraKit runs on several
 * manager nodes; {@link #kill()} is {@code kill -9}.
 */
final class PluginProcess implements AutoCloseable {

  private final OneViewSimulator sim;
  private final Path dir;
  private final String name;
  private final List<String> extraArgs;
  private final Path log;
  private Process process;
  private InstancePluginClient client;

  /**
   * @param dir a private directory (0700) for the password, CA, socket and log of this plugin
   * @param name the plugin (socket) name
   * @param extraArgs flags added to the command line (e.g. {@code --refresh-interval 200ms})
   */
  PluginProcess(OneViewSimulator sim, Path dir, String name, List<String> extraArgs) {
    this.sim = sim;
    this.dir = dir;
    this.name = name;
    this.extraArgs = List.copyOf(extraArgs);
    this.log = dir.resolve(name + ".log");
  }

  /**
   * A plugin whose appliances are all in {@code args} (e.g. {@code --config FILE}): no connection
   * flags of its own.
   */
  PluginProcess(Path dir, String name, List<String> args) {
    this(null, dir, name, args);
  }

  /** Starts the process (on a stale socket of a killed one, if any) and waits until it answers. */
  PluginProcess start() {
    try {
      Path password = dir.resolve("password");
      if (sim != null && !Files.exists(password)) {
        Files.writeString(password, sim.password(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("ca.pem"), sim.certificatePem(), StandardCharsets.US_ASCII);
      }
      Path plugins = dir.resolve("plugins");
      if (!Files.exists(plugins)) {
        Files.createDirectories(plugins,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"),
          Main.class.getName(),
          "--plugins-dir", plugins.toString(),
          "--name", name));
      if (sim != null) {
        command.addAll(List.of("--url", sim.url(), "--user", sim.username(),
            "--password-file", password.toString(), "--ca-cert", dir.resolve("ca.pem").toString()));
      }
      command.addAll(extraArgs);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().keySet().removeIf(k -> k.startsWith("INFRAKIT_"));
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (client != null) {
      client.close();
    }
    client = InstancePluginClient.connect(socket());
    PluginHarness.await(name + " to answer on its socket", Duration.ofSeconds(60), () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
            + tail(30));
      }
      try {
        client.describeInstances(Map.of(), false);
        return true;
      } catch (PluginException e) {
        // An error the plugin answered (e.g. OneView not listed yet) means it is up.
        return !(e.getCause() instanceof IOException);
      }
    });
    return this;
  }

  InstancePluginClient client() {
    return client;
  }

  Path socket() {
    return dir.resolve("plugins").resolve(name);
  }

  /** SIGKILL, as {@code kill -9}: nothing of the process runs after this returns. */
  void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The process's whole log so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    kill();
  }
}
