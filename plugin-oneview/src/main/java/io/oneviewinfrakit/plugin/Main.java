package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.TaskKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The executable: serves {@link OneViewInstancePlugin} on InfraKit's plugin socket. Only wiring lives
 * here: options in, {@link OneView} (or an embedded simulator) built, plugin started, socket served.
 */
@Command(
    name = "infrakit-instance-oneview",
    mixinStandardHelpOptions = true,
    subcommands = {InventoryCommand.class, CommandLine.HelpCommand.class},
    version = "infrakit-instance-oneview 1.0.0",
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
        "InfraKit instance plugin for HPE OneView: servers become instances of InfraKit groups.",
        "Each instance is a server profile created from a server profile template on a free",
        "compatible server; its ID, tags and owner live in the profile's description, so the",
        "plugin keeps no local state.",
        "",
        "Environment (flags override):",
        "  " + EnvironmentVariables.URL + "   appliance URL, e.g. https://oneview.example.com",
        "  " + EnvironmentVariables.USER + "  OneView user",
        "  " + EnvironmentVariables.PASSWORD + "  the OneView password itself (or --password-file)",
        "  " + EnvironmentVariables.API_VERSION + "   API version to pin (negotiated when absent)",
        "  INFRAKIT_PLUGINS_DIR, INFRAKIT_HOME      where the socket goes (default ~/.infrakit/plugins)",
        ""},
    footer = {
        "",
        "Instance properties (the group's Instance.Properties):",
        "  TemplateName       required; exact, case-sensitive server profile template name",
        "  PowerOn            optional boolean, default true: power the server on once its profile is applied",
        "  ProfileNamePrefix  optional, default \"infrakit-\": profile name = prefix + instance ID",
        "  Note               optional free text, ignored",
        "  ServerHardwareType, EnclosureGroup  optional names; must equal the template's",
        "  MinMemoryMb, MinCpuCores           optional minimums a server must have",
        "  Model              optional regular expression the whole server model must match",
        "  ServerHardware     optional [server names], or {logical ID: server name} for pet groups",
        "  Networks           optional [Ethernet network or network set names] to connect each profile to",
        "  Boot               optional {\"Mode\": \"UEFI\"|\"UEFIOptimized\"|\"BIOS\", \"Order\": [\"PXE\", \"HardDisk\"]}",
        "  InitAttribute      optional OS custom attribute that carries Spec.Init (template with an OS",
        "                     deployment plan); without it Spec.Init is ignored with a warning",
        "",
        "Example group, InfraKit HEAD (2018): infrakit local group/groups commit -y workers.yml",
        "  kind: group",
        "  metadata: { name: workers }",
        "  properties:",
        "    Allocation: { Size: 2 }",
        "    Instance: { Plugin: instance-oneview, Properties: { TemplateName: Docker-Gen8-Template } }",
        "    Flavor: { Plugin: vanilla, Properties: { Init: [ \"echo hello\" ] } }",
        "",
        "Example group, InfraKit late 2017 (Nov builds): infrakit group commit workers.json",
        "  { \"ID\": \"workers\",",
        "    \"Properties\": {",
        "      \"Allocation\": { \"Size\": 2 },",
        "      \"Instance\": { \"Plugin\": \"instance-oneview\",",
        "                    \"Properties\": { \"TemplateName\": \"Docker-Gen8-Template\" } },",
        "      \"Flavor\": { \"Plugin\": \"vanilla\", \"Properties\": { \"Init\": [\"echo hello\"] } } } }",
        "",
        "InfraKit v0.5 (May 2017): the same JSON with \"Plugin\": \"flavor-vanilla\" in Flavor,",
        "  committed with: infrakit group commit workers.json",
        "",
        "Try it without an appliance:  java -jar infrakit-instance-oneview.jar --simulator",
        "Real appliance:  INFRAKIT_ONEVIEW_OVURL=https://ov.example.com INFRAKIT_ONEVIEW_OVUSER=infrakit \\",
        "                 INFRAKIT_ONEVIEW_OVPASS=... java -jar infrakit-instance-oneview.jar --ca-cert ov-ca.pem"})
