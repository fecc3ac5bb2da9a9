package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How stored documents look on the wire at a given API version, and how profile documents are
 * built from templates and client bodies.
 *
 * <p>Profiles and templates are stored with {@code connectionSettings.connections} (API 300 and
 * later); below 300 they are rendered with a top-level {@code connections} array, as the API 200
 * fixtures show. Server hardware below 300 has {@code mpIpAddress}/{@code mpDnsName}, from 300
 * {@code mpHostInfo}; {@code maintenanceMode} appears from 2400.
 */
final class Documents {
  private static final Set<String> NEW_PROFILE_DROPPED = Set.of("uri", "eTag", "created",
      "modified", "status", "state", "scopesUri", "serverProfileDescription");
  /** Fields the appliance owns: a client cannot set them on create or update. */
  private static final Set<String> SERVER_OWNED = Set.of("uri", "category", "created", "modified",
      "eTag", "state", "status", "inProgress", "taskUri", "serialNumber", "uuid", "enclosureUri",
      "enclosureBay", "associatedServer", "scopesUri", "type", "templateCompliance");

  private Documents() {}

  /** Server hardware fields an API 200 answer does not have. */
  private static final Set<String> NEWER_HARDWARE_FIELDS =
      Set.of("mpHostInfo", "mpState", "uidState", "scopesUri", "maintenanceMode");
  /** Server hardware fields API 300 and later replaced (by {@code mpHostInfo}). */
  private static final Set<String> OLDER_HARDWARE_FIELDS = Set.of("mpIpAddress", "mpDnsName");

  /** A copy of {@code doc} as served at {@code version}. */
  static Map<String, Object> render(Map<String, Object> doc, String category, int version) {
    return render(doc, category, version, UnaryOperator.identity());
  }

  /** {@link #render} with values that cannot change: what a {@link ApiResponse#snapshot} may hold. */
  static Map<String, Object> snapshot(Map<String, Object> doc, String category, int version) {
    return render(doc, category, version, Frozen::of);
  }

