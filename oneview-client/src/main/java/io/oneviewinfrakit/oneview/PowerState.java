package io.oneviewinfrakit.oneview;

import com.squareup.moshi.Json;

/** The {@code powerState} of a server. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum PowerState {
  @Json(name = "On")
  ON,
  @Json(name = "Off")
  OFF,
  @Json(name = "PoweringOn")
  POWERING_ON,
  @Json(name = "PoweringOff")
  POWERING_OFF,
  @Json(name = "Resetting")
  RESETTING,
  @Json(name = "Unknown")
  UNKNOWN;

  /** The string OneView uses for this state, such as {@code "On"}. */
  public String wireName() {
    return ModelJson.wireName(this);
  }

  static PowerState of(String wireName) {
    return ModelJson.enumValue(PowerState.class, wireName);
  }
}
