package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server hardware type ({@code /rest/server-hardware-types/{id}}): the model and adapter layout
 * that servers and templates share, referenced by their {@code serverHardwareTypeUri}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the type's URI.
 * @param name its name, such as {@code "BL460c Gen8 1"}.
 * @param model the server model, such as {@code "ProLiant BL460c Gen8"}, or null.
 * @param formFactor such as {@code "HalfHeight"} or {@code "1U"}, or null.
 * @param family such as {@code "BL"} or {@code "DL"}, or null.
 * @param bootModes the boot modes the type supports, such as {@code ["BIOS", "UEFI"]}; possibly
 *     empty.
 * @param bootCapabilities the boot devices the type supports, such as {@code ["CD", "HardDisk",
 *     "PXE"]}; possibly empty.
 */
public record ServerHardwareType(
    String uri,
    String name,
    String model,
    String formFactor,
    String family,
    List<String> bootModes,
    List<String> bootCapabilities) {

  public ServerHardwareType {
    Objects.requireNonNull(uri, "uri == null");
    bootModes = List.copyOf(Objects.requireNonNull(bootModes, "bootModes == null"));
    bootCapabilities = List.copyOf(Objects.requireNonNull(bootCapabilities, "bootCapabilities == null"));
  }

  static ServerHardwareType fromJson(Map<String, Object> json) {
    String uri = Json.string(json, "uri");
    if (uri == null) throw new OneViewException("server hardware type has no uri: " + Json.string(json, "name"));
    return new ServerHardwareType(
        uri,
        Json.string(json, "name"),
        Json.string(json, "model"),
        Json.string(json, "formFactor"),
        Json.string(json, "family"),
        Json.strings(json, "bootModes"),
        Json.strings(json, "bootCapabilities"));
  }
}
