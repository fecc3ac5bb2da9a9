package io.oneviewinfrakit.oneview;

import com.squareup.moshi.Json;

/** The health {@code status} of a resource. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum Status {
  @Json(name = "OK")
  OK,
  @Json(name = "Warning")
  WARNING,
  @Json(name = "Critical")
  CRITICAL,
  @Json(name = "Disabled")
  DISABLED,
  @Json(name = "Unknown")
  UNKNOWN;

  /** The string OneView uses for this status, such as {@code "OK"}. */
  public String wireName() {
    return ModelJson.wireName(this);
  }

  static Status of(String wireName) {
    return ModelJson.enumValue(Status.class, wireName);
  }
}
