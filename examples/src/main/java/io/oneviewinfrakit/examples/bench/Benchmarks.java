package io.oneviewinfrakit.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the benchmark scenarios of BENCHMARKS.md one after another and prints one Markdown
 * section per scenario (setup, figure / target / result / met?), framed by the machine's load.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * java -cp examples/target/examples.jar io.oneviewinfrakit.examples.bench.Benchmarks      # all
 * java -cp examples/target/examples.jar io.oneviewinfrakit.examples.bench.Benchmarks 1 4  # 1 and 4
 * </pre>
 *
 * Run it from the repository root (scenario 5 starts {@code plugin-oneview/target/*.jar}). Each
 * scenario class also has its own {@code main}.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) {
    Rig.quietLogs();
    List<String> only = List.of(args);
    List<Supplier<ScenarioResult>> scenarios = new ArrayList<>();
    if (only.isEmpty() || only.contains("1")) {
      scenarios.add(() -> ProvisionLatencyBench.run(ProvisionLatencyBench.Params.full()));
    }
    if (only.isEmpty() || only.contains("2")) {
      scenarios.add(() -> ConvergenceBench.warmUp(ConvergenceBench.Params.full(false)));
      scenarios.add(() -> ConvergenceBench.runAfterWarmUp(ConvergenceBench.Params.full(false)));
      scenarios.add(() -> ConvergenceBench.runAfterWarmUp(ConvergenceBench.Params.full(true)));
      scenarios.add(() -> ConvergenceBench.runAfterWarmUp(ConvergenceBench.Params.fullWithBus()));
    }
    if (only.isEmpty() || only.contains("3")) {
      scenarios.add(() -> DescribeBench.run(DescribeBench.Params.full()));
    }
    if (only.isEmpty() || only.contains("4")) {
      scenarios.add(() -> ListingBench.run(ListingBench.Params.full()));
    }
    if (only.isEmpty() || only.contains("5")) {
      scenarios.add(() -> FootprintBench.run(FootprintBench.Params.full()));
    }
    if (only.isEmpty() || only.contains("6")) {
      scenarios.add(() -> SlowClientBench.run(SlowClientBench.Params.full()));
    }
    if (only.isEmpty() || only.contains("7")) {
      scenarios.add(() -> BusBench.run(BusBench.Params.full()));
    }
    if (only.isEmpty() || only.contains("8")) {
      scenarios.add(() -> ThreadsBench.run(ThreadsBench.Params.full()));
    }
    String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    System.out.println("## Benchmark run " + started);
    System.out.println();
    System.out.println("- machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
        + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
        + "JVM flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println("- load average before: " + loadAverage());
    System.out.println();
    long t0 = System.nanoTime();
    for (Supplier<ScenarioResult> scenario : scenarios) {
      long s0 = System.nanoTime();
      ScenarioResult result;
      try {
        result = scenario.get();
      } catch (RuntimeException e) {
        result = new ScenarioResult("scenario failed").note(e.toString());
        e.printStackTrace();
      }
      System.out.println(result.toMarkdown());
      System.out.printf("(scenario took %.0f s; load average now %s)%n%n",
          (System.nanoTime() - s0) / 1e9, loadAverage());
      System.out.flush();
    }
    System.out.printf("- total %.0f s; load average after: %s%n", (System.nanoTime() - t0) / 1e9,
        loadAverage());
    System.exit(0);
  }

  /** The first three fields of /proc/loadavg, or "n/a". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
