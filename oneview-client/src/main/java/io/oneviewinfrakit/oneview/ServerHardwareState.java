package io.oneviewinfrakit.oneview;

/** The {@code state} of a server. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum ServerHardwareState {
  ADDING("Adding"),
  NO_PROFILE_APPLIED("NoProfileApplied"),
  MONITORED("Monitored"),
  UNMANAGED("Unmanaged"),
  REMOVING("Removing"),
  REMOVE_FAILED("RemoveFailed"),
  REMOVED("Removed"),
  APPLYING_PROFILE("ApplyingProfile"),
  PROFILE_APPLIED("ProfileApplied"),
  REMOVING_PROFILE("RemovingProfile"),
  PROFILE_ERROR("ProfileError"),
  UNSUPPORTED("Unsupported"),
  UPDATING_FIRMWARE("UpdatingFirmware"),
  UNKNOWN("Unknown");

  private final String wireName;

  ServerHardwareState(String wireName) {
    this.wireName = wireName;
  }

  /** The string OneView uses for this state, such as {@code "NoProfileApplied"}. */
  public String wireName() {
    return wireName;
  }

  static ServerHardwareState of(String wireName) {
    return Json.enumOf(ServerHardwareState.class, wireName, ServerHardwareState::wireName, UNKNOWN);
  }
}
