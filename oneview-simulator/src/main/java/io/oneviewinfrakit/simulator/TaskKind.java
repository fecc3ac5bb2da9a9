package io.oneviewinfrakit.simulator;

/** The kinds of asynchronous OneView operations whose duration and outcome the simulator controls. */
public enum TaskKind {
  /** {@code POST /rest/server-profiles}. */
  PROFILE_CREATE,
  /**
   * {@code PUT /rest/server-profiles/{id}}, and {@code PATCH} (update from template), which the
   * appliance also runs as an update.
   */
  PROFILE_UPDATE,
  /** {@code DELETE /rest/server-profiles/{id}}. */
  PROFILE_DELETE,
  /** {@code PUT /rest/server-hardware/{id}/powerState}. */
  POWER,
  /**
   * {@code POST}, {@code PUT} and {@code DELETE} of Ethernet, Fibre Channel and FCoE networks and
   * network sets, and their delete-by-filter.
   */
  NETWORK,
  /** {@code POST}, {@code PUT} and {@code DELETE} of server profile templates. */
  TEMPLATE,
  /** {@code PATCH /rest/scopes/{id}/resource-assignments}. */
  SCOPE,
  /** {@code DELETE /rest/alerts?filter=...}. */
  ALERT,
  /** {@code POST /rest/certificates/client/rabbitmq} (served when the message bus is on). */
  CERTIFICATE,
  /** {@code POST} of a custom baseline and {@code DELETE} of a bundle under {@code /rest/firmware-drivers}. */
  FIRMWARE
}
