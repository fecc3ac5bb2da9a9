package io.oneviewinfrakit.simulator;

import static io.oneviewinfrakit.simulator.StandardDocuments.alert;
import static io.oneviewinfrakit.simulator.StandardDocuments.baseline;
import static io.oneviewinfrakit.simulator.StandardDocuments.enclosureGroup;
import static io.oneviewinfrakit.simulator.StandardDocuments.fcNetwork;
import static io.oneviewinfrakit.simulator.StandardDocuments.fcoeNetwork;
import static io.oneviewinfrakit.simulator.StandardDocuments.hardwareType;
import static io.oneviewinfrakit.simulator.StandardDocuments.id;
import static io.oneviewinfrakit.simulator.StandardDocuments.network;
import static io.oneviewinfrakit.simulator.StandardDocuments.networkSet;
import static io.oneviewinfrakit.simulator.StandardDocuments.networkUri;
import static io.oneviewinfrakit.simulator.StandardDocuments.template;
import static io.oneviewinfrakit.simulator.StandardServers.blade;
import static io.oneviewinfrakit.simulator.StandardServers.rack;

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
    this.document = Frozen.of(document);
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
}
