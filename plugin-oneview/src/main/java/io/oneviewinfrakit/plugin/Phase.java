package io.oneviewinfrakit.plugin;

import java.util.Locale;

/**
 * Where an instance is in its life, as reported in {@code Properties.phase}. The first four are the
 * plugin's own background steps; the others are read from OneView.
 */
enum Phase {
  /** A server is reserved; the background work has not started yet. */
  RESERVED("Reserved"),
  /** The reserved server is being powered off so a profile can be applied. */
  POWERING_OFF("PoweringOff"),
  /** The profile create task runs. */
  CREATING_PROFILE("CreatingProfile"),
  /** The profile is applied; the server is being powered on. */
  POWERING_ON("PoweringOn"),
  /** Profile applied, server on. */
  RUNNING("Running"),
  /** Profile applied, server off (PowerOn false, or powered off by someone). */
  POWERED_OFF("PoweredOff"),
  /** OneView is still working on the profile (a task of this or an earlier plugin run). */
  PROFILE_BUSY("ProfileBusy"),
  /** OneView reports the profile in error. */
  PROFILE_ERROR("ProfileError"),
  /**
   * Drift: the instance exists but something outside the plugin makes it doubtful (server in
   * maintenance, profile moved or failed after the fact); still listed, with the reason.
   */
  UNHEALTHY("Unhealthy"),
  /** Drift: its server failed or is gone; not listed, so the group provisions a replacement. */
  LOST("Lost"),
  /**
   * Its profile is marked Destroying but the destroy stopped on a permanent failure (the reason says
   * which); listed so it does not vanish while its profile stays. Destroying it again starts over.
   */
  DESTROY_FAILED("DestroyFailed");

  private final String displayName;

  Phase(String displayName) {
    this.displayName = displayName;
  }

  String displayName() {
    return displayName;
  }

  /** The phase of a listed profile from its OneView state and its server's power state. */
  static Phase of(ProfileView profile, ServerView server) {
    String state = profile.state();
    if ("Critical".equalsIgnoreCase(profile.status())
        || (state != null && state.toLowerCase(Locale.ROOT).contains("fail"))) {
      return PROFILE_ERROR;
    }
    if (state != null && !"Normal".equalsIgnoreCase(state)) {
      return PROFILE_BUSY;
    }
    if (server == null) {
      return PROFILE_BUSY;
    }
    return "On".equalsIgnoreCase(server.powerState()) ? RUNNING
        : server.isPoweredOff() ? POWERED_OFF : PROFILE_BUSY;
  }
}
