package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin's executable ({@link Main}) as InfraKit runs it: a separate process, configured by
 * flags, a password file or the environment, talking HTTPS to an appliance (the simulator) and
 * stopped by SIGTERM.
 */
class SecurityProcessTest {

  /** Session tokens the simulator issues: "LTI" and 48 hex digits. */
  static final Pattern SESSION_TOKEN = Pattern.compile("LTI[0-9a-f]{48}");

  private OneViewSimulator sim;
  private Path dir;

  @BeforeEach
  void start() throws IOException {
    sim = OneViewSimulator.builder().servers(4).build().start();
    dir = PrivateDirectory.create("ovs");
  }

  @AfterEach
  void stop() throws IOException {
    sim.close();
    PrivateDirectory.delete(dir);
  }

  @Test
  void trustedApplianceWithPasswordFileOwnerOnlySocketNoSecretInPsOrLogsAndLogoutOnSigterm()
      throws Exception {
    Path plugins = dir.resolve("plugins"); // missing: the plugin creates it
    Path ca = write("ca.pem", sim.certificatePem());
    Path passwordFile = write("password", sim.password() + "\n");
    try (Child child = Child.start(Map.of(), "--url", sim.url(), "--user", sim.username(),
        "--password-file", passwordFile.toString(), "--ca-cert", ca.toString(),
        "--plugins-dir", plugins.toString(), "--name", "instance-sec")) {
      Path socket = plugins.resolve("instance-sec");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plugins)))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
          .isEqualTo("rw-------");
      assertThat(child.cmdline()).contains("--password-file").doesNotContain(sim.password());

      try (InstancePluginClient client = InstancePluginClient.connect(socket)) {
        // The CA given by --ca-cert is trusted: OneView is listed, the templates are there.
        client.validate(PluginHarness.BLADE_PROPERTIES);
        assertThat(client.describeInstances(Map.of(), true)).isEmpty();
      }
      assertThat(sim.sessionCount()).isEqualTo(1);

      assertThat(child.sigterm()).as("exit status after SIGTERM").isIn(0, 143);
      assertThat(socket).doesNotExist();
      assertThat(sim.sessionCount()).as("OneView sessions after SIGTERM").isZero();
      assertThat(child.output()).contains("instance-oneview ready")
          .doesNotContain(sim.password());
      assertThat(SESSION_TOKEN.matcher(child.output()).find()).as("a session token in the output")
          .isFalse();
    }
  }

  @Test
  void passwordFromTheEnvironmentIsNotInPsEither() throws Exception {
    Path ca = write("ca.pem", sim.certificatePem());
    try (Child child = Child.start(Map.of(EnvironmentVariables.PASSWORD, sim.password(),
            EnvironmentVariables.URL, sim.url(), EnvironmentVariables.USER, sim.username()),
        "--ca-cert", ca.toString(), "--plugins-dir", dir.toString(), "--name", "instance-env")) {
      assertThat(child.cmdline()).doesNotContain(sim.password());
      try (InstancePluginClient client = InstancePluginClient.connect(dir.resolve("instance-env"))) {
        client.validate(PluginHarness.BLADE_PROPERTIES);
      }
      child.sigterm();
      assertThat(sim.sessionCount()).isZero();
      assertThat(child.output()).doesNotContain(sim.password());
    }
  }

  @Test
  void withoutCaCertTheSimulatorsSelfSignedCertificateIsRejectedWithACertificateError()
      throws Exception {
    assertCertificateRejected(List.of());
  }

  @Test
  void aDifferentCertificateGivenAsCaCertIsRejected() throws Exception {
    HeldCertificate other = new HeldCertificate.Builder().commonName("oneview-simulator")
        .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
    assertCertificateRejected(List.of("--ca-cert", write("other.pem", other.certificatePem()).toString()));
  }

  @Test
  void insecureWarnsLoudlyAndConnects() throws Exception {
    try (Child child = Child.start(Map.of(EnvironmentVariables.PASSWORD, sim.password()),
        "--url", sim.url(), "--user", sim.username(), "--insecure",
        "--plugins-dir", dir.toString(), "--name", "instance-insecure")) {
      try (InstancePluginClient client = InstancePluginClient.connect(dir.resolve("instance-insecure"))) {
        client.validate(PluginHarness.BLADE_PROPERTIES);
      }
      child.sigterm();
      assertThat(child.output().lines().filter(l -> l.contains(" WARN "))
          .filter(l -> l.contains("TLS CERTIFICATE VERIFICATION IS OFF (--insecure)")))
          .as("the WARN line of --insecure").hasSize(1);
    }
  }

  private void assertCertificateRejected(List<String> trust) throws Exception {
    List<String> args = new ArrayList<>(List.of("--url", sim.url(), "--user", sim.username(),
        "--plugins-dir", dir.toString(), "--name", "instance-tls"));
    args.addAll(trust);
    // A certificate that is not trusted never becomes trusted by retrying: the plugin stops at once.
    Child.Exited exited = Child.run(Map.of(EnvironmentVariables.PASSWORD, sim.password()),
        args.toArray(String[]::new));
    assertThat(exited.status()).as(exited.output()).isEqualTo(StartupException.EXIT_CODE);
    assertThat(exited.output()).contains("TLS certificate is not trusted").contains("--ca-cert");
    assertThat(exited.output()).doesNotContain(sim.password());
    assertThat(dir.resolve("instance-tls")).doesNotExist();
    assertThat(sim.requests().matching(r -> r.path().equals("/rest/login-sessions")))
        .as("the password is never sent to an untrusted appliance").isEmpty();
    assertThat(sim.sessionCount()).isZero();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), content);
    return file;
  }

  /** The plugin's Main in a child JVM on this test's class path; ready once it prints its ready line. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;

    private Child(Process process) {
      this.process = process;
      this.reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            output.append(line).append('\n');
            if (line.contains("instance-oneview ready")) {
              ready.countDown();
            }
          }
        } catch (IOException e) {
          // the child is gone
        }
        ready.countDown();
      }, "child-plugin-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Map<String, String> env, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("INFRAKIT_"));
      builder.environment().putAll(env);
      Child child = new Child(builder.start());
      assertThat(child.ready.await(60, TimeUnit.SECONDS)).as("child started").isTrue();
      assertThat(child.process.isAlive()).as("child alive; output:\n" + child.output()).isTrue();
      return child;
    }

    /** How a child that was expected to stop on its own ended. */
    record Exited(int status, String output) {}

    /** Runs the plugin's Main in a child JVM until it exits on its own (at most 60 s). */
    static Exited run(Map<String, String> env, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("INFRAKIT_"));
      builder.environment().putAll(env);
      Child child = new Child(builder.start());
      try {
        assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).as("child exited by itself").isTrue();
        child.reader.join(10_000);
        return new Exited(child.process.exitValue(), child.output());
      } finally {
        child.close();
      }
    }

    /** What {@code ps} shows: the process's command line. */
    String cmdline() throws IOException {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
    }

    /** Sends SIGTERM and waits for the process to exit; returns its exit status. */
    int sigterm() throws Exception {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exited after SIGTERM").isTrue();
      reader.join(10_000);
      return process.exitValue();
    }

    String output() {
      return output.toString();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
