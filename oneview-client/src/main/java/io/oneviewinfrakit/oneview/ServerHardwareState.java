package io.oneviewinfrakit.oneview;

import com.squareup.moshi.Json;

/** The {@code state} of a server. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum ServerHardwareState {
  @Json(name = "Adding")
  ADDING,
  @Json(name = "NoProfileApplied")
  NO_PROFILE_APPLIED,
  @Json(name = "Monitored")
  MONITORED,
  @Json(name = "Unmanaged")
  UNMANAGED,
  @Json(name = "Removing")
  REMOVING,
  @Json(name = "RemoveFailed")
  REMOVE_FAILED,
  @Json(name = "Removed")
  REMOVED,
  @Json(name = "ApplyingProfile")
  APPLYING_PROFILE,
  @Json(name = "ProfileApplied")
  PROFILE_APPLIED,
  @Json(name = "RemovingProfile")
  REMOVING_PROFILE,
  @Json(name = "ProfileError")
  PROFILE_ERROR,
  @Json(name = "Unsupported")
  UNSUPPORTED,
  @Json(name = "UpdatingFirmware")
  UPDATING_FIRMWARE,
  @Json(name = "Unknown")
  UNKNOWN;

  /** The string OneView uses for this state, such as {@code "NoProfileApplied"}. */
  public String wireName() {
    return ModelJson.wireName(this);
  }

  static ServerHardwareState of(String wireName) {
    return ModelJson.enumValue(ServerHardwareState.class, wireName);
  }
}
