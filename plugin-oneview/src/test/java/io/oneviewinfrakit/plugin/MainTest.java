package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void helpDocumentsEveryFlagTheEnvironmentAndAnExampleGroup() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(out.toString()).contains("--url", "--user", "--password-file", "--api-version",
        "--ca-cert", "--insecure", "--name", "--plugins-dir", "--namespace", "--refresh-interval",
        "--simulator", "INFRAKIT_ONEVIEW_OVURL", "INFRAKIT_ONEVIEW_OVUSER", "INFRAKIT_ONEVIEW_OVPASS",
        "INFRAKIT_ONEVIEW_OVAPI", "\"Plugin\": \"instance-oneview\"", "Docker-Gen8-Template",
        "TemplateName", "PowerOn", "ProfileNamePrefix")
        .doesNotContain("--password ");
  }

  @Test
  void thereIsNoPasswordFlag() {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("--url", "https://ov", "--user", "u", "--password", "secret")).isNotZero();
    assertThat(err.toString()).contains("Unknown option").contains("'--password'");
  }

  @Test
  void flagsOverrideTheEnvironmentAndDefaultsApply() {
    Main main = parse(Map.of("INFRAKIT_ONEVIEW_OVURL", "https://env", "INFRAKIT_ONEVIEW_OVUSER", "envuser",
        "INFRAKIT_ONEVIEW_OVAPI", "2000"), "--url", "https://flag", "--refresh-interval", "500ms");
    PluginOptions options = main.options();
    assertThat(options.url()).isEqualTo("https://flag");
    assertThat(options.user()).isEqualTo("envuser");
    assertThat(options.apiVersion()).isEqualTo(2000);
    assertThat(options.name()).isEqualTo("instance-oneview");
    assertThat(options.namespace()).isEqualTo("default");
    assertThat(options.refreshInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.profileTaskTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(options.simulator()).isFalse();
  }

  @Test
  void aMissingApplianceOrABadApiVersionIsExplained() {
    assertThatThrownBy(() -> parse(Map.of()).options())
        .hasMessageContaining("set INFRAKIT_ONEVIEW_OVURL or --url (or try --simulator)");
    assertThatThrownBy(() -> parse(Map.of("INFRAKIT_ONEVIEW_OVURL", "https://ov")).options())
        .hasMessageContaining("INFRAKIT_ONEVIEW_OVUSER");
    assertThatThrownBy(() -> parse(Map.of("INFRAKIT_ONEVIEW_OVURL", "https://ov",
        "INFRAKIT_ONEVIEW_OVUSER", "u", "INFRAKIT_ONEVIEW_OVAPI", "latest")).options())
        .hasMessageContaining("INFRAKIT_ONEVIEW_OVAPI must be a whole number");
    assertThatThrownBy(() -> parse(Map.of("INFRAKIT_ONEVIEW_OVURL", "https://ov",
        "INFRAKIT_ONEVIEW_OVUSER", "u"), "--insecure", "--ca-cert", "ca.pem").options())
        .hasMessageContaining("either --ca-cert");
  }

  @Test
  void simulatorTakesAnOptionalServerCount() {
    assertThat(parse(Map.of(), "--simulator").options().simulatorServers()).isEqualTo(16);
    assertThat(parse(Map.of(), "--simulator=40").options().simulatorServers()).isEqualTo(40);
    assertThat(parse(Map.of(), "--simulator", "--plugins-dir", "/tmp/x").options().pluginsDir())
        .isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void severalSimulatorCountsStartSeveralSimulatorsServedByName() {
    Main main = parse(Map.of(), "--simulator", "16,8");
    PluginOptions options = main.options();
    assertThat(options.simulators()).containsExactly(16, 8);
    PluginConfig config = main.configuration(options);
    assertThat(config.typed()).isTrue();
    assertThat(config.appliances()).extracting(ApplianceConfig::name).containsExactly("sim1", "sim2");
    assertThat(config.appliances()).extracting(ApplianceConfig::simulatorServers).containsExactly(16, 8);
    assertThat(config.defaultName()).isEqualTo("sim1");
    Main single = parse(Map.of(), "--simulator");
    assertThat(single.configuration(single.options()).typed()).as("plain --simulator as before").isFalse();
    assertThatThrownBy(() -> parse(Map.of(), "--simulator=4,0").options())
        .hasMessageContaining("--simulator takes 1 to 4096 servers per simulator, got 0");
  }

  @Test
  void durationsReadTheWayInfraKitWritesThem() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(c.convert("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> c.convert("soon")).hasMessageContaining("not a duration");
    assertThat(Durations.human(Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(Durations.human(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.human(Duration.ofSeconds(30))).isEqualTo("30s");
  }

  private static Main parse(Map<String, String> env, String... args) {
    Main main = new Main();
    main.environment = env::get;
    new CommandLine(main).parseArgs(args);
    return main;
  }
}
