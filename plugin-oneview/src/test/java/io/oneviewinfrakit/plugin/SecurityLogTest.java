package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Secrets stay secret while every logger of the JVM logs at TRACE: a whole provision, describe,
 * label and destroy cycle, a session the appliance forgot (re-login), a wrong password; nothing
 * logged and no error returned over the socket carries the password or a session token. Sessions are
 * logged out when the plugin stops. The plugins directory is checked through {@link Main}.
 */
class SecurityLogTest {

  private OneViewSimulator sim;
  private Path dir;
  private final List<String> wireErrors = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    sim = OneViewSimulator.builder().servers(4).taskDurations(Duration.ofMillis(20)).build().start();
    dir = PrivateDirectory.create("ovl");
  }

  @AfterEach
  void stop() throws IOException {
    sim.close();
    PrivateDirectory.delete(dir);
  }

  @Test
  void neitherPasswordsNorSessionTokensAppearInAnyTraceLogLineOrWireErrorAndStopLogsOut()
      throws Exception {
    String wrongPassword = "Wr0ng-" + sim.password();
    String logged;
    try (TraceCapture logs = new TraceCapture()) {
      try (Running p = new Running(sim, sim.password().toCharArray(), "instance-log")) {
        InstancePluginClient client = p.client;
        client.validate(PluginHarness.BLADE_PROPERTIES);
        wire(() -> client.validate(RawJson.of("{\"TemplateName\":\"nope\"}")));
        InstanceId id = client.provision(InstanceSpec.builder().properties(PluginHarness.BLADE_PROPERTIES)
            .tags(Map.of("infrakit.group", "secrets")).build());
        await("the instance running", Duration.ofSeconds(30), () -> "Running".equals(
            Json.field(client.describeInstances(Map.of(), true).get(0).properties(), "phase")));
        client.label(id, Map.of("color", "blue"));
        wire(() -> client.label(InstanceId.of(InstanceIds.newId()), Map.of("k", "v")));

        sim.faults().invalidateSessions(); // the appliance forgets the session: the SDK logs in again
        p.plugin.refreshNow();
        assertThat(sim.sessionCount()).isEqualTo(1);

        client.destroy(id, DestroyContext.TERMINATE);
        await("the instance gone", Duration.ofSeconds(30),
            () -> client.describeInstances(Map.of(), false).isEmpty() && sim.pendingTasks() == 0);
        sim.faults().applianceDown(true);
        wire(() -> p.plugin.refreshNow());
        wire(() -> client.describeInstances(Map.of(), false));
        sim.faults().applianceDown(false);
        p.plugin.refreshNow();
      }
      assertThat(sim.sessionCount()).as("sessions after the plugin stopped").isZero();

      try (Running p = new Running(sim, wrongPassword.toCharArray(), "instance-wrong")) {
        wire(() -> p.client.describeInstances(Map.of(), false));
        wire(() -> p.client.validate(PluginHarness.BLADE_PROPERTIES));
      }
      logged = logs.text();
    }

    String wire = String.join("\n", wireErrors);
    // The capture is real: it holds the SDK's TRACE exchanges, the re-login and the login refusal.
    assertThat(logged).contains("POST /rest/login-sessions").contains("auth: ██")
        .contains("Session rejected by the appliance").contains("Invalid user name or password")
        .contains("TRACE").contains("DEBUG");
    assertThat(wire).contains("Invalid user name or password").contains("unknown template")
        .contains("unknown instance");
    for (String secret : List.of(sim.password(), wrongPassword)) {
      assertThat(logged).as("log lines").doesNotContain(secret);
      assertThat(wire).as("errors over the wire").doesNotContain(secret);
    }
    assertThat(SecurityProcessTest.SESSION_TOKEN.matcher(logged).find()).as("a session token logged")
        .isFalse();
    assertThat(SecurityProcessTest.SESSION_TOKEN.matcher(wire).find()).as("a session token on the wire")
        .isFalse();
  }

  @Test
  void mainRefusesAWorldWritablePluginsDirectory() throws Exception {
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Main main = new Main();
    main.environment = Map.<String, String>of()::get;
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(main).setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler((e, c, parsed) -> {
      c.getErr().println("infrakit-instance-oneview: " + e.getMessage());
      return 1;
    });
    int status = cmd.execute("--simulator=2", "--plugins-dir", open.toString(), "--name", "instance-ww");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("world-writable").contains(open.toString());
    try (var files = Files.list(open)) {
      assertThat(files).as("nothing created in the world-writable directory").isEmpty();
    }
  }

  private void wire(Runnable call) {
    try {
      call.run();
      wireErrors.add("(no error)");
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      wireErrors.add(trace.toString());
    }
  }

  /** A plugin on the simulator, served on a socket, with a client; stopping it closes its OneView. */
  private final class Running implements AutoCloseable {
    final OneView oneView;
    final OneViewInstancePlugin plugin;
    final PluginServer server;
    final InstancePluginClient client;

    Running(OneViewSimulator sim, char[] password, String name) {
      oneView = OneView.builder().url(sim.url()).credentials(sim.username(), password)
          .trust(sim.certificatePem()).taskPolling(Duration.ofMillis(20), Duration.ofMillis(100))
          .retries(1, Duration.ofMillis(20), Duration.ofMillis(50)).build();
      plugin = OneViewInstancePlugin.builder().oneView(oneView).refreshInterval(Duration.ofMillis(200))
          .maxStaleness(Duration.ofSeconds(5)).build().start();
      server = PluginServer.builder().name(name).pluginsDirectory(dir).instancePlugin(plugin)
          .shutdownHook(false).build().start();
      client = InstancePluginClient.connect(server.socketPath());
    }

    @Override
    public void close() {
      client.close();
      server.close();
      plugin.close();
      oneView.close();
    }
  }

  /** Every logger of the JVM at TRACE into a list, restored afterwards. */
  static final class TraceCapture implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Map<Logger, Level> previous = new HashMap<>();
    private final java.util.Queue<String> events = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Unsynchronized (as logback's console appender): formatting under a lock of ours can deadlock. */
    private final ch.qos.logback.core.UnsynchronizedAppenderBase<ILoggingEvent> appender =
        new ch.qos.logback.core.UnsynchronizedAppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            // The simulator's side (its loggers, its server threads) plays the appliance, which
            // knows the secrets: everything else is the plugin's JVM.
            if (e.getLoggerName().startsWith("io.oneviewinfrakit.simulator")
                || e.getThreadName().startsWith("oneview-simulator")) {
              return;
            }
            events.add(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())));
          }
        };
    private final List<ch.qos.logback.core.Appender<ILoggingEvent>> console = new ArrayList<>();

    TraceCapture() {
      root.iteratorForAppenders().forEachRemaining(console::add); // megabytes of TRACE: not on stdout
      console.forEach(root::detachAppender);
      appender.setContext(context);
      appender.start();
      for (Logger logger : context.getLoggerList()) {
        previous.put(logger, logger.getLevel());
        logger.setLevel(logger == root ? Level.TRACE : null); // inherit TRACE from the root
      }
      root.addAppender(appender);
    }

    /** Everything the plugin's JVM logged, messages and stack traces. */
    String text() {
      return String.join("\n", events);
    }

    @Override
    public void close() {
      root.detachAppender(appender);
      console.forEach(root::addAppender);
      previous.forEach(Logger::setLevel);
      // loggers created during the capture inherit again
      context.getLoggerList().stream().filter(l -> !previous.containsKey(l)).forEach(l -> l.setLevel(null));
    }
  }
}