public final class Main implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  /**
   * Every background worker mostly polls a OneView task; keeping one idle connection per worker spares
   * each burst of polls a new TLS handshake.
   */
  private static final int WORKER_CONNECTIONS = PluginSettings.defaults().workers();

  /** With the message bus, how often OneView is still listed in full (what the bus might miss). */
  private static final Duration SAFETY_NET = Duration.ofMinutes(5);

  @Option(names = "--url", paramLabel = "URL",
      description = "OneView appliance URL (default: $" + EnvironmentVariables.URL + ")")
  String url;

  @Option(names = "--user", paramLabel = "NAME",
      description = "OneView user (default: $" + EnvironmentVariables.USER + ")")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "file holding the OneView password (default: the password itself from $"
          + EnvironmentVariables.PASSWORD + "; there is no password flag, it would show in ps)")
  Path passwordFile;

  @Option(names = "--api-version", paramLabel = "N",
      description = "pin the OneView API version, e.g. 2000 (default: $" + EnvironmentVariables.API_VERSION
          + ", else negotiated: the appliance's, at most " + OneView.MAX_KNOWN_API_VERSION + ")")
  Integer apiVersion;

  @Option(names = "--ca-cert", paramLabel = "PEM",
      description = "trust only this CA (or appliance) certificate; default: the JVM's trust store")
  Path caCert;

  @Option(names = "--insecure",
      description = "do not verify the appliance's certificate (lab use only; logs a warning)")
  boolean insecure;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = PluginOptions.DEFAULT_NAME,
      description = "plugin name = socket file name (default: ${DEFAULT-VALUE})")
  String name;

  @Option(names = "--plugins-dir", paramLabel = "DIR",
      description = "InfraKit plugin directory (default: $INFRAKIT_PLUGINS_DIR, else $INFRAKIT_HOME/plugins, "
          + "else ~/.infrakit/plugins)")
  Path pluginsDir;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = PluginOptions.DEFAULT_NAMESPACE,
      description = "owner namespace of the profiles; deployments with different namespaces on one "
          + "appliance never touch each other's profiles (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--refresh-interval", paramLabel = "DURATION",
      defaultValue = PluginOptions.DEFAULT_REFRESH_INTERVAL, converter = DurationConverter.class,
      description = "how often OneView is listed in the background (default: ${DEFAULT-VALUE})")
  Duration refreshInterval;

  @Option(names = "--failure-cooldown", paramLabel = "DURATION",
      defaultValue = PluginOptions.DEFAULT_FAILURE_COOLDOWN, converter = DurationConverter.class,
      description = "how long a server whose provision failed is avoided (default: ${DEFAULT-VALUE})")
  Duration failureCooldown;

  @Option(names = "--profile-task-timeout", paramLabel = "DURATION",
      defaultValue = PluginOptions.DEFAULT_PROFILE_TASK_TIMEOUT, converter = DurationConverter.class,
      description = "how long to wait for a profile create/delete task (default: ${DEFAULT-VALUE})")
  Duration profileTaskTimeout;

  @Option(names = "--power-task-timeout", paramLabel = "DURATION",
      defaultValue = PluginOptions.DEFAULT_POWER_TASK_TIMEOUT, converter = DurationConverter.class,
      description = "how long to wait for a power task (default: ${DEFAULT-VALUE})")
  Duration powerTaskTimeout;

  @Option(names = "--reconcile-interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "how often the drift check runs (moved/deleted profiles, failed tasks), on a "
          + "background listing (default: every --refresh-interval)")
  Duration reconcileInterval;

  @Option(names = "--power-off-free-servers",
      description = "also take free servers (no profile) that are powered on, powering them off first "
          + "(PressAndHold). Off by default: such a server may be in use bare, over its iLO, and is "
          + "not the plugin's to power off; use it only when every free server of the templates' "
          + "hardware is the plugin's to take")
  boolean powerOffFreeServers;

  @Option(names = "--no-scmb",
      description = "do not use OneView's State-Change Message Bus; list OneView every "
          + "--refresh-interval instead (by default the bus is used when the appliance offers it)")
  boolean noScmb;

  @Option(names = "--max-backlog", paramLabel = "N",
      description = "how many provisions (and, separately, destroys and label writes) may be in "
          + "progress at once; past it a call is refused at once and InfraKit retries (default: 256)")
  Integer maxBacklog;

  @Option(names = "--power-on-grace", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "how long an owned profile must stay applied with its server off before the "
          + "plugin powers the server on (finishes provisions whose process died; default: 1m)")
  Duration powerOnGrace;

  @Option(names = "--simulator", paramLabel = "N", arity = "0..1",
      fallbackValue = "" + PluginOptions.DEFAULT_SIMULATOR_SERVERS,
      description = "use an embedded OneView simulator with N servers (default N: "
          + PluginOptions.DEFAULT_SIMULATOR_SERVERS + ") instead of an appliance; tasks take 2-5 s")
  Integer simulatorServers;

  /** Where environment variables come from (tests substitute it). */
  Function<String, String> environment = System::getenv;

  /** The picocli model of this command, set by picocli when it runs; null when a test builds Main alone. */
  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line as the executable runs it: a usage error prints its one line and a hint, a failure
   * at startup one sentence for a person, never the whole help or a stack trace.
   */
  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setParameterExceptionHandler(Main::usageError);
    cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("infrakit-instance-oneview: " + e.getMessage());
      log.debug("Startup failure", e);
      return e instanceof StartupException ? StartupException.EXIT_CODE : 1;
    });
    return cmd;
  }

  /** Exit status of a usage error (picocli's convention). */
  static final int USAGE_EXIT_CODE = 2;

  static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("infrakit-instance-oneview: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    String command = cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^infrakit-instance-oneview",
        "java -jar infrakit-instance-oneview.jar");
    err.println("Try '" + command + " --help' for more information.");
    err.flush();
    return USAGE_EXIT_CODE;
  }

  /** The command line to attach a usage error to: picocli's own when running, else a fresh one. */
  private CommandLine commandLineForErrors() {
    return spec != null ? spec.commandLine() : new CommandLine(this);
  }

  @Override
  public Integer call() throws Exception {
    PluginOptions options = options();
    OneViewSimulator simulator = null;
    OneView oneView = null;
    OneViewInstancePlugin plugin = null;
    PluginServer server = null;
    SimulatorAccess simulatorAccess = null;
    try {
      if (options.simulator()) {
        simulator = startSimulator(options.simulatorServers());
        oneView = OneView.builder().url(simulator.url())
            .credentials(simulator.username(), simulator.password().toCharArray())
            .trust(simulator.certificatePem())
            .taskPolling(Duration.ofMillis(250), Duration.ofSeconds(1)) // its tasks take seconds
            .maxIdleConnections(WORKER_CONNECTIONS)
            .build();
      } else {
        oneView = buildOneView(options);
      }
      // Refuse at once what would otherwise fail only after the first listing (up to minutes).
      preflightSocket(options);
      StartupProbe.check(oneView, options);
      OneViewInstancePlugin.Builder pluginBuilder = OneViewInstancePlugin.builder();
      if (simulator != null && simulator.scmbPort() > 0) {
        pluginBuilder.stateChangeBusPort(simulator.scmbPort());
      }
      plugin = pluginBuilder.oneView(oneView).namespace(options.namespace())
          .refreshInterval(options.refreshInterval()).failureCooldown(options.failureCooldown())
          .profileTaskTimeout(options.profileTaskTimeout())
          .powerTaskTimeout(options.powerTaskTimeout())
          .reconcileInterval(reconcileInterval)
          .powerOffFreeServers(powerOffFreeServers)
          .stateChangeBus(!noScmb, SAFETY_NET)
          .maxBacklog(maxBacklog != null ? maxBacklog : PluginSettings.defaults().maxBacklog())
          .powerOnGrace(powerOnGrace != null ? powerOnGrace : PluginSettings.defaults().powerOnGrace())
          .build().start();
      PluginServer.Builder serverBuilder = PluginServer.builder().name(options.name())
          .instancePlugin(plugin).shutdownHook(false).environment(environment);
      if (options.pluginsDir() != null) {
        serverBuilder.pluginsDirectory(options.pluginsDir());
      }
      server = serverBuilder.build().start();
      if (simulator != null) {
        simulatorAccess = SimulatorAccess.write(server.socketPath(), simulator);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(
          closer(server, plugin, oneView, simulator, simulatorAccess), "infrakit-instance-oneview-shutdown"));
      // One line: what is ready and what to try next, so a person reading only it can go on.
      log.info("{}. {}", startupLine(options, server, oneView, plugin), nextStepLine(options, server, simulator));
      server.join();
      return 0;
    } catch (RuntimeException | IOException e) {
      closer(server, plugin, oneView, simulator, simulatorAccess).run();
      throw e;
    }
  }

  private void preflightSocket(PluginOptions options) {
    try {
      PluginServer.preflight(options.pluginsDir(), options.name(), environment);
    } catch (IllegalStateException e) {
      String hint = e.getMessage().startsWith("a plugin is already listening")
          ? " (to run a second one, give it another socket name with --name, e.g. --name "
              + options.name() + "-2)"
          : "";
      throw new StartupException(e.getMessage() + hint, e);
    } catch (UncheckedIOException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  /** Flags over environment, checked; throws a {@link CommandLine.ParameterException} for a person. */
  PluginOptions options() {
    CommandLine cmd = commandLineForErrors();
    String effectiveUrl = url != null ? url : environment.apply(EnvironmentVariables.URL);
    String effectiveUser = user != null ? user : environment.apply(EnvironmentVariables.USER);
    Integer effectiveApi = apiVersion;
    String apiText = environment.apply(EnvironmentVariables.API_VERSION);
    if (effectiveApi == null && apiText != null && !apiText.isBlank()) {
      try {
        effectiveApi = Integer.valueOf(apiText.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.ParameterException(cmd, EnvironmentVariables.API_VERSION
            + " must be a whole number such as 2000, got \"" + apiText + "\"");
      }
    }
    if (insecure && caCert != null) {
      throw new CommandLine.ParameterException(cmd, "use either --ca-cert (verify the appliance) or "
          + "--insecure (do not), not both");
    }
    if (simulatorServers == null) {
      if (effectiveUrl == null || effectiveUrl.isBlank()) {
        throw new CommandLine.ParameterException(cmd, "no OneView appliance: set "
            + EnvironmentVariables.URL + " or --url (or try --simulator)");
      }
      if (effectiveUser == null || effectiveUser.isBlank()) {
        throw new CommandLine.ParameterException(cmd, "no OneView user: set "
            + EnvironmentVariables.USER + " or --user");
      }
    } else if (simulatorServers < 1 || simulatorServers > 4096) {
      throw new CommandLine.ParameterException(cmd, "--simulator takes 1 to 4096 servers, got "
          + simulatorServers);
    }
    return new PluginOptions(effectiveUrl, effectiveUser, passwordFile, effectiveApi, caCert, insecure,
        name, pluginsDir, namespace, refreshInterval, failureCooldown, profileTaskTimeout,
        powerTaskTimeout, simulatorServers);
  }

  /** The OneView client for these options (also used by the {@code inventory} command). */
  OneView buildOneView(PluginOptions options) throws IOException {
    char[] password = password(options);
    try {
      OneView.Builder builder = OneView.builder().url(options.url())
          .credentials(options.user(), password)
          .maxIdleConnections(WORKER_CONNECTIONS);
      if (options.apiVersion() != null) {
        builder.apiVersion(options.apiVersion());
      }
      if (options.insecure()) {
        log.warn("TLS CERTIFICATE VERIFICATION IS OFF (--insecure): anyone on the network path can "
            + "impersonate {} and capture the OneView password. Use --ca-cert with the appliance's "
            + "certificate instead", options.url());
        builder.insecure();
      } else if (options.caCert() != null) {
        builder.trust(checkedPem(options.caCert()));
      }
      return builder.build();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private char[] password(PluginOptions options) throws IOException {
    CommandLine cmd = commandLineForErrors();
    if (options.passwordFile() != null) {
      if (!Files.isRegularFile(options.passwordFile()) || !Files.isReadable(options.passwordFile())) {
        throw new CommandLine.ParameterException(cmd, "--password-file " + options.passwordFile()
            + ": " + (Files.exists(options.passwordFile()) ? "not a readable file" : "no such file"));
      }
      String text = Files.readString(options.passwordFile(), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new CommandLine.ParameterException(cmd, "password file " + options.passwordFile()
            + " is empty");
      }
      return text.toCharArray();
    }
    String fromEnv = environment.apply(EnvironmentVariables.PASSWORD);
    if (fromEnv == null || fromEnv.isEmpty()) {
      throw new CommandLine.ParameterException(cmd, "no OneView password: set "
          + EnvironmentVariables.PASSWORD + " or --password-file");
    }
    return fromEnv.toCharArray();
  }

  /**
   * The {@code --ca-cert} file, refused with what to do when it cannot be a PEM certificate: the SDK's
   * own message would name a parser exception, not the flag.
   */
  private Path checkedPem(Path file) throws IOException {
    CommandLine cmd = commandLineForErrors();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CommandLine.ParameterException(cmd, "--ca-cert " + file + ": "
          + (Files.exists(file) ? "not a readable file" : "no such file"));
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new CommandLine.ParameterException(cmd, "--ca-cert " + file + " is not a PEM certificate "
          + "(no -----BEGIN CERTIFICATE----- line); export it with: openssl s_client -connect "
          + "APPLIANCE:443 -showcerts </dev/null | openssl x509 > oneview-ca.pem");
    }
    return file;
  }

  private static OneViewSimulator startSimulator(int servers) {
    return OneViewSimulator.builder().servers(servers).scmb(true)
        .taskDuration(TaskKind.POWER, Duration.ofSeconds(2))
        .taskDuration(TaskKind.PROFILE_CREATE, Duration.ofSeconds(5))
        .taskDuration(TaskKind.PROFILE_UPDATE, Duration.ofSeconds(1))
        .taskDuration(TaskKind.PROFILE_DELETE, Duration.ofSeconds(3))
        .build().start();
  }

  private static String startupLine(PluginOptions options, PluginServer server, OneView oneView,
      OneViewInstancePlugin plugin) {
    String appliance = options.simulator()
        ? "embedded simulator " + oneView.url() + " (" + options.simulatorServers() + " servers)"
        : "OneView " + oneView.url();
    String api;
    try {
      api = "API " + oneView.apiVersion();
    } catch (RuntimeException e) {
      api = "API version not negotiated yet (appliance unreachable)";
    }
    List<String> templates = plugin.templateNames();
    return "instance-oneview ready: socket " + server.socketPath() + ", " + appliance + ", " + api
        + ", namespace \"" + plugin.namespace() + "\", changes: " + plugin.changeFeed() + ", "
        + (templates.isEmpty() ? "no templates found yet" : templates.size() + " templates: "
            + String.join(", ", templates));
  }

  /**
   * What a person can do next: the one command that shows the plugin answering, and with
   * {@code --simulator} where the simulator's URL, user, password and certificate are, so
   * {@code inventory} and SDK code can reach the same simulator.
   */
  static String nextStepLine(PluginOptions options, PluginServer server, OneViewSimulator simulator) {
    String line = "Try: curl -sS --unix-socket " + server.socketPath()
        + " -H 'Content-Type: application/json' -d '{\"jsonrpc\":\"2.0\",\"method\":"
        + "\"Instance.DescribeInstances\",\"params\":{\"Tags\":{}},\"id\":1}' http://h/"
        + "  (or: infrakit local " + options.name() + " describe)";
    if (simulator != null) {
      line += ". Simulator " + simulator.url() + ", user " + simulator.username()
          + "; its password and certificate are in " + SimulatorAccess.directory(server.socketPath())
          + " (owner-only): java -jar infrakit-instance-oneview.jar inventory --url " + simulator.url()
          + " --user " + simulator.username() + " --password-file "
          + SimulatorAccess.passwordFile(server.socketPath()) + " --ca-cert "
          + SimulatorAccess.certificateFile(server.socketPath());
    }
    return line;
  }

  private static Runnable closer(PluginServer server, OneViewInstancePlugin plugin, OneView oneView,
      OneViewSimulator simulator, SimulatorAccess simulatorAccess) {
    return () -> {
      for (AutoCloseable c : new AutoCloseable[] {server, plugin, oneView, simulator, simulatorAccess}) {
        if (c == null) {
          continue;
        }
        try {
          c.close();
        } catch (Exception e) {
          log.warn("Shutdown: closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
        }
      }
    };
  }
}
