package io.oneviewinfrakit.oneview;

import java.util.Map;

/**
 * A firmware bundle on the appliance ({@code /rest/firmware-drivers/{id}}): a Service Pack for
 * ProLiant or hotfix that profiles name as their firmware baseline ({@code firmwareBaselineUri}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the bundle's URI, the value of a profile's {@code firmware.firmwareBaselineUri}.
 * @param name its name, such as {@code "Service Pack for ProLiant"}.
 * @param baselineShortName such as {@code "SPP2024010.2024_0115.1"}, or null.
 * @param version its version, such as {@code "2024.01.0"}, or null.
 * @param bundleType such as {@code "SPP"}, {@code "Hotfix"} or {@code "Custom"}, or null.
 * @param state such as {@code "Created"} or {@code "Uploaded"}, or null.
 * @param status health, such as {@code "OK"}, or null.
 * @param isoFileName the bundle's file name, or null.
 * @param releaseDate when it was released, as the appliance wrote it, or null.
 * @param eTag its version, or null.
 */
public record FirmwareDriver(String uri, String name, String baselineShortName, String version, String bundleType,
    String state, String status, String isoFileName, String releaseDate, String eTag) {

  static final ModelJson.Binding<FirmwareDriver> DECODER =
      new ModelJson.Binding<>(FirmwareDriver.class, "firmware driver", FirmwareDriver::uri);

  /** The bundle a JSON document describes, as a GET returns it; values must be JSON values. */
  static FirmwareDriver fromJson(Map<String, Object> json) {
    return DECODER.decode(json);
  }
}
