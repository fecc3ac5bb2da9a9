package io.oneviewinfrakit.plugin;

import java.time.Duration;

/**
 * The tuning of one appliance's plugin: the command-line flags give every appliance its values, a
 * configuration file's appliance may override each (its keys are the flag names).
 *
 * @param reconcileInterval how often the drift check runs, or null for every refresh
 * @param stateChangeBus whether OneView's State-Change Message Bus is used when offered
 */
record Tuning(
    Duration refreshInterval,
    Duration failureCooldown,
    Duration profileTaskTimeout,
    Duration powerTaskTimeout,
    Duration reconcileInterval,
    boolean powerOffFreeServers,
    boolean stateChangeBus,
    int maxBacklog,
    Duration powerOnGrace) {

  /** With the message bus, how often OneView is still listed in full (what the bus might miss). */
  static final Duration SAFETY_NET = Duration.ofMinutes(5);

  /** Sets these values on {@code builder}. */
  OneViewInstancePlugin.Builder applyTo(OneViewInstancePlugin.Builder builder) {
    return builder.refreshInterval(refreshInterval).failureCooldown(failureCooldown)
        .profileTaskTimeout(profileTaskTimeout).powerTaskTimeout(powerTaskTimeout)
        .reconcileInterval(reconcileInterval).powerOffFreeServers(powerOffFreeServers)
        .stateChangeBus(stateChangeBus, SAFETY_NET).maxBacklog(maxBacklog).powerOnGrace(powerOnGrace);
  }
}
