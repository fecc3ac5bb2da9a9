package io.oneviewinfrakit.plugin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The tunables of {@link OneViewInstancePlugin}, with their defaults in {@link #defaults()}.
 *
 * @param namespace the owner written into every envelope; deployments with different namespaces
 *     never see or touch each other's profiles
 * @param refreshInterval how often OneView is listed in the background
 * @param maxStaleness how old the last listing may be before DescribeInstances reports an error
 * @param failureCooldown how long a server that failed a provision is kept out of the choices
 * @param profileTaskTimeout how long to wait for a profile create/update/delete task
 * @param powerTaskTimeout how long to wait for a power task
 * @param workers how many background jobs run at once (each mostly waits on a OneView task)
 * @param maxServerAttempts how many servers one provision tries when others take them first
 */
record PluginSettings(
    String namespace,
    Duration refreshInterval,
    Duration maxStaleness,
    Duration failureCooldown,
    Duration profileTaskTimeout,
    Duration powerTaskTimeout,
    int workers,
    int maxServerAttempts) {

  static final String DEFAULT_NAMESPACE = "default";

  PluginSettings {
    requireNonNull(namespace, "namespace");
    if (!namespace.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException("namespace must be 1 to 64 letters, digits, '.', '_' or '-' "
          + "starting with a letter or digit, got \"" + namespace + "\"");
    }
    requirePositive(refreshInterval, "refresh interval");
    requirePositive(maxStaleness, "max staleness");
    requireNonNull(failureCooldown, "failureCooldown");
    requirePositive(profileTaskTimeout, "profile task timeout");
    requirePositive(powerTaskTimeout, "power task timeout");
    if (workers < 1 || maxServerAttempts < 1) {
      throw new IllegalArgumentException("workers and maxServerAttempts must be at least 1");
    }
  }

  static PluginSettings defaults() {
    return new PluginSettings(DEFAULT_NAMESPACE, Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(5), 64, 5);
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
