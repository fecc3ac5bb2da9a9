package io.oneviewinfrakit.oneview;

import java.util.Map;

/**
 * A network connection of a profile or template: one port function of the server joined to an
 * Ethernet network, network set or Fibre Channel network.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the connection's number within its profile, or null if not reported.
 * @param name its name, or null.
 * @param functionType such as {@code "Ethernet"} or {@code "FibreChannel"}, or null.
 * @param networkUri the network or network set it joins, or null.
 * @param portId the port, such as {@code "Mezz 3:1-a"} or {@code "Auto"}, or null.
 * @param requestedMbps the bandwidth asked for as OneView writes it (a string such as {@code
 *     "2500"}; older APIs sent a number, read here as its digits), or null.
 * @param mac the MAC address OneView assigned, or null before it did.
 * @param bootPriority such as {@code "NotBootable"}, {@code "Primary"} or {@code "Secondary"}, or
 *     null.
 */
public record Connection(
    Integer id,
    String name,
    String functionType,
    String networkUri,
    String portId,
    String requestedMbps,
    String mac,
    String bootPriority) {

  static Connection fromJson(Map<String, Object> json) {
    Long id = Json.longValue(json, "id");
    Map<String, Object> boot = Json.object(json, "boot");
    return new Connection(
        id == null ? null : id.intValue(),
        Json.string(json, "name"),
        Json.string(json, "functionType"),
        Json.string(json, "networkUri"),
        Json.string(json, "portId"),
        Json.string(json, "requestedMbps"),
        Json.string(json, "mac"),
        boot == null ? null : Json.string(boot, "priority"));
  }
}
