package io.oneviewinfrakit.oneview;

/** The {@code powerState} of a server. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum PowerState {
  ON("On"),
  OFF("Off"),
  POWERING_ON("PoweringOn"),
  POWERING_OFF("PoweringOff"),
  RESETTING("Resetting"),
  UNKNOWN("Unknown");

  private final String wireName;

  PowerState(String wireName) {
    this.wireName = wireName;
  }

  /** The string OneView uses for this state, such as {@code "On"}. */
  public String wireName() {
    return wireName;
  }

  static PowerState of(String wireName) {
    return Json.enumOf(PowerState.class, wireName, PowerState::wireName, UNKNOWN);
  }
}
