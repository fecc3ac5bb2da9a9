package io.oneviewinfrakit.plugin;

import java.util.List;

/**
 * The facts about one server hardware the plugin decides on, copied from the SDK model so the
 * reservation and listing logic does not depend on the SDK's types.
 *
 * @param uri the hardware URI
 * @param name the display name ("Encl1, bay 3")
 * @param serialNumber the serial number, may be null
 * @param model the model, may be null
 * @param hardwareTypeUri the server hardware type URI
 * @param serverGroupUri the enclosure group URI, null for rack servers
 * @param profileUri the URI of the profile applied to it, null when none
 * @param state the OneView hardware state ("NoProfileApplied", "ProfileApplied", ...)
 * @param powerState the power state ("On", "Off", "PoweringOn", ...)
 * @param maintenance whether the hardware is in maintenance mode
 * @param macs the MAC addresses of its ports
 * @param memoryMb its memory in MiB, null when OneView does not report it
 * @param cpuCores its CPU cores (processors x cores each), null when unknown
 * @param status its health ("OK", "Warning", "Critical", ...), null when unknown
 */
record ServerView(
    String uri,
    String name,
    String serialNumber,
    String model,
    String hardwareTypeUri,
    String serverGroupUri,
    String profileUri,
    String state,
    String powerState,
    boolean maintenance,
    List<String> macs,
    Long memoryMb,
    Integer cpuCores,
    String status) {

  static final String NO_PROFILE_APPLIED = "NoProfileApplied";

  /** A server without the sizing and health facts (tests and callers that do not need them). */
  ServerView(String uri, String name, String serialNumber, String model, String hardwareTypeUri,
      String serverGroupUri, String profileUri, String state, String powerState, boolean maintenance,
      List<String> macs) {
    this(uri, name, serialNumber, model, hardwareTypeUri, serverGroupUri, profileUri, state,
        powerState, maintenance, macs, null, null, null);
  }

  /** OneView reports the server failed: it is never chosen, and an instance on it is lost. */
  boolean isCritical() {
    return "Critical".equalsIgnoreCase(status);
  }

  ServerView {
    macs = macs == null ? List.of() : List.copyOf(macs);
  }

  boolean hasProfile() {
    return profileUri != null && !profileUri.isEmpty();
  }

  /** Free in OneView's eyes: no profile, not applying one, not in maintenance. */
  boolean isFree() {
    return !hasProfile() && NO_PROFILE_APPLIED.equals(state) && !maintenance;
  }

  boolean isPoweredOff() {
    return "Off".equalsIgnoreCase(powerState);
  }

  boolean isCompatibleWith(TemplateView template) {
    return template.hardwareTypeUri() != null
        && template.hardwareTypeUri().equals(hardwareTypeUri)
        && java.util.Objects.equals(template.enclosureGroupUri(), serverGroupUri);
  }
}
