package io.oneviewinfrakit.oneview;

import java.util.Map;

/**
 * The {@code firmware} section of a template or profile: whether OneView installs a firmware
 * baseline, which one and how.
 *
 * <p>Immutable and thread-safe.
 *
 * @param manageFirmware whether OneView installs the baseline.
 * @param firmwareBaselineUri the baseline ({@code /rest/firmware-drivers/...}), or null.
 * @param forceInstallFirmware whether to install even when the server has newer firmware.
 * @param firmwareInstallType such as {@code "FirmwareAndOSDrivers"} or {@code "FirmwareOnly"}, or
 *     null.
 */
public record Firmware(
    boolean manageFirmware, String firmwareBaselineUri, boolean forceInstallFirmware, String firmwareInstallType) {

  /** The section when a document has none: nothing managed. */
  static final Firmware UNMANAGED = new Firmware(false, null, false, null);

  static Firmware fromJson(Map<String, Object> json) {
    if (json == null) return UNMANAGED;
    return new Firmware(
        Boolean.TRUE.equals(Json.bool(json, "manageFirmware")),
        Json.string(json, "firmwareBaselineUri"),
        Boolean.TRUE.equals(Json.bool(json, "forceInstallFirmware")),
        Json.string(json, "firmwareInstallType"));
  }
}
