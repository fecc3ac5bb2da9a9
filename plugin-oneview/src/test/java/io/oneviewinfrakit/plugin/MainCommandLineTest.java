package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin;
import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The executable's command line as {@link Main#main} runs it ({@link Main#commandLine()}): usage errors,
 * help, version, and the configurations that must stop at start-up instead of retrying forever.
 */
// A configuration that wrongly starts would serve forever: fail the test instead of hanging the build.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MainCommandLineTest {
  private OneViewSimulator sim;
  private Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(4).build().start();
    dir = PrivateDirectory.create("mcl");
  }

  @AfterEach
  void stop() {
    sim.close();
    PrivateDirectory.delete(dir);
  }

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private Path file(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), content);
    return file;
  }

  private long logins() {
    return sim.requests().all().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/rest/login-sessions")).count();
  }

  @Test
  void aUsageErrorPrintsOneLineAndAHintNotTheWholeHelp() {
    assertThat(run("--bogus")).isEqualTo(Main.USAGE_EXIT_CODE);
    List<String> lines = err.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("infrakit-instance-oneview: Unknown option: '--bogus'");
    assertThat(lines).last().isEqualTo("Try 'java -jar infrakit-instance-oneview.jar --help' for more information.");
    assertThat(lines).hasSizeLessThanOrEqualTo(3);
    assertThat(err.toString()).doesNotContain("Usage:").doesNotContain("--refresh-interval");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aBadValueNamesTheFlag() {
    assertThat(run("--simulator", "--refresh-interval", "soon")).isEqualTo(Main.USAGE_EXIT_CODE);
    assertThat(err.toString()).contains("--refresh-interval").contains("soon").doesNotContain("Usage:");
  }

  @Test
  void helpIsACommandToo() {
    assertThat(run("help")).isZero();
    assertThat(out.toString()).startsWith("Usage: infrakit-instance-oneview");
    out.getBuffer().setLength(0);
    assertThat(run("help", "inventory")).isZero();
    assertThat(out.toString()).startsWith("Usage: infrakit-instance-oneview inventory");
  }

  @Test
  void helpHasOneCommandsSectionNoLineWiderThanTheWidthAndAnExamplePerInfraKitEra() {
    assertThat(run("--help")).isZero();
    String help = out.toString();
    assertThat(help.lines().filter(l -> l.startsWith("Commands:")).count()).isEqualTo(1);
    assertThat(help.lines().filter(l -> l.length() > 100).toList()).isEmpty();
    assertThat(help).contains("  inventory", "  help", "infrakit local group/groups commit -y workers.yml",
        "\"Plugin\": \"vanilla\"", "\"flavor-vanilla\"", "InfraKit v0.5");
    assertThat(help).contains("the password itself");
  }

  @Test
  void versionIsPrinted() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString().strip()).matches("infrakit-instance-oneview \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void aCaCertThatIsNotPemSaysSo() throws IOException {
    Path notPem = file("ca.der", "this is not a certificate");
    Path password = file("password", sim.password());
    assertThat(run("--url", sim.url(), "--user", sim.username(), "--password-file", password.toString(),
        "--ca-cert", notPem.toString(), "--plugins-dir", dir.resolve("p").toString())).isEqualTo(Main.USAGE_EXIT_CODE);
    assertThat(err.toString()).contains("--ca-cert " + notPem + " is not a PEM certificate")
        .doesNotContain("Usage:");
    assertThat(logins()).isZero();
  }

  @Test
  void aWrongPasswordStopsAtStartupWithOneLineNamingWhatToFix() throws IOException {
    Path ca = file("ca.pem", sim.certificatePem());
    Path password = file("password", "not-the-password");
    assertThat(run("--url", sim.url(), "--user", sim.username(), "--password-file", password.toString(),
        "--ca-cert", ca.toString(), "--plugins-dir", dir.resolve("p").toString())).isEqualTo(StartupException.EXIT_CODE);
    assertThat(err.toString().lines().toList()).hasSize(1);
    assertThat(err.toString()).contains("refused the login of user \"" + sim.username() + "\"")
        .contains("--password-file").contains("INFRAKIT_ONEVIEW_OVPASS").doesNotContain("not-the-password");
    assertThat(logins()).as("one login attempt, no retry loop").isEqualTo(1);
    assertThat(dir.resolve("p").resolve("instance-oneview")).doesNotExist();
  }

  @Test
  void aUserWhoMayNotReadTemplatesStopsAtStartupWithOneLineNamingWhatToFix() throws IOException {
    // A role without server profile rights: OneView answers 403 to every template read.
    sim.expect("GET", "/rest/server-profile-templates").always()
        .andReturnError(403, "AUTHORIZATION", "Authorization error: User not authorized for this operation.");
    Path ca = file("ca.pem", sim.certificatePem());
    Path password = file("password", sim.password());
    assertThat(run("--url", sim.url(), "--user", sim.username(), "--password-file", password.toString(),
        "--ca-cert", ca.toString(), "--plugins-dir", dir.resolve("p").toString())).isEqualTo(StartupException.EXIT_CODE);
    assertThat(err.toString().lines().toList()).hasSize(1);
    assertThat(err.toString()).contains("user \"" + sim.username() + "\" may not read server profile templates")
        .contains("AUTHORIZATION");
    assertThat(sim.requests().countWithStatus(403)).as("asked once, no retry loop").isEqualTo(1);
    assertThat(dir.resolve("p").resolve("instance-oneview")).doesNotExist();
  }

  @Test
  void anApiVersionTheApplianceDoesNotSupportStops() throws IOException {
    Path ca = file("ca.pem", sim.certificatePem());
    Path password = file("password", sim.password());
    assertThat(run("--url", sim.url(), "--user", sim.username(), "--password-file", password.toString(),
        "--ca-cert", ca.toString(), "--api-version", "99999", "--plugins-dir", dir.resolve("p").toString()))
        .isEqualTo(StartupException.EXIT_CODE);
    assertThat(err.toString()).contains("does not support API version 99999").contains("--api-version");
  }

  @Test
  void anUntrustedCertificateStopsAndNamesCaCert() throws IOException {
    Path password = file("password", sim.password());
    assertThat(run("--url", sim.url(), "--user", sim.username(), "--password-file", password.toString(),
        "--plugins-dir", dir.resolve("p").toString())).isEqualTo(StartupException.EXIT_CODE);
    assertThat(err.toString()).contains("certificate is not trusted").contains("--ca-cert FILE");
    assertThat(logins()).isZero();
  }

  @Test
  void aSecondPluginWithTheSameNameStopsAtOnceAndSuggestsName() throws IOException {
    Path ca = file("ca.pem", sim.certificatePem());
    Path password = file("password", sim.password());
    Path plugins = dir.resolve("p");
    try (PluginServer first = PluginServer.builder().name("instance-oneview").pluginsDirectory(plugins)
        .instancePlugin(new InMemoryInstancePlugin()).shutdownHook(false).build().start()) {
      assertThat(run("--url", sim.url(), "--user", sim.username(), "--password-file", password.toString(),
          "--ca-cert", ca.toString(), "--plugins-dir", plugins.toString())).isEqualTo(StartupException.EXIT_CODE);
      assertThat(err.toString()).contains("a plugin is already listening on " + first.socketPath())
          .contains("--name instance-oneview-2");
      // Refused before the plugin listed OneView: nothing but the probe's read happened.
      assertThat(sim.requests().all().stream().filter(r -> r.path().startsWith("/rest/server-profiles")))
          .isEmpty();
    }
  }

  @Test
  void aMissingPasswordFileSaysSo() {
    assertThat(run("--url", sim.url(), "--user", "u", "--password-file", dir.resolve("nope").toString()))
        .isEqualTo(Main.USAGE_EXIT_CODE);
    assertThat(err.toString()).contains("--password-file " + dir.resolve("nope") + ": no such file");
    assertThat(Arrays.asList(err.toString().split("\n"))).hasSizeLessThanOrEqualTo(2);
  }
}
