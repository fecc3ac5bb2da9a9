package io.oneviewinfrakit.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the executable was told, after flags and environment were merged, with the defaults in
 * one place. Secrets are not part of it: the password is read straight into a {@code char[]}.
 *
 * @param url the appliance URL, or null with an embedded simulator
 * @param user the OneView user, or null with an embedded simulator
 * @param passwordFile the file holding the password, or null to use {@link EnvironmentVariables#PASSWORD}
 * @param apiVersion the API version to pin, or null to negotiate
 * @param caCert the PEM file of the appliance's CA (or certificate), or null for the JVM's trust store
 * @param insecure whether to accept any certificate
 * @param name the plugin name (socket file name)
 * @param pluginsDir the InfraKit plugin directory, or null for the InfraKit default
 * @param namespace the owner namespace of the profiles
 * @param refreshInterval how often OneView is listed
 * @param failureCooldown how long a failed server is avoided
 * @param profileTaskTimeout how long to wait for profile tasks
 * @param powerTaskTimeout how long to wait for power tasks
 * @param simulators the number of servers of each embedded simulator; empty for real appliances
 * @param config the configuration file listing the appliances, or null for the single-appliance flags
 */
record PluginOptions(
    String url,
    String user,
    Path passwordFile,
    Integer apiVersion,
    Path caCert,
    boolean insecure,
    String name,
    Path pluginsDir,
    String namespace,
    Duration refreshInterval,
    Duration failureCooldown,
    Duration profileTaskTimeout,
    Duration powerTaskTimeout,
    List<Integer> simulators,
    Path config) {

  static final String DEFAULT_NAME = "instance-oneview";
  static final String DEFAULT_NAMESPACE = PluginSettings.DEFAULT_NAMESPACE;
  static final String DEFAULT_REFRESH_INTERVAL = "5s";
  static final String DEFAULT_FAILURE_COOLDOWN = "5m";
  static final String DEFAULT_PROFILE_TASK_TIMEOUT = "30m";
  static final String DEFAULT_POWER_TASK_TIMEOUT = "5m";
  static final int DEFAULT_SIMULATOR_SERVERS = 16;

  PluginOptions {
    simulators = List.copyOf(simulators);
  }

  boolean simulator() {
    return !simulators.isEmpty();
  }

  /** The servers of the (first) embedded simulator, or null for real appliances. */
  Integer simulatorServers() {
    return simulators.isEmpty() ? null : simulators.get(0);
  }
}
