package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code inventory} with a configuration file: every appliance (or the one of --appliance), in order. */
class InventorySeveralAppliancesTest {

  private OneViewSimulator simA;
  private OneViewSimulator simB;
  private Path dir;
  private Path config;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    simA = OneViewSimulator.builder().servers(4).build().start();
    simB = OneViewSimulator.builder().servers(6).build().start();
    dir = PrivateDirectory.create("inv");
    StringBuilder yaml = new StringBuilder("appliances:\n");
    for (Map.Entry<String, OneViewSimulator> e : Map.of("a", simA, "b", simB).entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).toList()) {
      Files.writeString(dir.resolve(e.getKey() + ".pem"), e.getValue().certificatePem());
      yaml.append("  - {name: ").append(e.getKey()).append(", url: \"").append(e.getValue().url())
          .append("\", user: ").append(e.getValue().username()).append(", password-env: OV_")
          .append(e.getKey().toUpperCase()).append(", ca-cert: ").append(e.getKey()).append(".pem}\n");
    }
    config = Files.writeString(dir.resolve("oneview.yml"), yaml.toString());
  }

  @AfterEach
  void stop() {
    simA.close();
    simB.close();
    PrivateDirectory.delete(dir);
  }

  private int run(String... args) {
    Main main = new Main();
    main.environment = Map.of("OV_A", simA.password(), "OV_B", simB.password())::get;
    CommandLine cmd = new CommandLine(main);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void listsEveryApplianceUnderItsName() {
    assertThat(run("--config", config.toString(), "inventory")).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).containsSubsequence("== appliance a ==", "OneView " + simA.url() + "/"
        + ", namespace \"default\": 2 templates, 4 servers, 2 flavors", "== appliance b ==");
    assertThat(out.toString()).contains("OneView " + simB.url() + "/, namespace \"default\": 2 templates, 6 servers");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void applianceSelectsOneAndNamesTheConfiguredOnesWhenUnknown() {
    assertThat(run("inventory", "--config", config.toString(), "--appliance", "b")).isZero();
    assertThat(out.toString()).contains("OneView " + simB.url()).doesNotContain(simA.url());
    assertThat(run("inventory", "--config", config.toString(), "--appliance", "c")).isEqualTo(Main.USAGE_EXIT_CODE);
    assertThat(err.toString()).contains("--appliance c: no such appliance (configured: a, b)");
  }

  @Test
  void jsonHasEachApplianceUnderItsName() {
    assertThat(run("inventory", "--config", config.toString(), "--json")).isZero();
    String json = out.toString().strip();
    assertThat(json).startsWith("{\"a\":{").contains(",\"b\":{").endsWith("}");
  }

  @Test
  void anApplianceThatIsDownIsReportedAndTheOthersStillListed() {
    simA.close();
    assertThat(run("inventory", "--config", config.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("== appliance b ==", "OneView " + simB.url());
    assertThat(err.toString()).contains("inventory: appliance a: ");
  }
}
