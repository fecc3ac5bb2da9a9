package io.oneviewinfrakit.simulator;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code X-API-Version} handling and the versioned {@code type} strings of each resource.
 *
 * <p>Known points come from oneview-api.md §1.4 (ServerProfile V5..V12 and ServerProfileTemplate
 * V1..V8 for API 200..1800; server-hardware-1 at 200, -3 at 300, -5 around 500). Beyond the last
 * known row we keep the last known type: since API 1600 {@code type} is optional in requests and
 * no source gives the newer names, so repeating the newest known one is the least surprising
 * choice. A version between two rows takes the lower row.
 */
final class ApiVersions {
  static final int MINIMUM = 200;
  /**
   * The oldest {@code X-API-Version} accepted and reported as {@code minimumVersion}: a 3.10
   * appliance reports 120 (fixture oneview-ansible/version.json). Versions 120..199 are served
   * with the API 200 schema, the oldest one we model (the 120 fixtures carry the same
   * {@code server-hardware-1} type).
   */
  static final int OLDEST_ACCEPTED = 120;
  static final int MAXIMUM = 8600;

  private static final NavigableMap<Integer, Integer> PROFILE = table(
      200, 5, 300, 6, 500, 7, 600, 8, 800, 9, 1000, 10, 1200, 11, 1600, 12);
  private static final NavigableMap<Integer, Integer> TEMPLATE = table(
      200, 1, 300, 2, 500, 3, 600, 4, 800, 5, 1000, 6, 1200, 7, 1600, 8);
  // server-hardware-1/-3/-5 are observed; the rest is interpolated one step per release row.
  private static final NavigableMap<Integer, Integer> HARDWARE = table(
      200, 1, 300, 3, 500, 5, 600, 6, 800, 7, 1000, 8, 1200, 9, 1600, 10);
  private static final NavigableMap<Integer, Integer> HARDWARE_TYPE = table(
      200, 4, 300, 5, 500, 6, 600, 7, 800, 8, 1000, 9, 1200, 10, 1600, 11);
  private static final NavigableMap<Integer, Integer> ENCLOSURE_GROUP = table(
      200, 200, 300, 300, 500, 400, 600, 5, 800, 6, 1000, 7, 1200, 8, 1600, 9);

  // oneview-python's EthernetNetworks/NetworkSets DEFAULT_VALUES (the types its SDK sends per
  // version); the collection types are not documented anywhere we have, so they are our guess.
  private static final NavigableMap<Integer, String> ETHERNET_NETWORK = named(
      200, "V3", 300, "V300", 600, "V4");
  private static final NavigableMap<Integer, String> NETWORK_SET = named(
      200, "", 300, "V300", 600, "V4", 1200, "V5");

  private ApiVersions() {}

