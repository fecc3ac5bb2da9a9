package io.oneviewinfrakit.oneview;

/** How a server's power button is pressed when powering it off. */
public enum PowerControl {
  /** Hold the button: immediate power off. */
  PRESS_AND_HOLD("PressAndHold"),
  /** Press the button: the operating system shuts down gracefully. */
  MOMENTARY_PRESS("MomentaryPress");

  private final String wireName;

  PowerControl(String wireName) {
    this.wireName = wireName;
  }

  /** The string OneView uses for this control, such as {@code "PressAndHold"}. */
  public String wireName() {
    return wireName;
  }
}
