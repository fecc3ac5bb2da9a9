package io.oneviewinfrakit.plugin;

import java.nio.file.Path;
import java.time.Duration;

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
 * @param simulatorServers the number of servers of an embedded simulator, or null for a real appliance
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
    Integer simulatorServers) {

  static final String DEFAULT_NAME = "instance-oneview";
  static final String DEFAULT_NAMESPACE = PluginSettings.DEFAULT_NAMESPACE;
  static final String DEFAULT_REFRESH_INTERVAL = "5s";
  static final String DEFAULT_FAILURE_COOLDOWN = "5m";
  static final String DEFAULT_PROFILE_TASK_TIMEOUT = "30m";
  static final String DEFAULT_POWER_TASK_TIMEOUT = "5m";
  static final int DEFAULT_SIMULATOR_SERVERS = 16;

  boolean simulator() {
    return simulatorServers != null;
  }
}
