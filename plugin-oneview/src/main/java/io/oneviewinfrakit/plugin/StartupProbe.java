package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.AuthenticationException;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.OneViewException;
import io.oneviewinfrakit.oneview.Query;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login and one read before the plugin serves, to tell a configuration that can never work
 * (permanent: refused credentials, missing rights, an API version the appliance does not speak, an
 * untrusted certificate) from an appliance that is only unreachable for now (transient: the plugin
 * serves errors and recovers by itself).
 */
final class StartupProbe {
  private static final Logger log = LoggerFactory.getLogger(StartupProbe.class);

  private StartupProbe() {}

  /** Throws {@link StartupException} naming the flag or variable to fix when the failure is permanent. */
  static void check(OneView oneView, ApplianceConfig appliance) {
    try {
      oneView.apiVersion();
      oneView.serverProfileTemplates().list(Query.builder().count(1).build());
    } catch (RuntimeException e) {
      Optional<String> permanent = permanentProblem(e, appliance);
      if (permanent.isPresent()) {
        throw new StartupException(permanent.get(), e);
      }
      log.warn("{} is not reachable now ({}); the plugin starts anyway, reports errors to "
          + "InfraKit and connects as soon as the appliance answers", appliance.label(),
          OneViewGateway.describe(e));
    }
  }

  /**
   * What a person must fix, when {@code failure} will not go away by retrying; empty for failures that
   * may (network, appliance busy or restarting).
   */
  static Optional<String> permanentProblem(Throwable failure, ApplianceConfig config) {
    String appliance = config.label();
    boolean file = config.fromFile();
    String inFile = " of appliance \"" + config.name() + "\" in config " + config.configFile();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return Optional.of(appliance + ": its TLS certificate is not trusted. Pass the appliance's "
            + "certificate or CA as PEM with " + (file ? "\"ca-cert: FILE\"" + inFile + " (lab only: insecure: true)"
            : "--ca-cert FILE (lab only: --insecure)"));
      }
    }
    if (failure instanceof AuthenticationException) {
      return Optional.of(appliance + " refused the login of user \"" + config.user() + "\" ("
          + failure.getMessage() + "). Fix " + (file ? "\"user\" and the " + config.password() + inFile
              : EnvironmentVariables.USER + "/--user and the password in " + EnvironmentVariables.PASSWORD
                  + " or --password-file"));
    }
    if (failure instanceof OneViewException e) {
      String code = e.error() == null || e.error().errorCode() == null ? "" : e.error().errorCode();
      // The SDK checks a pinned version against /rest/version itself (no HTTP status then); the
      // appliance answers 412 UNSUPPORTED_VERSION to one it refuses.
      boolean pinnedRefused = config.apiVersion() != null && String.valueOf(e.getMessage())
          .contains("API version " + config.apiVersion() + " is not supported");
      if (pinnedRefused || code.equals("UNSUPPORTED_VERSION") || e.httpStatus() == 412) {
        return Optional.of(appliance + " does not support API version "
            + (config.apiVersion() == null ? "negotiated" : config.apiVersion()) + " (" + failure.getMessage()
            + "). Fix or unset " + (file ? "\"api-version\"" + inFile
                : "--api-version / " + EnvironmentVariables.API_VERSION) + " to negotiate");
      }
      if (e.httpStatus() == 403) {
        return Optional.of(appliance + ": user \"" + config.user() + "\" may not read server profile "
            + "templates (" + failure.getMessage() + "). Give the user a role that manages server "
            + "profiles (e.g. Server administrator) or use another " + (file ? "\"user\"" + inFile
                : EnvironmentVariables.USER + "/--user"));
      }
    }
    return Optional.empty();
  }
}
