package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.oneview.Connection;
import io.oneviewinfrakit.oneview.Filter;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.PowerControl;
import io.oneviewinfrakit.oneview.PowerState;
import io.oneviewinfrakit.oneview.Query;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.oneview.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates one server profile from a template on a free compatible server (named, or picked), powers
 * the server off first if needed, waits for OneView's task, powers it on and prints the result.
 *
 * <p>It only ever touches the one server it uses, and only when that server is free (no profile,
 * state NoProfileApplied, not in maintenance): a named server that is not free is refused.
 *
 * <p>Run it: {@code java -cp examples/target/examples.jar io.oneviewinfrakit.examples.ProvisionOne
 * [--template NAME] [--server NAME] [--name PROFILE] [--no-power-on]} (an embedded simulator unless
 * {@code INFRAKIT_ONEVIEW_OVURL} names an appliance; see {@link OneViewTarget}).
 */
@Command(name = "ProvisionOne", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = ProvisionOne.Version.class,
    description = "Create a server profile from a template on one free compatible server and power it on.")
public final class ProvisionOne implements Callable<Integer> {

  @Option(names = "--template", paramLabel = "NAME",
      description = "server profile template (default: ${DEFAULT-VALUE})")
  String templateName = "Docker-Gen8-Template";

  @Option(names = "--server", paramLabel = "NAME",
      description = "server hardware to use, e.g. \"Encl1, bay 3\" (default: a free compatible one, "
          + "powered-off first)")
  String serverName;

  @Option(names = "--name", paramLabel = "PROFILE",
      description = "profile name (default: example-<server name>)")
  String profileName;

  @Option(names = "--no-power-on", description = "leave the server off once the profile is applied")
  boolean noPowerOn;

  @Option(names = "--yes", description = "run against the appliance named by $" + OneViewTarget.URL
      + " (without it only the embedded simulator is used)")
  boolean yes;

  @Option(names = "--task-timeout-minutes", paramLabel = "N",
      description = "how long to wait for each OneView task (default: ${DEFAULT-VALUE})")
  int taskTimeoutMinutes = 30;

  /** Where environment variables come from and where the story goes (tests substitute both). */
  Function<String, String> environment = System::getenv;
  PrintStream out = System.out;

  public static void main(String... args) {
    System.exit(commandLine(new ProvisionOne()).execute(args));
  }

  /** The examples' {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {OneViewTarget.VERSION};
    }
  }

  /** A command line that reports failures as one sentence, not a stack trace. */
  static CommandLine commandLine(Object command) {
    CommandLine cmd = new CommandLine(command);
    cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
      return 1;
    });
    return cmd;
  }

  @Override
  public Integer call() {
    // Connect to the appliance named by the environment, or start an embedded simulator.
    try (OneViewTarget target = OneViewTarget.fromEnvironment(environment, true, yes)) {
      out.println("Using " + target.describe());
      provision(target.oneView(), out);
      return 0;
    }
  }

  /** Provisions as the options say, printing each step to {@code out}; returns the final profile. */
  ServerProfile provision(OneView ov, PrintStream out) {
    Duration timeout = Duration.ofMinutes(taskTimeoutMinutes);

    // 1. The template, by exact name.
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(templateName)
        .orElseThrow(() -> new IllegalArgumentException("no template named \"" + templateName
            + "\"; templates: " + ov.serverProfileTemplates().list().stream()
                .map(ServerProfileTemplate::name).collect(Collectors.joining(", "))));
    out.println("Template " + template.name());

    // 2. The server: the named one if it is free and fits, else the first free compatible one
    //    (powered-off servers first, so nothing needs powering off).
    ServerHardware server = serverName != null ? namedServer(ov, template)
        : ov.serverHardware().freeCompatibleWith(template).stream()
            .min(Comparator.comparing((ServerHardware hw) -> hw.powerState() != PowerState.OFF)
                .thenComparing(ServerHardware::name))
            .orElseThrow(() -> new IllegalStateException("no free server fits template \"" + templateName
                + "\" (" + ov.serverHardware().compatibleWith(template).size() + " compatible, none free)"));
    out.println("Server " + server.name() + " (" + server.powerState().wireName() + ", "
        + server.state().wireName() + ")");

    // 3. OneView applies a profile only to a powered-off server. The server is free (no profile),
    //    so pressing and holding its power button discards nothing OneView manages.
    if (server.powerState() != PowerState.OFF) {
      out.println("Powering off " + server.name() + " ...");
      ov.tasks().await(ov.serverHardware().powerOff(server.uri(), PowerControl.PRESS_AND_HOLD), timeout);
    }

    // 4. The profile: the template's new-profile document with a name and the server, created and
    //    awaited (an Error ends here with OneView's error code and recommended actions).
    String name = profileName != null ? profileName
        : "example-" + server.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    out.println("Creating profile " + name + " ...");
    ServerProfile draft = ov.serverProfileTemplates().newProfile(template)
        .withName(name).withServerHardwareUri(server.uri());
    Task created = ov.tasks().await(ov.serverProfiles().create(draft), timeout);
    out.println("  task " + created.state().wireName());

    // 5. Power on, unless asked not to.
    if (!noPowerOn) {
      out.println("Powering on " + server.name() + " ...");
      ov.tasks().await(ov.serverHardware().powerOn(server.uri()), timeout);
    }

    // 6. Read back what OneView now says.
    ServerProfile profile = ov.serverProfiles().get(created.associatedResourceUri());
    ServerHardware after = ov.serverHardware().get(server.uri());
    out.println("Profile " + profile.name());
    out.println("  uri     " + profile.uri());
    out.println("  server  " + after.name() + ", power " + after.powerState().wireName() + ", "
        + after.state().wireName());
    out.println("  state   " + profile.state() + ", status " + profile.status().wireName());
    List<String> macs = profile.connections().stream().map(Connection::mac).filter(Objects::nonNull).toList();
    out.println("  MACs    " + (macs.isEmpty() ? "-" : String.join(", ", macs)));
    return profile;
  }

  /** The server named {@code --server}, refused unless it is free and fits the template. */
  private ServerHardware namedServer(OneView ov, ServerProfileTemplate template) {
    ServerHardware server = ov.serverHardware().list(Query.builder().filter(Filter.eq("name", serverName)).build())
        .stream().filter(hw -> serverName.equals(hw.name())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no server named \"" + serverName + "\""));
    if (!server.isCompatibleWith(template)) {
      throw new IllegalArgumentException("server \"" + serverName + "\" does not fit template \""
          + templateName + "\" (different hardware type or enclosure group)");
    }
    if (!server.isFree()) {
      throw new IllegalStateException("server \"" + serverName + "\" is not free ("
          + (server.serverProfileUri() != null ? "it has profile " + server.serverProfileUri()
              : server.maintenanceMode() ? "maintenance" : "state " + server.state().wireName())
          + "); ProvisionOne only uses free servers");
    }
    return server;
  }
}
