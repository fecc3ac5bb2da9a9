package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.oneview.OneView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Scenario 5: footprint. (a) Plugin start to socket ready: the real executable jar
 * ({@code plugin-oneview/target/infrakit-instance-oneview.jar --simulator=16}) is started as a child
 * process and timed until its socket answers the handshake; target &lt; 2 s. (b) Heap after GC and
 * RSS with {@code instances} instances: the plugin runs in this JVM (SDK, plugin, PluginServer and
 * a socket client, nothing else), the OneView simulator in a child JVM so its state is not counted;
 * {@code instances} are provisioned over the socket, then {@code System.gc()} and the
 * {@code MemoryMXBean}; RSS from {@code /proc/self/status}. Target: heap &lt; 64 MB.
 */
public final class FootprintBench {

  /** {@code pluginJar} empty = start {@code io.oneviewinfrakit.plugin.Main} from this classpath. */
  public record Params(int startupRuns, Optional<Path> pluginJar, int instances, Duration refresh) {
    public static Params full() {
      return new Params(3, findPluginJar(), 1000, Duration.ofSeconds(5));
    }

    public static Params smoke() {
      return new Params(1, Optional.empty(), 4, Duration.ofMillis(200));
    }
  }

  private static final String PLUGIN_JAR = "plugin-oneview/target/infrakit-instance-oneview.jar";

  private FootprintBench() {}

  public static void main(String[] args) {
    Rig.quietLogs();
    System.out.println(run(Params.full()).toMarkdown());
  }

  public static ScenarioResult run(Params p) {
    ScenarioResult result = new ScenarioResult("5. Footprint");
    String launch = p.pluginJar().map(j -> "java -jar " + j).orElse(
        "java -cp <this classpath> io.oneviewinfrakit.plugin.Main");
    result.setup("start-up: `" + launch + " --simulator=16 --plugins-dir <tmp>` as a child process, "
        + "default JVM flags; timed from process start until `Handshake.Hello` over the socket "
        + "answers; includes JVM start, the embedded simulator (TLS key generation) and the first "
        + "OneView listing; median of " + p.startupRuns())
        .setup("memory: plugin + SDK + PluginServer + socket client in the benchmark JVM (JVM flags: "
            + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
            + "; plugin refresh " + Durations.of(p.refresh()) + "), simulator in a child JVM (HTTP, instant tasks, " + simServers(p) + " servers); "
            + p.instances() + " instances provisioned over the socket and settled (Running); "
            + "heap used after 3 x System.gc()");

    List<Double> startups = new ArrayList<>();
    long childRss = -1;
    for (int i = 0; i < p.startupRuns(); i++) {
      Startup s = startPlugin(p.pluginJar());
      startups.add(s.millis());
      childRss = s.rssKb();
    }
    double startupMs = Stats.median(startups);
    double versionMs = jvmBaselineMs(p.pluginJar(), p.startupRuns());
    result.row("plugin start to socket ready (median)", "< 2 s", Stats.ms(startupMs) + " ms"
        + (startups.size() > 1 ? " (runs: " + startups.stream().map(Stats::ms)
            .reduce((a, b) -> a + ", " + b).orElse("") + " ms)" : ""), startupMs < 2000)
        .info("same JVM and jar, `--version` only (JVM start + class loading + picocli, exit)",
            Stats.ms(versionMs) + " ms")
        .info("child plugin RSS just after ready (16 simulated servers in-process)",
            childRss < 0 ? "n/a" : childRss / 1024 + " MB");

    Memory before;
    Memory after;
    try (ChildSimulator sim = ChildSimulator.start(simServers(p))) {
      OneView ov = Rig.sdk(sim.url, "Administrator", ChildSimulator.PASSWORD, null,
          b -> b.taskPolling(Duration.ofMillis(20), Duration.ofMillis(100)));
      try (Rig rig = Rig.external(ov, b -> b.refreshInterval(p.refresh()))) {
        rig.describe(Map.of(), false);
        before = Memory.measure();
        for (int i = 0; i < p.instances(); i++) {
          rig.provisionPatiently(Map.of("infrakit.group", "group-" + (i % 10)));
        }
        boolean settled = Rig.await(Duration.ofMinutes(5), () -> {
          List<InstanceDescription> all = rig.describe(Map.of(), true);
          return all.size() == p.instances()
              && all.stream().allMatch(d -> "Running".equals(Rig.phase(d)));
        });
        if (!settled) {
          throw new IllegalStateException("the " + p.instances() + " instances did not settle");
        }
        // Let a refresh that started after the last write replace the in-flight entries.
        Rig.sleep(p.refresh().plusSeconds(1));
        rig.describe(Map.of(), true);
        after = Memory.measure();
      } finally {
        ov.close();
      }
    }
    result.row("heap used after GC, " + p.instances() + " instances", "< 64 MB",
            mb(after.heapUsed), after.heapUsed < 64L * 1024 * 1024)
        .info("heap used after GC, plugin started, 0 instances", mb(before.heapUsed))
        .info("heap per instance", String.format(Locale.ROOT, "%.1f KB",
            (after.heapUsed - before.heapUsed) / 1024.0 / Math.max(1, p.instances())))
        .info("heap committed / RSS (benchmark JVM), " + p.instances() + " instances",
            mb(after.heapCommitted) + " / " + (after.rssKb < 0 ? "n/a" : after.rssKb / 1024 + " MB"));
    return result;
  }