  private static Map<String, Object> render(Map<String, Object> doc, String category, int version,
      UnaryOperator<Object> values) {
    Map<String, Object> out = new LinkedHashMap<>(doc.size() + 2);
    boolean old = version < 300;
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      switch (category) {
        case "server-profiles", "server-profile-templates" -> {
          if (old && key.equals("connectionSettings")) {
            Map<String, Object> settings = Json.map(value);
            out.put("connections", values.apply(settings == null ? List.of()
                : category.equals("server-profiles") ? api200Connections(settings.get("connections"))
                : settings.get("connections")));
            continue;
          }
          if (old && key.equals("scopesUri")) {
            continue;
          }
        }
        case "server-hardware" -> {
          if (old && NEWER_HARDWARE_FIELDS.contains(key)
              || !old && OLDER_HARDWARE_FIELDS.contains(key)
              || version < 2400 && key.equals("maintenanceMode")) {
            continue;
          }
        }
        default -> {
        }
      }
      out.put(key, values.apply(value));
    }
    if (out.containsKey("type")) {
      out.put("type", ApiVersions.type(category, version));
    }
    return out;
  }

  /**
   * Profile connections as API 200 shows them: {@code deploymentStatus} ({@code Reserved} or
   * {@code Deployed}) where later versions have {@code state} and {@code status} (oneview-api.md
   * §3.4, the API 200 profile fixtures).
   */
  private static List<Object> api200Connections(Object connections) {
    List<Object> out = new ArrayList<>();
    List<Object> list = Json.list(connections);
    if (list == null) {
      return out;
    }
    for (Object o : list) {
      Map<String, Object> c = Json.map(o);
      if (c == null) {
        out.add(o);
        continue;
      }
      Map<String, Object> copy = new LinkedHashMap<>(c);
      Object state = copy.remove("state");
      copy.remove("status");
      if (state != null) {
        copy.put("deploymentStatus", state);
      }
      out.add(copy);
    }
    return out;
  }

  /**
   * {@code GET {template}/new-profile}, synthesised as oneview-api.md §3.2 describes: the template
   * minus its own metadata, plus profile type, category, template URI and description.
   */
  static Map<String, Object> newProfile(Map<String, Object> template) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "ServerProfileV5");
    p.put("name", null);
    p.put("description", template.get("serverProfileDescription"));
    p.put("serverProfileTemplateUri", template.get("uri"));
    p.put("serverHardwareUri", null);
    for (Map.Entry<String, Object> e : template.entrySet()) {
      if (NEW_PROFILE_DROPPED.contains(e.getKey()) || p.containsKey(e.getKey())
          || e.getKey().equals("type") || e.getKey().equals("description")) {
        continue;
      }
      p.put(e.getKey(), withoutComplianceControl(Json.copy(e.getValue())));
    }
    Map<String, Object> settings = Json.map(p.get("connectionSettings"));
    if (settings != null) {
      settings.remove("manageConnections");
    }
    // The appliance's new-profile is a whole ServerProfile document: what it cannot know before
    // the profile exists is there as null (and compliance as Unknown), not left out, so a client
    // sees the full set of fields it may later read.
    for (String placeholder : NEW_PROFILE_PLACEHOLDERS) {
      p.putIfAbsent(placeholder, null);
    }
    p.put("templateCompliance", "Unknown");
    for (Map<String, Object> c : ProfileRules.connections(p)) {
      c.putIfAbsent("mac", null);
      c.putIfAbsent("wwnn", null);
      c.putIfAbsent("wwpn", null);
    }
    p.put("category", "server-profiles");
    return p;
  }

  private static final List<String> NEW_PROFILE_PLACEHOLDERS = List.of("uri", "eTag",
      "serialNumber", "uuid", "enclosureUri", "enclosureBay", "associatedServer", "taskUri");

  private static Object withoutComplianceControl(Object value) {
    if (value instanceof Map<?, ?>) {
      Map<String, Object> m = Json.map(value);
      m.remove("complianceControl");
      m.values().forEach(Documents::withoutComplianceControl);
    } else if (value instanceof List<?> list) {
      list.forEach(Documents::withoutComplianceControl);
    }
    return value;
  }

  /** A new stored profile from a client body; the description is kept verbatim. */
  static Map<String, Object> newStoredProfile(Map<String, Object> body, String uri, String typeUri,
      String groupUri, Map<String, Object> hw, Ids ids) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "ServerProfileV5");
    p.put("uri", uri);
    p.put("name", body.get("name"));
    p.put("description", body.getOrDefault("description", ""));
    p.put("serialNumber", null);
    p.put("uuid", null);
    p.put("serverProfileTemplateUri", body.get("serverProfileTemplateUri"));
    p.put("templateCompliance", "Unknown");
    p.put("serverHardwareUri", null);
    p.put("serverHardwareTypeUri", typeUri);
    p.put("enclosureGroupUri", groupUri);
    p.put("enclosureUri", null);
    p.put("enclosureBay", null);
    p.put("affinity", "Bay");
    p.put("associatedServer", null);
    p.put("hideUnusedFlexNics", true);
    Map<String, Object> firmware = new LinkedHashMap<>();
    firmware.put("firmwareInstallType", null);
    firmware.put("forceInstallFirmware", false);
    firmware.put("manageFirmware", false);
    firmware.put("firmwareBaselineUri", null);
    p.put("firmware", firmware);
    p.put("macType", "Virtual");
    p.put("wwnType", "Virtual");
    p.put("serialNumberType", "Virtual");
    p.put("category", "server-profiles");
    p.put("created", null);
    p.put("modified", null);
    p.put("status", "OK");
    p.put("state", "Normal");
    p.put("inProgress", false);
    p.put("taskUri", null);
    p.put("connectionSettings", Json.obj("connections", new ArrayList<>()));
    p.put("bootMode", null);
    p.put("boot", Json.obj("manageBoot", false, "order", new ArrayList<>()));
    p.put("bios", Json.obj("manageBios", false, "overriddenSettings", new ArrayList<>()));
    p.put("localStorage", Json.obj("controllers", new ArrayList<>()));
    p.put("sanStorage", Json.obj("manageSanStorage", false, "hostOSType", null,
        "volumeAttachments", new ArrayList<>()));
    p.put("eTag", null);
    p.put("scopesUri", "/rest/scopes/resources" + uri);
    for (Map.Entry<String, Object> e : body.entrySet()) {
      if (!SERVER_OWNED.contains(e.getKey())) {
        p.put(e.getKey(), Json.copy(e.getValue()));
      }
    }
    p.put("serverHardwareTypeUri", typeUri);
    p.put("enclosureGroupUri", groupUri);
    String serialType = String.valueOf(p.get("serialNumberType"));
    p.put("serialNumber", "Virtual".equals(serialType) ? ids.virtualSerial() : null);
    p.put("uuid", uri.substring(uri.lastIndexOf('/') + 1));
    Object templateUri = p.get("serverProfileTemplateUri");
    p.put("templateCompliance", templateUri instanceof String s && !s.isBlank() ? "Compliant" : "Unknown");
    normaliseConnections(p);
    assign(p, hw, ids);
    return p;
  }

  /** The stored profile after a client PUT: client fields replaced, server-owned ones kept. */
  static Map<String, Object> updatedProfile(Map<String, Object> body, Map<String, Object> current,
      String typeUri, String groupUri, Map<String, Object> hw, Ids ids) {
    Map<String, Object> p = merged(body, current);
    p.put("serverHardwareTypeUri", typeUri);
    p.put("enclosureGroupUri", groupUri);
    assign(p, hw, ids);
    return p;
  }

  /**
   * {@code current} with the client-settable fields of {@code body} laid over it (connections
   * normalised), without assigning hardware: what a PUT would store, for validation.
   */
  static Map<String, Object> merged(Map<String, Object> body, Map<String, Object> current) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : current.entrySet()) {
      p.put(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Object> e : body.entrySet()) {
      if (!SERVER_OWNED.contains(e.getKey())) {
        p.put(e.getKey(), Json.copy(e.getValue()));
      }
    }
    if (body.containsKey("connections") && !body.containsKey("connectionSettings")) {
      p.remove("connectionSettings");
    }
    normaliseConnections(p);
    return p;
  }

  /** Moves an API 200 top-level {@code connections} array into {@code connectionSettings}. */
  static void normaliseConnections(Map<String, Object> doc) {
    if (doc.containsKey("connections")) {
      Object connections = doc.remove("connections");
      Map<String, Object> settings = Json.map(doc.get("connectionSettings"));
      if (settings == null) {
        settings = new LinkedHashMap<>();
        doc.put("connectionSettings", settings);
      }
      settings.put("connections", connections == null ? new ArrayList<>() : connections);
    }
  }

  /**
   * Binds the profile to {@code hw} (or none): enclosure and bay, and per connection an id, a
   * port ({@code Auto} resolved from the hardware's {@code portMap}), a MAC (a new virtual one
   * from the pool, or with {@code macType} Physical the port's own), bandwidth and state.
   */
  static void assign(Map<String, Object> p, Map<String, Object> hw, Ids ids) {
    p.put("serverHardwareUri", hw == null ? null : hw.get("uri"));
    boolean blade = hw != null && hw.get("serverGroupUri") != null;
    p.put("enclosureUri", blade ? hw.get("locationUri") : null);
    p.put("enclosureBay", blade ? hw.get("position") : null);
    List<Map<String, Object>> connections = ProfileRules.connections(p);
    long nextId = 1;
    for (Map<String, Object> c : connections) {
      if (c.get("id") instanceof Long id) {
        nextId = Math.max(nextId, id + 1);
      }
    }
    for (Map<String, Object> c : connections) {
      if (!(c.get("id") instanceof Long)) {
        c.put("id", nextId++);
      }
    }
    ProfileRules.assignPorts(connections, hw);
    for (Map<String, Object> c : connections) {
      c.putIfAbsent("name", null);
      c.putIfAbsent("functionType", "Ethernet");
      c.putIfAbsent("macType", p.get("macType"));
      c.putIfAbsent("wwpnType", p.get("wwnType"));
      if (!(c.get("boot") instanceof Map)) {
        c.put("boot", Json.obj("priority", "NotBootable"));
      }
      if ("Ethernet".equals(c.get("functionType"))) {
        if ("Physical".equals(c.get("macType"))) {
          // Physical MACs belong to the port, so they follow the hardware (null when unassigned).
          c.put("mac", ProfileRules.physicalMac(hw, (String) c.get("portId")));
        } else if (c.get("mac") == null) {
          c.put("mac", ids.virtualMac());
        }
      }
      c.putIfAbsent("wwnn", null);
      c.putIfAbsent("wwpn", null);
      c.putIfAbsent("interconnectUri", null);
      c.putIfAbsent("allocatedVFs", null);
      Object requested = c.get("requestedMbps");
      if (!c.containsKey("allocatedMbps")) {
        long mbps = 2500;
        try {
          mbps = Long.parseLong(String.valueOf(requested));
        } catch (NumberFormatException auto) {
          // "Auto" or absent: OneView allocates the port's preferred speed.
        }
        c.put("allocatedMbps", mbps);
        c.put("maximumMbps", Math.max(mbps, 10000L));
      }
      // A reserved connection (profile without server hardware) is not in use: status Disabled.
      c.put("state", hw == null ? "Reserved" : "Deployed");
      c.put("status", hw == null ? "Disabled" : "OK");
    }
  }

  /**
   * An Ethernet network as the appliance stores it, with no fabric, subnet or description; callers
   * put those they have. The seeded inventory and a network created by a client must look alike, so
   * both are built here.
   */
  static Map<String, Object> ethernetNetwork(String uri, Object name, String type, Object vlanId,
      String purpose, boolean smartLink, boolean privateNetwork, String connectionTemplateUri) {
    String id = uri.substring(uri.lastIndexOf('/') + 1);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "ethernet-networkV3");
    d.put("ethernetNetworkType", type);
    d.put("vlanId", vlanId);
    d.put("purpose", purpose);
    d.put("name", name);
    d.put("smartLink", smartLink);
    d.put("privateNetwork", privateNetwork);
    d.put("connectionTemplateUri", connectionTemplateUri);
    d.put("fabricUri", null);
    d.put("subnetUri", null);
    d.put("description", null);
    d.put("status", "OK");
    d.put("state", "Active");
    d.put("category", "ethernet-networks");
    d.put("uri", uri);
    d.put("scopesUri", "/rest/scopes/resources/rest/ethernet-networks/" + id);
    return d;
  }

  /** A network set as the appliance stores it, without a description; see {@link #ethernetNetwork}. */
  static Map<String, Object> networkSet(String uri, Object name, List<?> networkUris, Object nativeNetworkUri,
      String connectionTemplateUri) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "network-set");
    d.put("name", name);
    d.put("networkUris", new ArrayList<>(networkUris));
    d.put("nativeNetworkUri", nativeNetworkUri);
    d.put("connectionTemplateUri", connectionTemplateUri);
    d.put("description", null);
    d.put("status", "OK");
    d.put("state", "Active");
    d.put("category", "network-sets");
    d.put("uri", uri);
    d.put("scopesUri", "/rest/scopes/resources" + uri);
    return d;
  }
}
