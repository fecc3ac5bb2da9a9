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
    return json == null ? UNMANAGED : ModelJson.FIRMWARE.decode(json);
  }


  /** A builder for a {@code Firmware}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code Firmware}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.manageFirmware = manageFirmware;
    builder.firmwareBaselineUri = firmwareBaselineUri;
    builder.forceInstallFirmware = forceInstallFirmware;
    builder.firmwareInstallType = firmwareInstallType;
    return builder;
  }

  /**
   * Builds a {@link Firmware}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private boolean manageFirmware = false;
    private String firmwareBaselineUri;
    private boolean forceInstallFirmware = false;
    private String firmwareInstallType;

    private Builder() {}

    public Builder manageFirmware(boolean manageFirmware) {
      this.manageFirmware = manageFirmware;
      return this;
    }

    public Builder firmwareBaselineUri(String firmwareBaselineUri) {
      this.firmwareBaselineUri = firmwareBaselineUri;
      return this;
    }

    public Builder forceInstallFirmware(boolean forceInstallFirmware) {
      this.forceInstallFirmware = forceInstallFirmware;
      return this;
    }

    public Builder firmwareInstallType(String firmwareInstallType) {
      this.firmwareInstallType = firmwareInstallType;
      return this;
    }

    /** The {@code Firmware}. */
    public Firmware build() {
      return new Firmware(manageFirmware, firmwareBaselineUri, forceInstallFirmware, firmwareInstallType);
    }
  }
}
