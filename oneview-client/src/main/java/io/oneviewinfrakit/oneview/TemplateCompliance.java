package io.oneviewinfrakit.oneview;

import com.squareup.moshi.Json;

/**
 * Whether a profile matches its template ({@code templateCompliance}). Absent values and strings
 * this SDK does not know map to {@link #UNKNOWN}.
 */
public enum TemplateCompliance {
  @Json(name = "Compliant")
  COMPLIANT,
  @Json(name = "NonCompliant")
  NON_COMPLIANT,
  @Json(name = "Unknown")
  UNKNOWN;

  /** The string OneView uses, such as {@code "NonCompliant"}. */
  public String wireName() {
    return ModelJson.wireName(this);
  }

  static TemplateCompliance of(String wireName) {
    return ModelJson.enumValue(TemplateCompliance.class, wireName);
  }
}
