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
  /** {@code POST} and {@code DELETE} of Ethernet networks and network sets. */
  NETWORK,
  /** {@code POST /rest/certificates/client/rabbitmq} (served when the message bus is on). */
  CERTIFICATE
}
