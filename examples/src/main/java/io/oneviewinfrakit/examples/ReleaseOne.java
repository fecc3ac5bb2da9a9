package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.oneview.Filter;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.PowerControl;
import io.oneviewinfrakit.oneview.PowerState;
import io.oneviewinfrakit.oneview.Query;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfile;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Releases one server: powers off the server carrying the named profile, deletes the profile, waits
 * for OneView's task and prints the now free server.
 *
 * <p>It touches only the profile named and the server under it, and refuses profiles the InfraKit
 * plugin manages (destroy those through InfraKit, or the group would just provision a replacement).
 * On the embedded simulator, with no {@code --profile}, it first provisions one with {@link
 * ProvisionOne} so that there is something to release.
 *
 * <p>Run it: {@code java -cp examples/target/examples.jar io.oneviewinfrakit.examples.ReleaseOne
 * --profile NAME} (an embedded simulator unless {@code INFRAKIT_ONEVIEW_OVURL} names an appliance;
 * see {@link OneViewTarget}).
 */
@Command(name = "ReleaseOne", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = ProvisionOne.Version.class,
    description = "Power off the server under a profile, delete the profile and wait until it is gone.")
public final class ReleaseOne implements Callable<Integer> {

  /** The prefix of the InfraKit plugin's ownership envelope in a profile's description. */
  static final String PLUGIN_ENVELOPE_PREFIX = "infrakit-oneview/";

  @Option(names = "--profile", paramLabel = "NAME",
      description = "exact name of the server profile to delete (required on an appliance)")
  String profileName;

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
    System.exit(ProvisionOne.commandLine(new ReleaseOne()).execute(args));
  }

  @Override
  public Integer call() {
    // Connect to the appliance named by the environment, or start an embedded simulator.
    try (OneViewTarget target = OneViewTarget.fromEnvironment(environment, true, yes)) {
      out.println("Using " + target.describe());
      if (profileName == null) {
        if (target.simulator().isEmpty()) {
          throw new IllegalArgumentException("--profile is required: name the profile to delete");
        }
        // A fresh simulator has no profiles: make one to release.
        profileName = new ProvisionOne().provision(target.oneView(), out).name();
        out.println();
      }
      release(target.oneView(), out);
      return 0;
    }
  }

  /** Releases {@code --profile}, printing each step to {@code out}; returns the freed server. */
  ServerHardware release(OneView ov, PrintStream out) {
    Duration timeout = Duration.ofMinutes(taskTimeoutMinutes);

    // 1. The profile, by exact name (OneView's name filter is not case-sensitive everywhere).
    ServerProfile profile = ov.serverProfiles().list(Query.builder().filter(Filter.eq("name", profileName)).build())
        .stream().filter(p -> profileName.equals(p.name())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no server profile named \"" + profileName + "\""));
    if (profile.description() != null && profile.description().startsWith(PLUGIN_ENVELOPE_PREFIX)) {
      throw new IllegalStateException("profile \"" + profileName + "\" is managed by the InfraKit plugin; "
          + "destroy the instance through InfraKit instead");
    }
    String serverUri = profile.serverHardwareUri();
    out.println("Profile " + profile.name() + " (" + profile.uri() + ")"
        + (serverUri == null ? ", no server assigned" : ""));

    // 2. OneView removes a profile only from a powered-off server. The profile is being deleted,
    //    so the operating system on it is being discarded anyway: press and hold.
    if (serverUri != null) {
      ServerHardware server = ov.serverHardware().get(serverUri);
      if (server.powerState() != PowerState.OFF) {
        out.println("Powering off " + server.name() + " ...");
        ov.tasks().await(ov.serverHardware().powerOff(serverUri, PowerControl.PRESS_AND_HOLD), timeout);
      }
    }

    // 3. Delete the profile and wait for OneView to finish.
    out.println("Deleting profile " + profile.name() + " ...");
    ov.tasks().await(ov.serverProfiles().delete(profile.uri()), timeout);

    // 4. Read the server back: it should now be free.
    if (serverUri == null) {
      out.println("Deleted " + profile.name());
      return null;
    }
    ServerHardware server = ov.serverHardware().get(serverUri);
    out.println("Deleted " + profile.name() + "; server " + server.name() + " is "
        + (server.isFree() ? "free" : "not free yet (" + server.state().wireName() + ")")
        + ", power " + server.powerState().wireName());
    return server;
  }
}
