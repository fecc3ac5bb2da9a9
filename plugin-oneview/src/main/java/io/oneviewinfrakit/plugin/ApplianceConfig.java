package io.oneviewinfrakit.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * One appliance the plugin serves, as configured: by the single-appliance flags and environment, by
 * one entry of a configuration file, or as an embedded simulator.
 *
 * @param name the sub-plugin type: groups address it as {@code instance-oneview/NAME}
 * @param url the appliance URL, or null for an embedded simulator
 * @param user the OneView user, or null for an embedded simulator
 * @param password where the password comes from, or null for an embedded simulator
 * @param caCert the PEM of the appliance's CA (or certificate), or null for the JVM's trust store
 * @param apiVersion the API version to pin, or null to negotiate
 * @param simulatorServers the servers of an embedded simulator, or null for a real appliance
 * @param configFile the configuration file this came from, or null for flags and environment
 * @param lines for a configuration file, the line of each key given (and of {@code "-"}, the entry)
 */
record ApplianceConfig(
    String name,
    String url,
    String user,
    PasswordSource password,
    Path caCert,
    boolean insecure,
    Integer apiVersion,
    String namespace,
    Tuning tuning,
    Integer simulatorServers,
    Path configFile,
    Map<String, Integer> lines) {

  ApplianceConfig {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    requireNonNull(tuning, "tuning");
    lines = Map.copyOf(lines);
  }

  /** How messages name the appliance: its URL, and its name when there may be several. */
  String label() {
    String where = simulator() ? "embedded simulator" : "OneView " + url;
    return fromFile() || simulator() ? "appliance \"" + name + "\" (" + where + ")" : where;
  }

  boolean simulator() {
    return simulatorServers != null;
  }

  boolean fromFile() {
    return configFile != null;
  }

  /** How an error names {@code key}: the flag, or the file, line, appliance and key. */
  String setting(String key) {
    if (!fromFile()) {
      return "--" + key;
    }
    Integer line = lines.getOrDefault(key, lines.get("-"));
    return "config " + configFile + (line != null ? " line " + line : "") + ": appliance \"" + name
        + "\", key \"" + key + "\"";
  }
}
