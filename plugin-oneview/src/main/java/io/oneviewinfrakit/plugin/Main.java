package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.oneview.OneView;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        "  " + EnvironmentVariables.CONFIG + "  configuration file listing several appliances (as --config)",
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
        "Several appliances: list them in a YAML or JSON file given with --config; each is the typed",
        "  sub-plugin instance-oneview/NAME (\"Plugin\": \"instance-oneview/lab\"); see the README.",
        "",
        "Try it without an appliance:  java -jar infrakit-instance-oneview.jar --simulator",
        "  (two appliances: --simulator 16,8 serves instance-oneview/sim1 and instance-oneview/sim2)",
        "Real appliance:  INFRAKIT_ONEVIEW_OVURL=https://ov.example.com INFRAKIT_ONEVIEW_OVUSER=infrakit \\",
        "                 INFRAKIT_ONEVIEW_OVPASS=... java -jar infrakit-instance-oneview.jar --ca-cert ov-ca.pem"})
public final class Main implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML or JSON file listing several appliances, each served as the typed plugin "
          + "NAME/appliance (default: $" + EnvironmentVariables.CONFIG + "; without it the flags below "
          + "describe the one appliance)")
  Path config;

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

  @Option(names = "--simulator", paramLabel = "N[,N...]", arity = "0..1", split = ",",
      fallbackValue = "" + PluginOptions.DEFAULT_SIMULATOR_SERVERS,
      description = "use an embedded OneView simulator with N servers (default N: "
          + PluginOptions.DEFAULT_SIMULATOR_SERVERS + ") instead of an appliance; tasks take 2-5 s. "
          + "Several counts (16,8) start several simulators, served as NAME/sim1, NAME/sim2, ...")
  List<Integer> simulatorServers;

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
    PluginConfig config = configuration(options);
    Appliances appliances = null;
    PluginServer server = null;
    List<SimulatorAccess> simulatorAccess = new ArrayList<>();
    try {
      appliances = connect(config);
      // Refuse at once what would otherwise fail only after the first listing (up to minutes).
      preflightSocket(options);
      appliances.probeAndStart();
      PluginServer.Builder serverBuilder = appliances.register(PluginServer.builder().name(options.name())
          .shutdownHook(false).environment(environment));
      if (options.pluginsDir() != null) {
        serverBuilder.pluginsDirectory(options.pluginsDir());
      }
      server = serverBuilder.build().start();
      for (Appliance appliance : appliances.all()) {
        if (appliance.simulator() != null) {
          simulatorAccess.add(SimulatorAccess.write(server.socketPath(),
              config.typed() ? appliance.name() : null, appliance.simulator()));
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(closer(server, appliances, simulatorAccess),
          "infrakit-instance-oneview-shutdown"));
      // One line: what is ready and what to try next, so a person reading only it can go on.
      log.info("{}. {}", ReadyLine.ready(options, server, appliances), ReadyLine.nextStep(options, server, appliances));
      server.join();
      return 0;
    } catch (Exception e) {
      closer(server, appliances, simulatorAccess).run();
      throw e;
    }
  }

  /**
   * Every appliance's OneView client; a setting that cannot work is a usage error for the flags (as
   * before several appliances existed) and a one-line start-up failure for a configuration file.
   */
  Appliances connect(PluginConfig config) {
    try {
      return Appliances.connect(config, new OneViewConnector(environment));
    } catch (IllegalArgumentException e) {
      if (config.appliances().get(0).fromFile()) {
        throw new StartupException(e.getMessage(), e);
      }
      throw new CommandLine.ParameterException(commandLineForErrors(), e.getMessage());
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
    Path effectiveConfig = config;
    String configText = environment.apply(EnvironmentVariables.CONFIG);
    boolean applianceFlags = url != null || user != null || passwordFile != null || apiVersion != null
        || caCert != null || insecure;
    if (config != null && (applianceFlags || simulatorServers != null)) {
      throw new CommandLine.ParameterException(cmd, "--config lists the appliances: give --url, --user, "
          + "--password-file, --api-version, --ca-cert, --insecure and --simulator in the file's "
          + "appliances instead, or leave --config out");
    }
    // Flags beat the environment: single-appliance flags (or --simulator) set aside the variable.
    if (effectiveConfig == null && configText != null && !configText.isBlank() && !applianceFlags
        && simulatorServers == null) {
      effectiveConfig = Path.of(configText.strip());
    }
    List<Integer> simulators = simulatorServers == null ? List.of() : simulatorServers;
    if (effectiveConfig == null && simulators.isEmpty()) { // else the file or simulators say it
      if (effectiveUrl == null || effectiveUrl.isBlank()) {
        throw new CommandLine.ParameterException(cmd, "no OneView appliance: set "
            + EnvironmentVariables.URL + " or --url (or try --simulator)");
      }
      if (effectiveUser == null || effectiveUser.isBlank()) {
        throw new CommandLine.ParameterException(cmd, "no OneView user: set "
            + EnvironmentVariables.USER + " or --user");
      }
    }
    for (Integer servers : simulators) {
      if (servers == null || servers < 1 || servers > 4096) {
        throw new CommandLine.ParameterException(cmd, "--simulator takes 1 to 4096 servers per "
            + "simulator, got " + servers);
      }
    }
    if (simulators.size() > 16) {
      throw new CommandLine.ParameterException(cmd, "--simulator starts at most 16 simulators, got "
          + simulators.size());
    }
    return new PluginOptions(effectiveUrl, effectiveUser, passwordFile, effectiveApi, caCert, insecure,
        name, pluginsDir, namespace, refreshInterval, failureCooldown, profileTaskTimeout,
        powerTaskTimeout, simulators, effectiveConfig);
  }

  /** The tuning flags, which every appliance has unless its entry in the file says otherwise. */
  Tuning tuning() {
    return new Tuning(refreshInterval, failureCooldown, profileTaskTimeout, powerTaskTimeout,
        reconcileInterval, powerOffFreeServers, !noScmb,
        maxBacklog != null ? maxBacklog : PluginSettings.defaults().maxBacklog(),
        powerOnGrace != null ? powerOnGrace : PluginSettings.defaults().powerOnGrace());
  }

  /** The appliances these options describe (see {@link PluginConfig#of}). */
  PluginConfig configuration(PluginOptions options) {
    return PluginConfig.of(options, tuning());
  }

  private static Runnable closer(PluginServer server, Appliances appliances, List<SimulatorAccess> access) {
    return () -> {
      List<AutoCloseable> all = new ArrayList<>();
      all.add(server);
      all.add(appliances);
      all.addAll(access);
      for (AutoCloseable c : all) {
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
