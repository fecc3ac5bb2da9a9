package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every example's command line: help and version without touching OneView, and no real appliance by accident. */
class ExamplesCommandLineTest {

  private static Callable<Integer> example(String name) {
    return switch (name) {
      case "ProvisionOne" -> new ProvisionOne();
      case "ReleaseOne" -> new ReleaseOne();
      case "PluginClientTour" -> new PluginClientTour();
      case "ScaleDemo" -> new ScaleDemo();
      case "SdkQuickStart" -> new SdkQuickStart();
      case "InventoryReport" -> new InventoryReport();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = ProvisionOne.commandLine(command);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ProvisionOne", "ReleaseOne", "PluginClientTour", "ScaleDemo", "SdkQuickStart",
      "InventoryReport"})
  void helpPrintsUsageAndExitsZero(String name) {
    // --help never reaches call(): nothing connects to OneView, embedded or not.
    Run run = run(example(name), "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: " + name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ProvisionOne", "ReleaseOne", "PluginClientTour", "ScaleDemo", "SdkQuickStart",
      "InventoryReport"})
  void versionIsPrinted(String name) {
    Run run = run(example(name), "--version");
    assertThat(run.exit()).isZero();
    assertThat(run.out().strip()).isEqualTo(OneViewTarget.VERSION);
  }

  @Test
  void anApplianceInTheEnvironmentIsNotEnoughToChangeItsServers() {
    // The URL points nowhere: the refusal must come before any connection.
    Map<String, String> env = Map.of(OneViewTarget.URL, "https://127.0.0.1:1", OneViewTarget.USER, "u",
        OneViewTarget.PASSWORD, "p");
    ProvisionOne provision = new ProvisionOne();
    provision.environment = env::get;
    Run refused = run(provision);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("names the appliance https://127.0.0.1:1").contains("add --yes");

    ReleaseOne release = new ReleaseOne();
    release.environment = env::get;
    assertThat(run(release, "--profile", "web-1").err()).contains("add --yes");
  }

  @Test
  void theTourOfAPluginSocketNeedsYesOrEmbedded() {
    Run refused = run(new PluginClientTour(), "/nonexistent/socket");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Add --yes to go on, or use --embedded");
  }
}