  private static NavigableMap<Integer, String> named(Object... pairs) {
    NavigableMap<Integer, String> map = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((Integer) pairs[i], (String) pairs[i + 1]);
    }
    return map;
  }

  private static NavigableMap<Integer, Integer> table(int... pairs) {
    NavigableMap<Integer, Integer> map = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /**
   * The version a request asks for: a missing header means the oldest supported version, as the
   * appliance does; a malformed or unsupported one is refused with 412, as the 1.x REST reference
   * documents.
   */
  static int parse(String header, int current) {
    if (header == null || header.isBlank()) {
      return MINIMUM;
    }
    int version;
    try {
      version = Integer.parseInt(header.trim());
    } catch (NumberFormatException e) {
      throw unsupported(header, current);
    }
    if (version < OLDEST_ACCEPTED || version > current) {
      throw unsupported(header, current);
    }
    return version;
  }

  private static SimulatorException unsupported(String header, int current) {
    return new SimulatorException(412, "UNSUPPORTED_VERSION",
        "The API version " + header.trim() + " is not supported.",
        "Supported versions are " + OLDEST_ACCEPTED + " to " + current + ".",
        List.of("Send an X-API-Version header between " + OLDEST_ACCEPTED + " and " + current + "."));
  }

  static String type(String category, int version) {
    return switch (category) {
      case "server-profiles" -> "ServerProfileV" + at(PROFILE, version);
      case "server-profile-templates" -> "ServerProfileTemplateV" + at(TEMPLATE, version);
      case "server-hardware" -> "server-hardware-" + at(HARDWARE, version);
      case "server-hardware-types" -> "server-hardware-type-" + at(HARDWARE_TYPE, version);
      case "enclosure-groups" -> "EnclosureGroupV" + at(ENCLOSURE_GROUP, version);
      // V2 through API 1000 (OneView 4.20), V3 from 1200 (5.00), as the SDKs' task models switch.
      case "tasks" -> version < 1200 ? "TaskResourceV2" : "TaskResourceV3";
      case "ethernet-networks" -> "ethernet-network" + at(ETHERNET_NETWORK, version);
      case "network-sets" -> "network-set" + at(NETWORK_SET, version);
      // Firmware bundles carry one unversioned type on every appliance we have seen.
      case "firmware-drivers" -> "firmware-baselines";
      // Fibre Channel networks: fc-networkV4 from API 600 (oneview-python fc_networks.py), fc-networkV2 before.
      case "fc-networks" -> version < 600 ? "fc-networkV2" : "fc-networkV4";
      // oneview-python fcoe_networks.py DEFAULT_VALUES; terraform's examples send fcoe-networkV4 at 3600.
      case "fcoe-networks" -> version < 300 ? "fcoe-network" : version < 600 ? "fcoe-networkV300" : "fcoe-networkV4";
      // Same steps as enclosure groups (V200/V300/V400, then a plain counter); not captured anywhere we have.
      case "enclosures" -> "EnclosureV" + at(ENCLOSURE_GROUP, version);
      case "scopes" -> version < 500 ? "Scope" : version < 800 ? "ScopeV2" : "ScopeV3";
      case "labels" -> "Label";
      case "alerts" -> "AlertResourceV3";
      default -> throw new IllegalArgumentException(category);
    };
  }

  /** From this version on a request body may leave {@code type} out (oneview-python CHANGELOG 5.4.0). */
  static final int TYPE_OPTIONAL_FROM = 1600;

  /**
   * Refuses a request body whose {@code type} is not the schema of {@code version}, as the appliance
   * does (terraform-provider-oneview #294: {@code ServerProfileTemplateV6} at API 2600; #301:
   * {@code ServerProfileV9} refused where V12 passes): 400 with message "Invalid JSON type." and
   * the details those issues quote. The type may be missing (or null) from API 1600 on only. The
   * errorCode is not quoted anywhere we have; {@code INVALID_JSON_TYPE} is our guess.
   */
  static void requireRequestType(String category, Object type, int version) {
    String expected = type(category, version);
    if (type == null && version >= TYPE_OPTIONAL_FROM) {
      return;
    }
    if (!expected.equals(type)) {
      String shown = String.valueOf(type);
      throw new SimulatorException(400, "INVALID_JSON_TYPE", "Invalid JSON type.",
          "The \"type\" field content, \"" + shown + "\", included in this request is not valid.",
          List.of("Use type " + expected + " with X-API-Version " + version + "."), Map.of(),
          List.of(shown));
    }
  }

  static String collectionType(String category, int version) {
    return switch (category) {
      case "server-profiles" -> "ServerProfileListV" + at(PROFILE, version);
      case "server-profile-templates" -> "ServerProfileTemplateListV" + at(TEMPLATE, version);
      case "server-hardware" -> "server-hardware-list-" + at(HARDWARE, version);
      case "server-hardware-types" -> "server-hardware-type-list-" + at(HARDWARE_TYPE, version);
      case "enclosure-groups" -> "EnclosureGroupListV" + at(ENCLOSURE_GROUP, version);
      case "tasks" -> "TaskResourceCollection";
      case "ethernet-networks" -> "NetworkCollection" + at(ETHERNET_NETWORK, version);
      case "network-sets" -> "NetworkSetCollection" + at(NETWORK_SET, version);
      case "firmware-drivers" -> "FirmwareBaselineCollection";
      case "fc-networks" -> "FcNetworkCollectionV" + (version < 600 ? 2 : 4);
      case "fcoe-networks" -> "FcoeNetworkCollection" + (version < 300 ? "" : version < 600 ? "V300" : "V4");
      case "enclosures" -> "EnclosureListV" + at(ENCLOSURE_GROUP, version);
      case "scopes" -> "ScopeCollection" + (version < 500 ? "" : version < 800 ? "V2" : "V3");
      case "labels" -> "LabelCollection";
      case "alerts" -> "AlertResourceCollectionV3";
      default -> throw new IllegalArgumentException(category);
    };
  }

  private static <V> V at(NavigableMap<Integer, V> table, int version) {
    Map.Entry<Integer, V> e = table.floorEntry(version);
    return e == null ? table.firstEntry().getValue() : e.getValue();
  }
}
