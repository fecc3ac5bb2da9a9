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
 * @param workers how many background steps run at once, i.e. the most OneView calls the background
 *     work makes at a time (no step waits for a OneView task: the SDK's tracker watches them)
 * @param maxServerAttempts how many servers one provision tries when others take them first (by
 *     default as many as there are candidates)
 * @param powerOffFreeServers whether a free server (no profile) that is powered on may be chosen and
 *     powered off: off by default, since someone may be using it bare over its iLO
 * @param retryBase the first delay before a background step that met a transient failure (or a
 *     profile busy with a task) looks again; doubled on each attempt
 * @param retryMax the longest such delay
 * @param powerOnGrace how long an owned profile must be seen applied with its server off before
 *     the reconcile pass powers the server on: the process that created it (this one or another
 *     manager node's) powers it on within seconds, so only a provision whose process died is
 *     finished by the reconcile
 * @param createLookupWait how long a provision whose create request got no answer (the connection
 *     dropped) looks for the profile by its unique name before it counts as not created
 * @param maxBacklog how many provisions, and separately how many destroys and label writes, may be
 *     in progress at once; past it a call is refused at once (InfraKit retries on its next check)
 *     instead of piling up work while OneView is slow or not answering
 */
record PluginSettings(
    String namespace,
    Duration refreshInterval,
    Duration maxStaleness,
    Duration failureCooldown,
    Duration profileTaskTimeout,
    Duration powerTaskTimeout,
    int workers,
    int maxServerAttempts,
    boolean powerOffFreeServers,
    Duration retryBase,
    Duration retryMax,
    Duration powerOnGrace,
    Duration createLookupWait,
    int maxBacklog) {

  static final String DEFAULT_NAMESPACE = "default";

  PluginSettings {
    checkNamespace(namespace);
    requirePositive(refreshInterval, "refresh interval");
    requirePositive(maxStaleness, "max staleness");
    requireNonNull(failureCooldown, "failureCooldown");
    requirePositive(profileTaskTimeout, "profile task timeout");
    requirePositive(powerTaskTimeout, "power task timeout");
    requirePositive(retryBase, "retry base delay");
    requirePositive(retryMax, "retry max delay");
    requireNonNull(powerOnGrace, "powerOnGrace");
    requireNonNull(createLookupWait, "createLookupWait");
    if (workers < 1 || maxServerAttempts < 1 || maxBacklog < 1) {
      throw new IllegalArgumentException("workers, maxServerAttempts and maxBacklog must be at least 1");
    }
  }

  /** Throws {@link IllegalArgumentException} saying what a namespace may be when it is not one. */
  static void checkNamespace(String namespace) {
    requireNonNull(namespace, "namespace");
    if (!namespace.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException("namespace must be 1 to 64 letters, digits, '.', '_' or '-' "
          + "starting with a letter or digit, got \"" + namespace + "\"");
    }
  }

  static PluginSettings defaults() {
    return new PluginSettings(DEFAULT_NAMESPACE, Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(5), 8, Integer.MAX_VALUE,
        false, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
        Duration.ofSeconds(15), 256);
  }

  /** The delay before attempt {@code attempt} (1-based) of a background step looks again. */
  Duration retryDelay(int attempt) {
    Duration d = retryBase;
    for (int i = 1; i < attempt && d.compareTo(retryMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
