package io.oneviewinfrakit.simulator;

/** The kinds of asynchronous OneView operations whose duration and outcome the simulator controls. */
public enum TaskKind {
  /** {@code POST /rest/server-profiles}. */
  PROFILE_CREATE,
  /** {@code PUT /rest/server-profiles/{id}}. */
  PROFILE_UPDATE,
  /** {@code DELETE /rest/server-profiles/{id}}. */
  PROFILE_DELETE,
  /** {@code PUT /rest/server-hardware/{id}/powerState}. */
  POWER
}
