package io.oneviewinfrakit.oneview;

import com.squareup.moshi.Json;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code bootMode} section of a profile or template: whether OneView manages the boot mode,
 * which one, and the PXE IP policy.
 *
 * <p>Immutable and thread-safe.
 *
 * @param manageMode whether OneView sets the mode.
 * @param mode the mode.
 * @param pxeBootPolicy such as {@code "Auto"}, {@code "IPv4"} or {@code "IPv6"}; null when not
 *     set (BIOS mode has none).
 */
public record BootMode(boolean manageMode, Mode mode, String pxeBootPolicy) {

  public BootMode {
    Objects.requireNonNull(mode, "mode == null");
  }

  /** A managed {@code mode}, with PXE policy {@code "Auto"} for UEFI modes and none for BIOS. */
  public static BootMode of(Mode mode) {
    Objects.requireNonNull(mode, "mode == null");
    return new BootMode(true, mode, mode == Mode.BIOS ? null : "Auto");
  }

  static BootMode fromJson(Map<String, Object> json) {
    return ModelJson.BOOT_MODE.decode(json);
  }


  /** A boot mode. Strings this SDK does not know map to {@link #UNKNOWN}. */
  public enum Mode {
    @Json(name = "UEFI")
    UEFI,
    @Json(name = "UEFIOptimized")
    UEFI_OPTIMIZED,
    @Json(name = "BIOS")
    BIOS,
    @Json(name = "Unknown")
    UNKNOWN;

    /** The string OneView uses, such as {@code "UEFIOptimized"}. */
    public String wireName() {
      return ModelJson.wireName(this);
    }

    static Mode of(String wireName) {
      return ModelJson.enumValue(Mode.class, wireName);
    }
  }
}
