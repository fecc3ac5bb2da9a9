package io.oneviewinfrakit.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the simulated appliance holds when it starts: server hardware types, enclosure groups,
 * server hardware, Ethernet networks, network sets, firmware bundles, server profile templates and
 * (optionally) server profiles, as OneView JSON documents.
 *
 * <p>{@link #standard(int)} is the deterministic default other modules rely on (names in
 * docs/DESIGN.md). {@link #fromJson(Path)} loads a file shaped like {@link #toJson()}: an object
 * with the arrays {@code serverHardwareTypes}, {@code enclosureGroups}, {@code serverHardware},
 * {@code ethernetNetworks}, {@code networkSets}, {@code fcNetworks}, {@code fcoeNetworks},
 * {@code firmwareDrivers}, {@code serverProfileTemplates}, {@code serverProfiles},
 * {@code enclosures}, {@code scopes}, {@code alerts}, each holding resource documents (any may be
 * absent, meaning none; enclosures the servers' {@code locationUri} name are built from their
 * blades when absent); a
 * document without {@code uri}, {@code category}, {@code eTag}, {@code created} or {@code modified}
 * gets one when the simulator starts. The easiest way to write one is to edit the output of
 * {@code Inventory.standard(n).toJson()}. Immutable.
 */
public final class Inventory {
  static final String BLADE_TYPE = "BL460c Gen8 1";
  static final String RACK_TYPE = "DL360 Gen10 1";
  static final String ENCLOSURE_GROUP = "Enclosure-Group-1";
  static final String BLADE_TEMPLATE = "Docker-Gen8-Template";
  static final String RACK_TEMPLATE = "Rack-DL360-Template";
  static final String PROD_NETWORK = "Prod-VLAN-100";
  static final String PROD_NETWORK_2 = "Prod-VLAN-101";
  static final String DEPLOY_NETWORK = "Deploy-PXE";
  static final String PROD_SET = "Prod-Set";
  static final String SAN_NETWORK = "SAN-A";
  static final String FCOE_NETWORK = "FCoE-1001";
  static final String BASELINE_NAME = "Service Pack for ProLiant";
  static final String BASELINE_VERSION = "2022.09.01.00";
  static final List<String> KEYS = List.of("serverHardwareTypes", "enclosureGroups",
      "serverHardware", "ethernetNetworks", "networkSets", "fcNetworks", "fcoeNetworks",
      "firmwareDrivers", "serverProfileTemplates", "serverProfiles", "enclosures", "scopes", "alerts");
  private static final int BAYS_PER_ENCLOSURE = 16;

  private final Map<String, Object> document;

  private Inventory(Map<String, Object> document) {
    this.document = Json.frozen(document);
  }

  /**
   * {@code servers} machines: about three quarters blades {@code Encl<k>, bay <b>} (type
   * {@value #BLADE_TYPE}, group {@value #ENCLOSURE_GROUP}, 16 bays per enclosure), the rest racks
   * {@code DL360-<k>} (type {@value #RACK_TYPE}, no enclosure group); every fourth one (index 1, 5,
   * 9, ...) powered on; none with a profile or in maintenance. Ethernet networks {@value
   * #PROD_NETWORK} (VLAN 100), {@value #PROD_NETWORK_2} (VLAN 101) and {@value #DEPLOY_NETWORK}
   * (VLAN 10), network set {@value #PROD_SET} (both Prod networks), Fibre Channel network {@value
   * #SAN_NETWORK} (fabric-attached), FCoE network {@value #FCOE_NETWORK} (VLAN 1001), one firmware
   * bundle (SPP {@value #BASELINE_VERSION}). Templates {@value #BLADE_TEMPLATE} (connections
   * managed, one primary-boot connection to {@value #DEPLOY_NETWORK}, firmware baseline managed)
   * and {@value #RACK_TEMPLATE} (connections and firmware not managed). Three alerts: Cleared
   * Warning on the first server, Active Critical and Locked Warning on its enclosure (the latter two
   * only when it is a blade). No scopes.
   */
  public static Inventory standard(int servers) {
    if (servers < 0) {
      throw new IllegalArgumentException("servers < 0: " + servers);
    }
    String bladeType = "/rest/server-hardware-types/" + id("sht:" + BLADE_TYPE);
    String rackType = "/rest/server-hardware-types/" + id("sht:" + RACK_TYPE);
    String group = "/rest/enclosure-groups/" + id("eg:" + ENCLOSURE_GROUP).toLowerCase(Locale.ROOT);
    int blades = (servers * 3 + 3) / 4;
    int enclosures = (blades + BAYS_PER_ENCLOSURE - 1) / BAYS_PER_ENCLOSURE;

    List<Object> hardware = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      boolean blade = i < blades;
      String power = i % 4 == 1 ? "On" : "Off";
      hardware.add(blade
          ? blade(i, i / BAYS_PER_ENCLOSURE + 1, i % BAYS_PER_ENCLOSURE + 1, bladeType, group, power)
          : rack(i, i - blades + 1, rackType, power));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("serverHardwareTypes", List.of(
        hardwareType(bladeType, BLADE_TYPE, "ProLiant BL460c Gen8", "HalfHeight", "BL"),
        hardwareType(rackType, RACK_TYPE, "ProLiant DL360 Gen10", "1U", "DL")));
    doc.put("enclosureGroups", List.of(enclosureGroup(group, enclosures)));
    doc.put("serverHardware", hardware);
    String prod = networkUri(PROD_NETWORK);
    String prod2 = networkUri(PROD_NETWORK_2);
    String deploy = networkUri(DEPLOY_NETWORK);
    doc.put("ethernetNetworks", List.of(network(prod, PROD_NETWORK, 100), network(prod2, PROD_NETWORK_2, 101),
        network(deploy, DEPLOY_NETWORK, 10)));
    doc.put("networkSets", List.of(networkSet(PROD_SET, List.of(prod, prod2), prod)));
    doc.put("fcNetworks", List.of(fcNetwork(SAN_NETWORK)));
    Map<String, Object> baseline = baseline();
    doc.put("firmwareDrivers", List.of(baseline));
    doc.put("serverProfileTemplates", List.of(
        template(BLADE_TEMPLATE, bladeType, group, true, deploy, (String) baseline.get("uri")),
        template(RACK_TEMPLATE, rackType, null, false, null, null)));
    doc.put("serverProfiles", List.of());
    doc.put("fcoeNetworks", List.of(fcoeNetwork(FCOE_NETWORK, 1001)));
    // Enclosures are built from the blades' locationUri when the simulator starts.
    doc.put("enclosures", List.of());
    doc.put("scopes", List.of());
    List<Object> alerts = new ArrayList<>();
    if (servers > 0) {
      Map<String, Object> first = Json.map(hardware.get(0));
      alerts.add(alert(1, first, "Warning", "Cleared", "Power",
          "The server power supply redundancy was lost.", "Check the power supplies of the server."));
      if (first.get("locationUri") != null) {
        Map<String, Object> enclosure = Json.obj("uri", first.get("locationUri"), "name", "Encl1",
            "category", "enclosures");
        alerts.add(alert(2, enclosure, "Critical", "Active", "Cooling",
            "A fan of the enclosure has failed.", "Replace the failed fan."));
        alerts.add(alert(3, enclosure, "Warning", "Locked", "Firmware",
            "The Onboard Administrator firmware is older than the minimum supported version.",
            "Update the Onboard Administrator firmware."));
      }
    }
    doc.put("alerts", alerts);
    return new Inventory(doc);
  }

  /** Reads an inventory file (see the class documentation for its shape). */
  public static Inventory fromJson(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses an inventory document (see the class documentation for its shape). */
  public static Inventory fromJson(String json) {
    Objects.requireNonNull(json, "json == null");
    Map<String, Object> doc;
    try {
      doc = Json.parseObject(json);
    } catch (SimulatorException e) {
      throw new IllegalArgumentException("inventory is not a JSON object: " + e.getMessage(), e);
    }
    for (String key : KEYS) {
      Object value = doc.computeIfAbsent(key, k -> new ArrayList<>());
      if (!(value instanceof List<?> list) || !list.stream().allMatch(m -> m instanceof Map)) {
        throw new IllegalArgumentException("inventory." + key + " must be an array of objects");
      }
    }
    return new Inventory(doc);
  }

  /** This inventory as a JSON document that {@link #fromJson(String)} reads back. */
  public String toJson() {
    return Json.write(document);
  }

  /** Number of server hardware documents. */
  public int serverCount() {
    return documents("serverHardware").size();
  }

  /** Deep mutable copies of the documents under {@code key}. */
  List<Map<String, Object>> documents(String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : Json.list(document.get(key))) {
      out.add(Json.copy(Json.map(o)));
    }
    return out;
  }

  /** OneView-style upper-case UUIDs, stable for a given name so URIs survive restarts. */
  private static String id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
  }

  private static Map<String, Object> hardwareType(String uri, String name, String model,
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

  private static Map<String, Object> enclosureGroup(String uri, int enclosures) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "EnclosureGroupV200");
    d.put("uri", uri);
    d.put("category", "enclosure-groups");
    d.put("name", ENCLOSURE_GROUP);
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

  private static Map<String, Object> blade(int index, int enclosure, int bay, String typeUri,
      String groupUri, String power) {
    Map<String, Object> d = common(index, "Encl" + enclosure + ", bay " + bay, typeUri, power);
    d.put("formFactor", "HalfHeight");
    d.put("locationUri", "/rest/enclosures/" + String.format("09SGH%03dX%02d", enclosure, 1));
    d.put("memoryMb", 16384L);
    d.put("model", "ProLiant BL460c Gen8");
    d.put("shortModel", "BL460c Gen8");
    d.put("mpModel", "iLO4");
    d.put("mpFirmwareVersion", "2.55 Aug 16 2017");
    d.put("partNumber", "641016-B21");
    d.put("position", (long) bay);
    d.put("processorCoreCount", 8L);
    d.put("processorCount", 2L);
    d.put("processorSpeedMhz", 2600L);
    d.put("processorType", "Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz");
    d.put("romVersion", "I31 05/24/2019");
    d.put("serverGroupUri", groupUri);
    d.put("portMap", portMap(index));
    return d;
  }

  private static Map<String, Object> rack(int index, int number, String typeUri, String power) {
    Map<String, Object> d = common(index, "DL360-" + number, typeUri, power);
    d.put("formFactor", "1U");
    d.put("locationUri", null);
    d.put("memoryMb", 32768L);
    d.put("model", "ProLiant DL360 Gen10");
    d.put("shortModel", "DL360 Gen10");
    d.put("mpModel", "iLO5");
    d.put("mpFirmwareVersion", "2.72 Sep 04 2022");
    d.put("partNumber", "867959-B21");
    d.put("position", 0L); // rack servers report position 0, not null: no enclosure bay
    d.put("processorCoreCount", 12L);
    d.put("processorCount", 2L);
    d.put("processorSpeedMhz", 2300L);
    d.put("processorType", "Intel(R) Xeon(R) Gold 5118 CPU @ 2.30GHz");
    d.put("romVersion", "U32 v2.68 (07/14/2022)");
    d.put("serverGroupUri", null);
    // Rack servers have no portMap on a real appliance (Ironic refuses them for that reason).
    d.put("portMap", null);
    return d;
  }

  private static Map<String, Object> common(int index, String name, String typeUri, String power) {
    String uuid = id("sh:" + name);
    String ip = "172.18." + (6 + index / 250) + "." + (index % 250 + 1);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "server-hardware-1");
    d.put("name", name);
    d.put("state", "NoProfileApplied");
    d.put("stateReason", "NotApplicable");
    d.put("assetTag", "[Unknown]");
    d.put("category", "server-hardware");
    d.put("description", null);
    d.put("licensingIntent", "OneView");
    d.put("mpDnsName", ip);
    d.put("mpIpAddress", ip);
    d.put("mpHostInfo", Json.obj("mpHostName", ip, "mpIpAddresses",
        List.of(Json.obj("address", ip, "type", "Static"))));
    d.put("mpState", "OK");
    d.put("powerLock", false);
    d.put("powerState", power);
    d.put("refreshState", "NotRefreshing");
    d.put("serialNumber", String.format("SGH%06dRN", index + 1));
    d.put("serverHardwareTypeUri", typeUri);
    d.put("serverProfileUri", null);
    d.put("signature", Json.obj("personalityChecksum", 0L, "serverHwChecksum", 0L));
    d.put("status", "OK");
    d.put("uidState", "Off");
    d.put("maintenanceMode", false);
    d.put("uri", "/rest/server-hardware/" + uuid);
    d.put("uuid", uuid);
    d.put("virtualSerialNumber", "");
    d.put("virtualUuid", null);
    d.put("scopesUri", "/rest/scopes/resources/rest/server-hardware/" + uuid);
    return d;
  }

  private static Map<String, Object> portMap(int index) {
    List<Object> ports = new ArrayList<>();
    for (int port = 1; port <= 2; port++) {
      String mac = mac(index, port * 4);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("interconnectPort", (long) (index % 16 + 1));
      p.put("interconnectUri", "/rest/interconnects/" + id("ic:" + port).toLowerCase(Locale.ROOT));
      p.put("mac", mac);
      p.put("portNumber", (long) port);
      p.put("type", "Ethernet");
      List<Object> virtual = new ArrayList<>();
      String[] functions = {"a", "b"};
      for (int f = 0; f < functions.length; f++) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("portNumber", (long) (f + 1));
        v.put("portFunction", functions[f]);
        v.put("mac", mac(index, port * 4 + f + 1));
        v.put("wwnn", null);
        v.put("wwpn", null);
        v.put("currentAllocatedVirtualFunctionCount", 0L);
        virtual.add(v);
      }
      p.put("virtualPorts", virtual);
      ports.add(p);
    }
    Map<String, Object> flb = new LinkedHashMap<>();
    flb.put("deviceName", "HP FlexFabric 10Gb 2-port 554FLB Adapter");
    flb.put("deviceNumber", 9L);
    flb.put("location", "Flb");
    flb.put("physicalPorts", ports);
    flb.put("slotNumber", 1L);
    return Json.obj("deviceSlots", List.of(flb));
  }

  private static String mac(int index, int port) {
    return String.format("02:23:13:%02X:%02X:%02X", (index >> 8) & 0xff, index & 0xff, port);
  }

  private static String networkUri(String name) {
    return "/rest/ethernet-networks/" + id("net:" + name).toLowerCase(Locale.ROOT);
  }

  private static Map<String, Object> network(String uri, String name, long vlan) {
    Map<String, Object> d = Documents.ethernetNetwork(uri, name, "Tagged", vlan, "General", true, false,
        "/rest/connection-templates/" + id("ct:" + name).toLowerCase(Locale.ROOT));
    d.put("fabricUri", "/rest/fabrics/" + id("fabric").toLowerCase(Locale.ROOT));
    return d;
  }

  /** A fabric-attached Fibre Channel network (read-only in the simulator: listed, never created). */
  private static Map<String, Object> fcNetwork(String name) {
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

  private static Map<String, Object> fcoeNetwork(String name, long vlan) {
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
  private static Map<String, Object> alert(long id, Map<String, Object> resource, String severity,
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

  private static Map<String, Object> networkSet(String name, List<String> networks, String nativeUri) {
    return Documents.networkSet("/rest/network-sets/" + id("ns:" + name).toLowerCase(Locale.ROOT), name,
        networks, nativeUri, "/rest/connection-templates/" + id("ct:" + name).toLowerCase(Locale.ROOT));
  }

  /** An SPP as OneView lists it under /rest/firmware-drivers; the id is the ISO name, dots as underscores. */
  private static Map<String, Object> baseline() {
    String iso = "P52581_001_spp-2022.09.01.00-SPP2022090100.2022_0829.4.iso";
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "firmware-baselines");
    d.put("name", BASELINE_NAME);
    d.put("description", "Service Pack for ProLiant");
    d.put("version", BASELINE_VERSION);
    d.put("baselineShortName", "SPP_" + BASELINE_VERSION);
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

  private static Map<String, Object> template(String name, String typeUri, String groupUri,
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
