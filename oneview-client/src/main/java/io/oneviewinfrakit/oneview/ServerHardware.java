package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A physical server managed by the appliance ({@code /rest/server-hardware/{id}}), blade or rack.
 *
 * @param uri the server's URI.
 * @param name its name, such as {@code "Encl1, bay 3"}.
 * @param serialNumber its serial number, or null.
 * @param model its model, such as {@code "ProLiant BL460c Gen9"}, or null.
 * @param serverHardwareTypeUri its server hardware type.
 * @param serverGroupUri its enclosure group; null for rack servers.
 * @param serverProfileUri the profile applied to it; null when it has none.
 * @param state its lifecycle state.
 * @param status its health.
 * @param powerState its power state.
 * @param maintenanceMode true if an administrator put it in maintenance (false when not reported).
 * @param memoryMb its memory in MiB, or null.
 * @param processorCount its processor sockets, or null.
 * @param processorCoreCount cores per processor, or null.
 * @param macs every MAC address in its {@code portMap}: each physical port's MAC followed by its
 *     virtual ports' MACs; empty for servers without a port map (rack servers).
 * @param formFactor such as {@code "HalfHeight"} or {@code "1U"}, or null.
 * @param processorType such as {@code "Intel(R) Xeon(R) CPU E5620 @ 2.40GHz"}, or null.
 * @param processorSpeedMhz or null.
 * @param powerLock true while OneView holds the power (applying or removing a profile); false when
 *     not reported.
 */
public record ServerHardware(
    String uri,
    String name,
    String serialNumber,
    String model,
    String serverHardwareTypeUri,
    String serverGroupUri,
    String serverProfileUri,
    ServerHardwareState state,
    Status status,
    PowerState powerState,
    boolean maintenanceMode,
    Long memoryMb,
    Integer processorCount,
    Integer processorCoreCount,
    List<String> macs,
    String formFactor,
    String processorType,
    Integer processorSpeedMhz,
    boolean powerLock) {

  public ServerHardware {
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(powerState, "powerState == null");
    macs = List.copyOf(Objects.requireNonNull(macs, "macs == null"));
  }

  /**
   * True if a new profile may be applied: no profile, state {@code NoProfileApplied}, and not in
   * maintenance.
   */
  public boolean isFree() {
    return (serverProfileUri == null || serverProfileUri.isEmpty())
        && state == ServerHardwareState.NO_PROFILE_APPLIED
        && !maintenanceMode;
  }

  /** Total CPU cores ({@code processorCount * processorCoreCount}), or null if either is unknown. */
  public Integer cpuCores() {
    return processorCount == null || processorCoreCount == null ? null : processorCount * processorCoreCount;
  }

  /** True if the appliance reports the server's health as {@link Status#CRITICAL} (failed). */
  public boolean isCritical() {
    return status == Status.CRITICAL;
  }

  /** True if a profile from {@code template} fits this server (type and enclosure group match). */
  public boolean isCompatibleWith(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    return Objects.equals(serverHardwareTypeUri, template.serverHardwareTypeUri())
        && Objects.equals(emptyToNull(serverGroupUri), emptyToNull(template.enclosureGroupUri()));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * The server hardware a JSON document describes, as a GET returns it (for example the resource of
   * a State-Change Message Bus event); values must be JSON values.
   *
   * @throws OneViewException if the document has no {@code uri}
   */
  @SuppressWarnings("unchecked")
  public static ServerHardware of(Map<String, ?> json) {
    return fromJson((Map<String, Object>) json);
  }

  static ServerHardware fromJson(Map<String, Object> json) {
    String uri = Json.string(json, "uri");
    if (uri == null) throw new OneViewException("server hardware has no uri: " + Json.string(json, "name"));
    Long processors = Json.longValue(json, "processorCount");
    Long cores = Json.longValue(json, "processorCoreCount");
    Long speed = Json.longValue(json, "processorSpeedMhz");
    Boolean maintenance = Json.bool(json, "maintenanceMode");
    return new ServerHardware(
        uri,
        Json.string(json, "name"),
        Json.string(json, "serialNumber"),
        Json.string(json, "model"),
        Json.string(json, "serverHardwareTypeUri"),
        emptyToNull(Json.string(json, "serverGroupUri")),
        emptyToNull(Json.string(json, "serverProfileUri")),
        ServerHardwareState.of(Json.string(json, "state")),
        Status.of(Json.string(json, "status")),
        PowerState.of(Json.string(json, "powerState")),
        maintenance != null && maintenance,
        Json.longValue(json, "memoryMb"),
        processors == null ? null : processors.intValue(),
        cores == null ? null : cores.intValue(),
        macs(json),
        Json.string(json, "formFactor"),
        Json.string(json, "processorType"),
        speed == null ? null : speed.intValue(),
        Boolean.TRUE.equals(Json.bool(json, "powerLock")));
  }

  private static List<String> macs(Map<String, Object> json) {
    Set<String> macs = new LinkedHashSet<>();
    Map<String, Object> portMap = Json.object(json, "portMap");
    if (portMap == null) return List.of();
    for (Map<String, Object> slot : Json.objects(portMap, "deviceSlots")) {
      for (Map<String, Object> port : Json.objects(slot, "physicalPorts")) {
        addIfPresent(macs, Json.string(port, "mac"));
        for (Map<String, Object> virtual : Json.objects(port, "virtualPorts")) {
          addIfPresent(macs, Json.string(virtual, "mac"));
        }
      }
    }
    return new ArrayList<>(macs);
  }

  private static void addIfPresent(Set<String> macs, String mac) {
    if (mac != null && !mac.isEmpty()) macs.add(mac);
  }
}
