package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The configuration file of several appliances: what it may say, and how each mistake is named. */
class ConfigFileTest {

  private static final Tuning FLAGS = new Tuning(Duration.ofSeconds(5), Duration.ofMinutes(5),
      Duration.ofMinutes(30), Duration.ofMinutes(5), null, false, true, 256, Duration.ofMinutes(1));

  private final Path dir = PrivateDirectory.create("cfg");

  @AfterEach
  void delete() {
    PrivateDirectory.delete(dir);
  }

  private Path file(String name, String mode, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private PluginConfig read(String yaml) throws IOException {
    return ConfigFile.read(file("oneview.yml", "rw-r--r--", yaml), FLAGS, "default");
  }

  @Test
  void listsAppliancesInOrderWithTheFlagsTuningUnlessAnApplianceOverridesIt() throws IOException {
    PluginConfig config = read("""
        default: prod
        appliances:
          - name: lab
            url: https://ov-lab.example.com
            user: infrakit
            password-env: OV_LAB_PASSWORD
            insecure: true
          - name: prod
            url: https://ov-prod.example.com
            user: infrakit-prod
            password-file: prod.password
            ca-cert: certs/prod-ca.pem
            api-version: 2000
            namespace: prod
            refresh-interval: 10s
            reconcile-interval: 1m
            power-off-free-servers: true
            scmb: false
            max-backlog: 64
            power-on-grace: 30s
        """);
    assertThat(config.typed()).isTrue();
    assertThat(config.appliances()).extracting(ApplianceConfig::name).containsExactly("lab", "prod");
    assertThat(config.defaultAppliance().name()).isEqualTo("prod");
    ApplianceConfig lab = config.appliances().get(0);
    assertThat(lab.url()).isEqualTo("https://ov-lab.example.com");
    assertThat(lab.insecure()).isTrue();
    assertThat(lab.caCert()).isNull();
    assertThat(lab.apiVersion()).isNull();
    assertThat(lab.namespace()).isEqualTo("default");
    assertThat(lab.tuning()).isEqualTo(FLAGS);
    ApplianceConfig prod = config.appliances().get(1);
    assertThat(prod.user()).isEqualTo("infrakit-prod");
    assertThat(prod.caCert()).as("relative to the file").isEqualTo(dir.resolve("certs/prod-ca.pem"));
    assertThat(prod.apiVersion()).isEqualTo(2000);
    assertThat(prod.namespace()).isEqualTo("prod");
    assertThat(prod.tuning()).isEqualTo(new Tuning(Duration.ofSeconds(10), Duration.ofMinutes(5),
        Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofMinutes(1), true, false, 64,
        Duration.ofSeconds(30)));
    assertThat(prod.password().toString()).isEqualTo("password file " + dir.resolve("prod.password"));
  }

  @Test
  void theExampleConfigurationOfTheReadmeIsValid() {
    PluginConfig config = ConfigFile.read(Path.of("../examples/config/oneview.yml"), FLAGS, "default");
    assertThat(config.appliances()).extracting(ApplianceConfig::name).containsExactly("lab", "prod");
    assertThat(config.defaultName()).isEqualTo("lab");
    assertThat(config.appliances().get(1).namespace()).isEqualTo("prod");
  }

  @Test
  void theFirstApplianceIsTheDefaultUnlessDefaultSaysOtherwise() throws IOException {
    PluginConfig config = read("""
        appliances:
          - {name: a, url: "https://a", user: u, password-env: A}
          - {name: b, url: "https://b", user: u, password-env: B}
        """);
    assertThat(config.defaultName()).isEqualTo("a");
  }

  @Test
  void jsonIsReadToo() throws IOException {
    Path json = file("oneview.json", "rw-r--r--", """
        {"appliances": [
          {"name": "a", "url": "https://ov-a", "user": "u", "password-env": "OV_A", "max-backlog": 8},
          {"name": "b", "url": "https://ov-b", "user": "u", "password-file": "/etc/ov-b"}],
         "default": "b"}
        """);
    PluginConfig config = ConfigFile.read(json, FLAGS, "default");
    assertThat(config.appliances()).extracting(ApplianceConfig::url).containsExactly("https://ov-a", "https://ov-b");
    assertThat(config.appliances().get(0).tuning().maxBacklog()).isEqualTo(8);
    assertThat(config.defaultName()).isEqualTo("b");
  }

  @Test
  void anUnknownKeyIsRefusedWithItsLineAndTheKnownKeys() {
    assertThatThrownBy(() -> read("""
        appliances:
          - name: lab
            url: https://ov-lab.example.com
            user: infrakit
            pasword-env: OV_LAB_PASSWORD
        """))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("config " + dir.resolve("oneview.yml") + " line 5: unknown key \"pasword-env\" "
            + "in an appliance (known keys: name, url, user, password-env, password-file, password,");
    assertThatThrownBy(() -> read("""
        appliances: []
        defaults: {namespace: x}
        """))
        .hasMessageContaining("line 2: unknown key \"defaults\" in the file (known keys: appliances, default)");
  }

  @Test
  void eachMistakeNamesItsLineAndKey() {
    assertThatThrownBy(() -> read("appliances:\n  - {name: a, url: \"https://a\", user: u}\n"))
        .hasMessageContaining("line 2: appliance \"a\" has no password: set \"password-env\"");
    assertThatThrownBy(() -> read("appliances:\n  - {name: a, url: \"https://a\", user: u, password-env: A,"
        + " password-file: /p}\n"))
        .hasMessageContaining("line 2: appliance \"a\": give one of password-env, password-file, not several");
    assertThatThrownBy(() -> read("""
        appliances:
          - {name: a, url: "https://a", user: u, password-env: A}
          - name: b
            url: https://b
            user: u
            password-env: B
            refresh-interval: often
        """))
        .hasMessageContaining("line 7: appliance \"b\", key \"refresh-interval\": \"often\" is not a positive duration");
    assertThatThrownBy(() -> read("""
        appliances:
          - {name: a, url: "https://a", user: u, password-env: A}
          - {name: a, url: "https://b", user: u, password-env: B}
        """))
        .hasMessageContaining("line 3: appliance name \"a\" is used twice (first on line 2)");
    assertThatThrownBy(() -> read("default: c\nappliances:\n  - {name: a, url: \"https://a\", user: u, password-env: A}\n"))
        .hasMessageContaining("line 1: key \"default\": no appliance is named \"c\" (appliances: a)");
    assertThatThrownBy(() -> read("appliances:\n  - {name: a/b, url: \"https://a\", user: u, password-env: A}\n"))
        .hasMessageContaining("\"a/b\" is not a valid appliance name");
    assertThatThrownBy(() -> read("appliances:\n  - {name: a, url: ov.example.com, user: u, password-env: A}\n"))
        .hasMessageContaining("key \"url\": \"ov.example.com\" is not an appliance URL");
    assertThatThrownBy(() -> read("appliances:\n  - {name: a, url: \"https://a\", user: u, password-env: A,"
        + " insecure: true, ca-cert: ca.pem}\n"))
        .hasMessageContaining("use either \"ca-cert\"");
    assertThatThrownBy(() -> read("appliances:\n  - {name: a, url: \"https://a\", user: u, password-env: A,"
        + " insecure: yes}\n"))
        .hasMessageContaining("key \"insecure\" must be true or false, got \"yes\"");
    assertThatThrownBy(() -> read("appliances:\n  - {name: a, url: \"https://a\", user: u, password-env: A,"
        + " namespace: \"no spaces\"}\n"))
        .hasMessageContaining("key \"namespace\": namespace must be 1 to 64 letters");
    assertThatThrownBy(() -> read("appliances:\n  - {name: a, url: \"https://a\", user: u, password-env: A,"
        + " url: \"https://b\"}\n"))
        .hasMessageContaining("line 2: key \"url\" is given twice");
    assertThatThrownBy(() -> read("appliances: {name: a}\n"))
        .hasMessageContaining("line 1: key \"appliances\" must be a list of at least one appliance");
  }

  @Test
  void brokenYamlAndEmptyOrMissingFilesSaySo() throws IOException {
    assertThatThrownBy(() -> read("appliances:\n  - name: a\n   url: [\n"))
        .isInstanceOf(StartupException.class)
        .hasMessageMatching("config .*oneview\\.yml line \\d+: not valid YAML or JSON: .*");
    assertThatThrownBy(() -> read("# nothing yet\n")).hasMessageContaining("is empty; it must list appliances");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("nope.yml"), FLAGS, "default"))
        .hasMessage("config " + dir.resolve("nope.yml") + ": no such file");
  }

  @Test
  void aMissingSecretNamesTheVariableOrTheFile() throws IOException {
    PluginConfig config = read("""
        appliances:
          - name: lab
            url: https://ov-lab.example.com
            user: infrakit
            password-env: OV_LAB_PASSWORD
          - name: prod
            url: https://ov-prod.example.com
            user: infrakit
            password-file: /nonexistent/ov-prod.password
        """);
    assertThatThrownBy(() -> config.appliances().get(0).password().read(Map.<String, String>of()::get))
        .hasMessage("config " + dir.resolve("oneview.yml") + " line 5: appliance \"lab\", key \"password-env\": "
            + "environment variable OV_LAB_PASSWORD is not set or empty");
    assertThat(config.appliances().get(0).password().read(Map.of("OV_LAB_PASSWORD", "s3cret")::get))
        .containsExactly("s3cret".toCharArray());
    assertThatThrownBy(() -> config.appliances().get(1).password().read(Map.<String, String>of()::get))
        .hasMessageContaining("line 9: appliance \"prod\", key \"password-file\": /nonexistent/ov-prod.password: "
            + "no such file");
  }

  @Test
  void anInlinePasswordIsRefusedUnlessOnlyTheOwnerMayReadTheFile() throws IOException {
    String yaml = """
        appliances:
          - name: lab
            url: https://ov-lab.example.com
            user: infrakit
            password: s3cret-inline
        """;
    Path open = file("open.yml", "rw-r-----", yaml);
    assertThatThrownBy(() -> ConfigFile.read(open, FLAGS, "default"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("config " + open + " line 5: appliance \"lab\", key \"password\" holds the password "
            + "inline, which is allowed only when the file is readable by its owner alone (mode 0600, now "
            + "rw-r-----): run chmod 600 " + open)
        .hasMessageNotContaining("s3cret-inline");
    Path ownerOnly = file("private.yml", "rw-------", yaml);
    PasswordSource password = ConfigFile.read(ownerOnly, FLAGS, "default").appliances().get(0).password();
    assertThat(password.read(k -> null)).containsExactly("s3cret-inline".toCharArray());
    assertThat(password.toString()).doesNotContain("s3cret");
  }

  @Test
  void theExecutableStopsWithinSecondsWithOneLineOnABadFile() throws IOException {
    Path bad = file("bad.yml", "rw-r--r--", "appliances:\n  - {name: a, url: \"https://a\", user: u, pasword: x}\n");
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err, true));
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cmd.execute("--config", bad.toString(), "--plugins-dir", dir.resolve("p").toString()))
        .isEqualTo(StartupException.EXIT_CODE);
    assertThat(err.toString().lines().toList()).containsExactly("infrakit-instance-oneview: config " + bad
        + " line 2: unknown key \"pasword\" in an appliance (known keys: name, url, user, password-env, "
        + "password-file, password, ca-cert, insecure, api-version, namespace, refresh-interval, failure-cooldown, "
        + "profile-task-timeout, power-task-timeout, reconcile-interval, power-off-free-servers, scmb, "
        + "max-backlog, power-on-grace)");
    assertThat(dir.resolve("p").resolve("instance-oneview")).doesNotExist();
  }

  @Test
  void aMissingPasswordVariableStopsTheExecutableNamingIt() throws IOException {
    Path config = file("env.yml", "rw-r--r--", """
        appliances:
          - {name: a, url: "https://127.0.0.1:9", user: u, password-env: OV_A_PASSWORD_NOT_SET}
        """);
    Main main = new Main();
    main.environment = Map.<String, String>of()::get;
    CommandLine cmd = new CommandLine(main);
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
    assertThat(cmd.execute("--config", config.toString(), "--plugins-dir", dir.resolve("p").toString()))
        .isEqualTo(StartupException.EXIT_CODE);
    assertThat(err.toString()).contains("line 2: appliance \"a\", key \"password-env\": environment variable "
        + "OV_A_PASSWORD_NOT_SET is not set or empty");
  }

  @Test
  void aRefusedLoginOfOneApplianceStopsTheStartNamingThatApplianceAndItsKeys() throws IOException {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(2).build().start()) {
      Files.writeString(dir.resolve("ca.pem"), sim.certificatePem());
      Path config = file("two.yml", "rw-r--r--", "appliances:\n"
          + "  - {name: a, url: \"" + sim.url() + "\", user: " + sim.username() + ", password-env: OV_A, ca-cert: ca.pem}\n"
          + "  - {name: b, url: \"" + sim.url() + "\", user: " + sim.username() + ", password-env: OV_B, ca-cert: ca.pem}\n");
      Main main = new Main();
      main.environment = Map.of("OV_A", sim.password(), "OV_B", "wrong")::get;
      CommandLine cmd = new CommandLine(main);
      StringWriter err = new StringWriter();
      cmd.setErr(new PrintWriter(err, true));
      cmd.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
      assertThat(cmd.execute("--config", config.toString(), "--plugins-dir", dir.resolve("p").toString()))
          .isEqualTo(StartupException.EXIT_CODE);
      assertThat(err.toString().lines().toList()).hasSize(1);
      assertThat(err.toString()).contains("appliance \"b\" (OneView " + sim.url() + ") refused the login of user \""
          + sim.username() + "\"").contains("Fix \"user\" and the password from $OV_B of appliance \"b\" in config "
          + config).doesNotContain("wrong");
      assertThat(dir.resolve("p").resolve("instance-oneview")).doesNotExist();
    }
  }

  @Test
  void theConfigurationComesFromTheVariableAndExcludesTheSingleApplianceFlags() throws IOException {
    Path config = file("oneview.yml", "rw-r--r--",
        "appliances:\n  - {name: a, url: \"https://a\", user: u, password-env: A}\n");
    Main fromEnv = parse(Map.of("INFRAKIT_ONEVIEW_CONFIG", config.toString(),
        "INFRAKIT_ONEVIEW_OVURL", "https://ignored"));
    assertThat(fromEnv.configuration(fromEnv.options()).appliances()).extracting(ApplianceConfig::name)
        .containsExactly("a");
    Main flagsWin = parse(Map.of("INFRAKIT_ONEVIEW_CONFIG", config.toString()), "--simulator");
    assertThat(flagsWin.configuration(flagsWin.options()).typed()).isFalse();
    assertThatThrownBy(() -> parse(Map.of(), "--config", config.toString(), "--url", "https://x").options())
        .hasMessageContaining("--config lists the appliances");
  }

  private static Main parse(Map<String, String> env, String... args) {
    Main main = new Main();
    main.environment = env::get;
    new CommandLine(main).parseArgs(args);
    return main;
  }
}
