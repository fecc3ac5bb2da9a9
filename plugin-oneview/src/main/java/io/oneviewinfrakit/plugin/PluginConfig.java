package io.oneviewinfrakit.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The appliances one plugin process serves.
 *
 * @param appliances at least one, names unique, in the order given
 * @param defaultName the appliance the untyped plugin name ({@code instance-oneview}) serves
 * @param typed whether each appliance is also served as the typed sub-plugin {@code NAME/appliance};
 *     false only for the single appliance of the flags and environment, which is served exactly as
 *     before sub-plugins existed
 */
record PluginConfig(List<ApplianceConfig> appliances, String defaultName, boolean typed) {

  PluginConfig {
    appliances = List.copyOf(appliances);
    if (appliances.isEmpty()) {
      throw new IllegalArgumentException("no appliance");
    }
    if (appliances.stream().noneMatch(a -> a.name().equals(defaultName))) {
      throw new IllegalArgumentException("default appliance " + defaultName + " is not configured");
    }
  }

  /**
   * The appliances to serve: those of the configuration file; or several embedded simulators named
   * sim1, sim2, ...; or the one appliance (or simulator) of the flags and environment, served untyped
   * exactly as before several appliances existed.
   */
  static PluginConfig of(PluginOptions options, Tuning tuning) {
    if (options.config() != null) {
      return ConfigFile.read(options.config(), tuning, options.namespace());
    }
    if (options.simulators().size() > 1) {
      List<ApplianceConfig> simulators = new ArrayList<>();
      for (int i = 0; i < options.simulators().size(); i++) {
        simulators.add(new ApplianceConfig("sim" + (i + 1), null, null, null, null, false, null,
            options.namespace(), tuning, options.simulators().get(i), null, Map.of()));
      }
      return new PluginConfig(simulators, "sim1", true);
    }
    PasswordSource password = options.passwordFile() != null
        ? PasswordSource.file(options.passwordFile(), "--password-file")
        : PasswordSource.variable(EnvironmentVariables.PASSWORD, "no OneView password: set "
            + EnvironmentVariables.PASSWORD + " or --password-file");
    return PluginConfig.single(new ApplianceConfig("default", options.url(), options.user(),
        options.simulator() ? null : password, options.caCert(), options.insecure(), options.apiVersion(),
        options.namespace(), tuning, options.simulatorServers(), null, Map.of()));
  }

  static PluginConfig single(ApplianceConfig appliance) {
    return new PluginConfig(List.of(appliance), appliance.name(), false);
  }

  ApplianceConfig defaultAppliance() {
    return appliances.stream().filter(a -> a.name().equals(defaultName)).findFirst().orElseThrow();
  }
}
