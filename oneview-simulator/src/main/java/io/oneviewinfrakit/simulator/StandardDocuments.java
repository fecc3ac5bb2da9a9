package io.oneviewinfrakit.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The documents of {@link Inventory#standard(int)} other than server hardware: server hardware types,
 * the enclosure group, networks and network sets, the firmware bundle, templates and alerts, with ids
 * derived from their names so URIs survive restarts.
 */
final class StandardDocuments {
  private StandardDocuments() {}

  /** OneView-style upper-case UUIDs, stable for a given name so URIs survive restarts. */
  static String id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
  }

  static Map<String, Object> hardwareType(String uri, String name, String model,
      String formFactor, String family) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "server-hardware-type-4");
    d.put("uri", uri);
    d.put("category", "server-hardware-types");
    d.put("name", name);
    d.put("description", null);
    d.put("model", model);
    d.put("formFactor", formFactor);
    d.put("family", family);
    d.put("bootModes", List.of("UEFI", "UEFIOptimized", "BIOS"));
    d.put("pxeBootPolicies", List.of("Auto", "IPv4", "IPv6", "IPv4ThenIPv6", "IPv6ThenIPv4"));
    d.put("bootCapabilities", List.of("CD", "USB", "HardDisk", "PXE"));
    d.put("capabilities", List.of("ManageBIOS", "ManageBootOrder", "FirmwareUpdate", "VirtualUUID",
        "VirtualWWN", "VirtualMAC"));
    d.put("adapters", List.of());
    d.put("biosSettings", List.of());
    d.put("status", "OK");
    d.put("state", null);
    return d;
  }

  static Map<String, Object> enclosureGroup(String uri, int enclosures) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "EnclosureGroupV200");
    d.put("uri", uri);
    d.put("category", "enclosure-groups");
    d.put("name", Inventory.ENCLOSURE_GROUP);
    d.put("description", null);
    d.put("enclosureCount", (long) Math.max(1, enclosures));
    d.put("enclosureTypeUri", "/rest/enclosure-types/c7000");
    d.put("stackingMode", "Enclosure");
    d.put("interconnectBayMappingCount", 8L);
    d.put("interconnectBayMappings", List.of());
    d.put("portMappingCount", 0L);
    d.put("portMappings", List.of());
    d.put("powerMode", "RedundantPowerFeed");
    d.put("associatedLogicalInterconnectGroups", List.of());
    d.put("status", "OK");
    d.put("state", "Normal");
    return d;
  }

  static String networkUri(String name) {
    return "/rest/ethernet-networks/" + id("net:" + name).toLowerCase(Locale.ROOT);
  }

  static Map<String, Object> network(String uri, String name, long vlan) {
    Map<String, Object> d = Documents.ethernetNetwork(uri, name, "Tagged", vlan, "General", true, false,
        "/rest/connection-templates/" + id("ct:" + name).toLowerCase(Locale.ROOT));
    d.put("fabricUri", "/rest/fabrics/" + id("fabric").toLowerCase(Locale.ROOT));
    return d;
  }

  /** A fabric-attached Fibre Channel network (read-only in the simulator: listed, never created). */
  static Map<String, Object> fcNetwork(String name) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "fc-networkV4");
    d.put("uri", "/rest/fc-networks/" + id("fc:" + name).toLowerCase(Locale.ROOT));
    d.put("category", "fc-networks");
    d.put("name", name);
    d.put("fabricType", "FabricAttach");
    d.put("linkStabilityTime", 30L);
    d.put("autoLoginRedistribution", true);
    d.put("managedSanUri", null);
    d.put("connectionTemplateUri", "/rest/connection-templates/" + id("ct:" + name).toLowerCase(Locale.ROOT));
    d.put("state", "Active");
    d.put("status", "OK");
    return d;
  }

  static Map<String, Object> fcoeNetwork(String name, long vlan) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "fcoe-networkV4");
    d.put("uri", "/rest/fcoe-networks/" + id("fcoe:" + name).toLowerCase(Locale.ROOT));
    d.put("category", "fcoe-networks");
    d.put("name", name);
    d.put("description", null);
    d.put("vlanId", vlan);
    d.put("fabricUri", "/rest/fabrics/" + id("fabric").toLowerCase(Locale.ROOT));
    d.put("managedSanUri", null);
    d.put("connectionTemplateUri", "/rest/connection-templates/" + id("ct:" + name).toLowerCase(Locale.ROOT));
    d.put("state", "Active");
    d.put("status", "OK");
    d.put("scopesUri", "/rest/scopes/resources" + d.get("uri"));
    return d;
  }

  /** An alert as OneView lists it under /rest/alerts (AlertResourceV3 fields). */
  static Map<String, Object> alert(long id, Map<String, Object> resource, String severity,
      String state, String healthCategory, String description, String correctiveAction) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "AlertResourceV3");
    d.put("uri", "/rest/alerts/" + id);
    d.put("category", "alerts");
    d.put("alertState", state);
    d.put("severity", severity);
    d.put("urgency", "Critical".equals(severity) ? "High" : "Medium");
    d.put("healthCategory", healthCategory);
    d.put("description", description);
    d.put("correctiveAction", correctiveAction);
    d.put("alertTypeID", "Simulator." + healthCategory + "." + severity);
    d.put("resourceUri", resource.get("uri"));
    d.put("associatedResource", Json.obj("resourceUri", resource.get("uri"),
        "resourceName", resource.get("name"), "resourceCategory", resource.get("category"),
        "associationType", "HAS_A"));
    d.put("physicalResourceType", resource.get("category"));
    d.put("lifeCycle", false);
    d.put("serviceEventSource", false);
    d.put("assignedToUser", null);
    d.put("clearedByUser", "Cleared".equals(state) ? "administrator" : null);
    d.put("clearedTime", null);
    d.put("activityUri", null);
    d.put("parentAlert", null);
    d.put("childAlerts", List.of());
    d.put("changeLog", List.of());
    return d;
  }

  static Map<String, Object> networkSet(String name, List<String> networks, String nativeUri) {
    return Documents.networkSet("/rest/network-sets/" + id("ns:" + name).toLowerCase(Locale.ROOT), name,
        networks, nativeUri, "/rest/connection-templates/" + id("ct:" + name).toLowerCase(Locale.ROOT));
  }

  /** An SPP as OneView lists it under /rest/firmware-drivers; the id is the ISO name, dots as underscores. */
  static Map<String, Object> baseline() {
    String iso = "P52581_001_spp-2022.09.01.00-SPP2022090100.2022_0829.4.iso";
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "firmware-baselines");
    d.put("name", Inventory.BASELINE_NAME);
    d.put("description", "Service Pack for ProLiant");
    d.put("version", Inventory.BASELINE_VERSION);
    d.put("baselineShortName", "SPP_" + Inventory.BASELINE_VERSION);
    d.put("isoFileName", iso);
    d.put("bundleType", "SPP");
    d.put("bundleSize", 9_337_430_016L);
    d.put("releaseDate", "2022-09-01T00:00:00.000Z");
    d.put("supportedOSList", List.of("Microsoft Windows Server 2019", "Red Hat Enterprise Linux 8",
        "SUSE Linux Enterprise Server 15", "VMware ESXi 7.0"));
    d.put("fwComponents", List.of());
    d.put("hotfixes", List.of());
    d.put("status", "OK");
    d.put("state", "Created");
    d.put("category", "firmware-drivers");
    d.put("uri", "/rest/firmware-drivers/" + iso.substring(0, iso.length() - 4).replace('.', '_'));
    return d;
  }

  static Map<String, Object> template(String name, String typeUri, String groupUri,
      boolean blade, String deployNetworkUri, String baselineUri) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "ServerProfileTemplateV1");
    d.put("uri", "/rest/server-profile-templates/" + id("spt:" + name).toLowerCase(Locale.ROOT));
    d.put("name", name);
    d.put("description", "");
    d.put("serverProfileDescription", "");
    d.put("serverHardwareTypeUri", typeUri);
    d.put("enclosureGroupUri", groupUri);
    d.put("affinity", "Bay");
    d.put("hideUnusedFlexNics", true);
    d.put("macType", blade ? "Virtual" : "Physical");
    d.put("wwnType", blade ? "Virtual" : "Physical");
    d.put("serialNumberType", blade ? "Virtual" : "Physical");
    Map<String, Object> firmware = new LinkedHashMap<>();
    firmware.put("manageFirmware", baselineUri != null);
    firmware.put("firmwareInstallType", baselineUri == null ? null : "FirmwareOnly");
    firmware.put("forceInstallFirmware", false);
    firmware.put("firmwareBaselineUri", baselineUri);
    d.put("firmware", firmware);
    List<Object> connections = new ArrayList<>();
    if (blade) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", 1L);
      c.put("name", "deploy");
      c.put("functionType", "Ethernet");
      c.put("networkUri", deployNetworkUri);
      c.put("portId", "Flb 1:1-a");
      c.put("requestedVFs", "Auto");
      c.put("requestedMbps", "2500");
      c.put("boot", Json.obj("priority", "Primary"));
      connections.add(c);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("manageConnections", blade);
    settings.put("connections", connections);
    d.put("connectionSettings", settings);
    Map<String, Object> bootMode = new LinkedHashMap<>();
    bootMode.put("manageMode", true);
    bootMode.put("mode", "UEFI");
    bootMode.put("pxeBootPolicy", "Auto");
    d.put("bootMode", bootMode);
    d.put("boot", Json.obj("manageBoot", true, "order", List.of("HardDisk", "PXE")));
    d.put("bios", Json.obj("manageBios", false, "overriddenSettings", List.of()));
    d.put("localStorage", Json.obj("controllers", List.of()));
    d.put("sanStorage", Json.obj("manageSanStorage", false, "hostOSType", "RHE Linux (5.x, 6.x)",
        "volumeAttachments", List.of()));
    d.put("category", "server-profile-templates");
    d.put("status", "OK");
    d.put("state", null);
    d.put("scopesUri", "/rest/scopes/resources" + d.get("uri"));
    return d;
  }
}
