package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.TaskKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the OneView client of one {@link ApplianceConfig} (reading its password, checking its CA
 * file) and starts embedded simulators. A setting that cannot work is refused with an
 * {@link IllegalArgumentException} whose message names the flag, or the file, line and key.
 */
final class OneViewConnector {
  private static final Logger log = LoggerFactory.getLogger(OneViewConnector.class);

  /**
   * Every background worker mostly polls a OneView task; keeping one idle connection per worker spares
   * each burst of polls a new TLS handshake.
   */
  static final int WORKER_CONNECTIONS = PluginSettings.defaults().workers();

  private final Function<String, String> environment;

  OneViewConnector(Function<String, String> environment) {
    this.environment = environment;
  }

  OneView connect(ApplianceConfig appliance) {
    char[] password = appliance.password().read(environment);
    try {
      OneView.Builder builder = OneView.builder().url(appliance.url())
          .credentials(appliance.user(), password)
          .maxIdleConnections(WORKER_CONNECTIONS);
      if (appliance.apiVersion() != null) {
        builder.apiVersion(appliance.apiVersion());
      }
      if (appliance.insecure()) {
        log.warn("TLS CERTIFICATE VERIFICATION IS OFF ({}): anyone on the network path can "
            + "impersonate {} and capture the OneView password. Use {} with the appliance's "
            + "certificate instead", appliance.setting("insecure"), appliance.url(), appliance.setting("ca-cert"));
        builder.insecure();
      } else if (appliance.caCert() != null) {
        builder.trust(checkedPem(appliance));
      }
      return builder.build();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** A OneView client of an embedded simulator, polling at the pace of its tasks (seconds). */
  static OneView connect(OneViewSimulator simulator) {
    return OneView.builder().url(simulator.url())
        .credentials(simulator.username(), simulator.password().toCharArray())
        .trust(simulator.certificatePem())
        .taskPolling(Duration.ofMillis(250), Duration.ofSeconds(1))
        .maxIdleConnections(WORKER_CONNECTIONS)
        .build();
  }

  /**
   * An embedded simulator whose tasks take seconds, as a person trying the plugin would see them;
   * with its message bus unless the plugin will not use one ({@code --no-scmb}: spares the broker).
   */
  static OneViewSimulator startSimulator(int servers, boolean scmb) {
    return OneViewSimulator.builder().servers(servers).scmb(scmb)
        .taskDuration(TaskKind.POWER, Duration.ofSeconds(2))
        .taskDuration(TaskKind.PROFILE_CREATE, Duration.ofSeconds(5))
        .taskDuration(TaskKind.PROFILE_UPDATE, Duration.ofSeconds(1))
        .taskDuration(TaskKind.PROFILE_DELETE, Duration.ofSeconds(3))
        .build().start();
  }

  /**
   * The CA file, refused with what to do when it cannot be a PEM certificate: the SDK's own message
   * would name a parser exception, not the setting.
   */
  private static Path checkedPem(ApplianceConfig appliance) {
    Path file = appliance.caCert();
    String setting = appliance.setting("ca-cert");
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(setting + " " + file + ": "
          + (Files.exists(file) ? "not a readable file" : "no such file"));
    }
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(setting + " " + file + ": " + e.getMessage(), e);
    }
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(setting + " " + file + " is not a PEM certificate "
          + "(no -----BEGIN CERTIFICATE----- line); export it with: openssl s_client -connect "
          + "APPLIANCE:443 -showcerts </dev/null | openssl x509 > oneview-ca.pem");
    }
    return file;
  }
}
