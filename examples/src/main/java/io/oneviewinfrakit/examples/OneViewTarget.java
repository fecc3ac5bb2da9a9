package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OneView an SDK example talks to: the appliance named by the environment, else an embedded
 * simulator started for the run (so every example works on a machine with only a JDK).
 *
 * <p>Environment (the plugin's names, so one shell setup serves both): {@code INFRAKIT_ONEVIEW_OVURL},
 * {@code INFRAKIT_ONEVIEW_OVUSER}, {@code INFRAKIT_ONEVIEW_OVPASS}, and for the examples only
 * {@code INFRAKIT_ONEVIEW_CACERT} (PEM of the appliance's CA; default: the JVM's trust store).
 */
final class OneViewTarget implements AutoCloseable {

  static final String URL = "INFRAKIT_ONEVIEW_OVURL";
  static final String USER = "INFRAKIT_ONEVIEW_OVUSER";
  static final String PASSWORD = "INFRAKIT_ONEVIEW_OVPASS";
  static final String CA_CERT = "INFRAKIT_ONEVIEW_CACERT";

  /** Servers in the embedded simulator: enough for every example, small enough to print. */
  static final int SIMULATOR_SERVERS = 16;

  private final OneView oneView;
  private final OneViewSimulator simulator; // null for an appliance

  private OneViewTarget(OneView oneView, OneViewSimulator simulator) {
    this.oneView = oneView;
    this.simulator = simulator;
  }

  /** Version printed by every example's {@code --version}. */
  static final String VERSION = "oneview-infrakit examples 1.0.0";

  /** The appliance if {@code INFRAKIT_ONEVIEW_OVURL} is set, else a fresh embedded simulator. */
  static OneViewTarget fromEnvironment(Function<String, String> environment) {
    return fromEnvironment(environment, false, false);
  }

  /**
   * As {@link #fromEnvironment(Function)}, for an example that creates, powers or deletes: on a real
   * appliance it runs only when {@code confirmed} ({@code --yes}), since a variable left set in a
   * shell must not be enough to change real servers.
   */
  static OneViewTarget fromEnvironment(Function<String, String> environment, boolean changesServers,
      boolean confirmed) {
    String url = environment.apply(URL);
    if (url != null && !url.isBlank() && changesServers && !confirmed) {
      throw new IllegalArgumentException(URL + " names the appliance " + url + " and this example changes "
          + "servers there (creates profiles, powers servers): add --yes to run it there, or unset "
          + URL + " to use an embedded simulator");
    }
    if (url == null || url.isBlank()) {
      OneViewSimulator sim = OneViewSimulator.builder().servers(SIMULATOR_SERVERS).build().start();
      return new OneViewTarget(connect(sim), sim);
    }
    String user = required(environment, USER);
    char[] password = required(environment, PASSWORD).toCharArray();
    OneView.Builder builder = OneView.builder().url(url).credentials(user, password);
    String caCert = environment.apply(CA_CERT);
    if (caCert != null && !caCert.isBlank()) {
      builder.trust(Path.of(caCert));
    }
    return new OneViewTarget(builder.build(), null);
  }

  /**
   * A client for {@code sim}, trusting exactly its certificate. Tasks are polled every few
   * milliseconds: simulator tasks take milliseconds, and the SDK's default (1 s growing to 10 s)
   * suits a real appliance, not a demo.
   */
  static OneView connect(OneViewSimulator sim) {
    return OneView.builder().url(sim.url())
        .credentials(sim.username(), sim.password().toCharArray())
        .trust(sim.certificatePem())
        .taskPolling(Duration.ofMillis(20), Duration.ofMillis(200))
        .build();
  }

  private static String required(Function<String, String> environment, String name) {
    String value = environment.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(URL + " is set, so " + name + " must be set too");
    }
    return value;
  }

  OneView oneView() {
    return oneView;
  }

  /** The embedded simulator; empty when the target is a real appliance. */
  Optional<OneViewSimulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  /** One line for a person: which OneView this run talks to. */
  String describe() {
    return simulator != null
        ? "embedded OneView simulator " + oneView.url() + " (" + SIMULATOR_SERVERS + " servers; set "
            + URL + " to use an appliance)"
        : "OneView " + oneView.url();
  }

  @Override
  public void close() {
    oneView.close(); // logs out: appliances cap sessions per client
    if (simulator != null) {
      simulator.close();
    }
  }

  @Override
  public String toString() {
    return "OneViewTarget{" + Objects.toString(oneView.url()) + "}";
  }
}