  private static int simServers(Params p) {
    return (p.instances() * 4 + 2) / 3 + 16;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
  }

  private record Memory(long heapUsed, long heapCommitted, long rssKb) {
    static Memory measure() {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Rig.sleep(Duration.ofMillis(200));
      }
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      return new Memory(heap.getUsed(), heap.getCommitted(),
          FootprintBench.rssKb(Path.of("/proc/self/status")));
    }
  }

  /** VmRSS in KB from a /proc status file, or -1. */
  static long rssKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  private record Startup(double millis, long rssKb) {}

  private static Startup startPlugin(Optional<Path> jar) {
    Path dir = Rig.privateTempDir("ovstart");
    Path log = dir.resolve("plugin.log");
    List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
    if (jar.isPresent()) {
      command.addAll(List.of("-jar", jar.get().toString()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          "io.oneviewinfrakit.plugin.Main"));
    }
    command.addAll(List.of("--simulator=16", "--plugins-dir", dir.toString()));
    Path socket = dir.resolve("instance-oneview");
    Process process = null;
    try {
      long t0 = System.nanoTime();
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the plugin exited with " + process.exitValue() + ": "
              + Files.readString(log));
        }
        if (Files.exists(socket)) {
          try (InstancePluginClient client = InstancePluginClient.connect(socket)) {
            client.interfaces();
            long ready = System.nanoTime() - t0;
            return new Startup(ready / 1e6, rssKb(Path.of("/proc/" + process.pid() + "/status")));
          } catch (RuntimeException e) {
            // not answering yet
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the plugin did not answer within 60 s: "
              + Files.readString(log));
        }
        Thread.sleep(5);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      ChildJvm.stop(process);
      Rig.deleteTree(dir);
    }
  }

  /** Wall time of {@code --version} (JVM start, jar, picocli), median of {@code runs}. */
  private static double jvmBaselineMs(Optional<Path> jar, int runs) {
    List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
    if (jar.isPresent()) {
      command.addAll(List.of("-jar", jar.get().toString()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          "io.oneviewinfrakit.plugin.Main"));
    }
    command.add("--version");
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < Math.max(1, runs); i++) {
      try {
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          ChildJvm.stop(process);
        }
        times.add((System.nanoTime() - t0) / 1e6);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return Stats.median(times);
  }

  /** The plugin jar from {@code -Dbench.pluginJar}, or below the working directory or a parent. */
  static Optional<Path> findPluginJar() {
    String configured = System.getProperty("bench.pluginJar");
    if (configured != null) {
      return Optional.of(Path.of(configured));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve(PLUGIN_JAR);
      if (Files.isRegularFile(jar)) {
        return Optional.of(jar);
      }
    }
    return Optional.empty();
  }

  /** The standalone OneView simulator in a child JVM, plain HTTP, instant tasks. */
  static final class ChildSimulator implements AutoCloseable {
    static final String PASSWORD = "bench-password";
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    private final ChildJvm jvm;
    final String url;

    private ChildSimulator(ChildJvm jvm) {
      this.jvm = jvm;
      this.url = jvm.ready().group(1);
    }

    static ChildSimulator start(int servers) {
      return new ChildSimulator(ChildJvm.start("io.oneviewinfrakit.simulator.Main", List.of(
          "--port", "0", "--http", "--password", PASSWORD, "--servers", Integer.toString(servers),
          "--task-seconds", "0"), LISTENING, true));
    }

    @Override
    public void close() {
      jvm.stop();
    }
  }
}
