package io.oneviewinfrakit.oneview;

/**
 * Whether a profile matches its template ({@code templateCompliance}). Absent values and strings
 * this SDK does not know map to {@link #UNKNOWN}.
 */
public enum TemplateCompliance {
  COMPLIANT("Compliant"),
  NON_COMPLIANT("NonCompliant"),
  UNKNOWN("Unknown");

  private final String wireName;

  TemplateCompliance(String wireName) {
    this.wireName = wireName;
  }

  /** The string OneView uses, such as {@code "NonCompliant"}. */
  public String wireName() {
    return wireName;
  }

  static TemplateCompliance of(String wireName) {
    return Json.enumOf(TemplateCompliance.class, wireName, TemplateCompliance::wireName, UNKNOWN);
  }
}
