package io.oneviewinfrakit.oneview;

/** The health {@code status} of a resource. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum Status {
  OK("OK"),
  WARNING("Warning"),
  CRITICAL("Critical"),
  DISABLED("Disabled"),
  UNKNOWN("Unknown");

  private final String wireName;

  Status(String wireName) {
    this.wireName = wireName;
  }

  /** The string OneView uses for this status, such as {@code "OK"}. */
  public String wireName() {
    return wireName;
  }

  static Status of(String wireName) {
    return Json.enumOf(Status.class, wireName, Status::wireName, UNKNOWN);
  }
}
