package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.PowerState;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.oneview.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The SDK in ten lines, as the top-level README quotes it: find a template, pick a free compatible
 * powered-off server, create a profile from the template on it, wait for the task, power it on.
 *
 * <p>Run it: {@code java -cp examples/target/examples.jar io.oneviewinfrakit.examples.SdkQuickStart}
 * (an embedded simulator unless {@code INFRAKIT_ONEVIEW_OVURL} names an appliance; see
 * {@link OneViewTarget}).
 */
@Command(name = "SdkQuickStart", mixinStandardHelpOptions = true, versionProvider = ProvisionOne.Version.class,
    description = "Create a profile from template Docker-Gen8-Template on a free powered-off server and "
        + "power it on (an embedded simulator unless $INFRAKIT_ONEVIEW_OVURL and --yes).")
public final class SdkQuickStart implements Callable<Integer> {

  @Option(names = "--yes", description = "run against the appliance named by $" + OneViewTarget.URL
      + " (without it only the embedded simulator is used)")
  boolean yes;

  public static void main(String... args) {
    System.exit(ProvisionOne.commandLine(new SdkQuickStart()).execute(args));
  }

  @Override
  public Integer call() {
    run(System::getenv, System.out, yes);
    return 0;
  }

  static void run(Function<String, String> environment, PrintStream out) {
    run(environment, out, false);
  }

  static void run(Function<String, String> environment, PrintStream out, boolean confirmed) {
    // Log in: the client logs in on first use and logs out on close().
    try (OneViewTarget target = OneViewTarget.fromEnvironment(environment, true, confirmed)) {
      out.println("Using " + target.describe());
      // Everything the README shows happens in here.
      String profileUri = createProfileAndPowerOn(target.oneView(), "web-1");
      out.println("Created " + profileUri + " and powered its server on");
    }
  }

  /** Creates profile {@code name} from template "Docker-Gen8-Template" and returns its URI. */
  static String createProfileAndPowerOn(OneView ov, String name) {
    // README-BEGIN
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
    // OneView applies a profile only to a server that is off: pick a free, compatible one that is.
    ServerHardware server = ov.serverHardware().freeCompatibleWith(template).stream()
        .filter(hw -> hw.powerState() == PowerState.OFF).findFirst().orElseThrow();
    ServerProfile profile = ov.serverProfileTemplates().newProfile(template)
        .withName(name).withServerHardwareUri(server.uri());
    Task created = ov.tasks().await(ov.serverProfiles().create(profile), Duration.ofMinutes(30));
    ov.tasks().await(ov.serverHardware().powerOn(server.uri()), Duration.ofMinutes(5));
    // README-END
    return created.associatedResourceUri();
  }
}
