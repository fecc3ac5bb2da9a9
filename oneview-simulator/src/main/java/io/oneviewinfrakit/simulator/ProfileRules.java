package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules for a profile's connections, boot settings and firmware, and its compliance with the
 * template it was made from. Works on stored documents (connections under
 * {@code connectionSettings}); stateless.
 *
 * <p>Where the references are silent the simulator is strict, so a client that ignores a
 * template's {@code manage*} switches fails here rather than on a real appliance that might
 * quietly report the profile {@code NonCompliant}: connections in a profile whose template has
 * {@code connectionSettings.manageConnections} false, or switching on boot order / boot mode
 * management the template leaves off, are refused with 400.
 */
final class ProfileRules {
  static final Set<String> BOOT_MODES = Set.of("UEFI", "UEFIOptimized", "BIOS");
  static final Set<String> PXE_POLICIES = Set.of("Auto", "IPv4", "IPv6", "IPv4ThenIPv6", "IPv6ThenIPv4");
  static final Set<String> BOOT_DEVICES = Set.of("PXE", "HardDisk", "CD", "USB", "Floppy", "FibreChannelHba");
  private static final List<String> PORT_FUNCTIONS = List.of("a", "b", "c", "d");

  private ProfileRules() {}

  /**
   * Refuses a profile document (as it would be stored) that names unknown networks or baselines,
   * has invalid boot settings, or manages what its template does not.
   */
  static void validate(Map<String, Object> profile, Map<String, Object> template,
      Predicate<String> networkExists, Predicate<String> baselineExists) {
    List<Map<String, Object>> connections = connections(profile);
    Set<Long> ids = new HashSet<>();
    for (Map<String, Object> c : connections) {
      if (c.get("id") instanceof Long id && !ids.add(id)) {
        throw SimulatorException.badRequest("INVALID_CONNECTION_ID",
            "The connection id " + id + " is used by more than one connection.");
      }
      String networkUri = string(c.get("networkUri"));
      if (networkUri == null || networkUri.isBlank() || !networkExists.test(networkUri)) {
        // Same answer as any body URI naming a missing resource (REST reference p.773).
        throw new SimulatorException(400, "RESOURCE_NOT_FOUND",
            "The networkUri " + networkUri + " of connection " + c.get("id")
                + " does not name an existing Ethernet network or network set.",
            "", List.of("Verify the network URI and try again."),
            Map.of("connectionId", String.valueOf(c.get("id")), "networkUri", String.valueOf(networkUri)));
      }
    }
    if (template != null && !connections.isEmpty() && !managesConnections(template)) {
      throw SimulatorException.badRequest("CONNECTIONS_NOT_MANAGED",
          "The server profile template " + template.get("name") + " does not manage connections"
              + " (connectionSettings.manageConnections is false), so a server profile made from"
              + " it cannot have connections.");
    }
    Map<String, Object> bootMode = Json.map(profile.get("bootMode"));
    if (bootMode != null) {
      Object mode = bootMode.get("mode");
      if (mode != null && !BOOT_MODES.contains(String.valueOf(mode))) {
        throw SimulatorException.badRequest("INVALID_BOOT_MODE",
            "The boot mode " + mode + " is not one of " + sorted(BOOT_MODES) + ".");
      }
      Object policy = bootMode.get("pxeBootPolicy");
      if (policy != null && !PXE_POLICIES.contains(String.valueOf(policy))) {
        throw SimulatorException.badRequest("INVALID_PXE_BOOT_POLICY",
            "The PXE boot policy " + policy + " is not one of " + sorted(PXE_POLICIES) + ".");
      }
    }
    Map<String, Object> boot = Json.map(profile.get("boot"));
    List<Object> order = boot == null ? null : Json.list(boot.get("order"));
    if (order != null) {
      Set<Object> seen = new HashSet<>();
      for (Object device : order) {
        if (!BOOT_DEVICES.contains(String.valueOf(device)) || !seen.add(device)) {
          throw SimulatorException.badRequest("INVALID_BOOT_ORDER",
              "The boot order " + order + " must list distinct devices among "
                  + sorted(BOOT_DEVICES) + ".");
        }
      }
    }
    if (template != null) {
      if (flag(profile, "boot", "manageBoot") && !flag(template, "boot", "manageBoot")) {
        throw SimulatorException.badRequest("BOOT_ORDER_NOT_MANAGED",
            "The server profile template " + template.get("name")
                + " does not manage the boot order (boot.manageBoot is false).");
      }
      if (flag(profile, "bootMode", "manageMode") && !flag(template, "bootMode", "manageMode")) {
        throw SimulatorException.badRequest("BOOT_MODE_NOT_MANAGED",
            "The server profile template " + template.get("name")
                + " does not manage the boot mode (bootMode.manageMode is false).");
      }
    }
    Map<String, Object> firmware = Json.map(profile.get("firmware"));
    if (firmware != null && Boolean.TRUE.equals(firmware.get("manageFirmware"))) {
      String baseline = string(firmware.get("firmwareBaselineUri"));
      if (baseline == null || !baselineExists.test(baseline)) {
        throw SimulatorException.badRequest("RESOURCE_NOT_FOUND",
            "The firmwareBaselineUri " + baseline + " does not name an existing firmware bundle.");
      }
    }
  }

  /**
   * {@code Compliant} when every section the template manages (connections, boot mode, boot
   * order, firmware) matches it, {@code NonCompliant} otherwise, {@code Unknown} without a
   * template.
   */
  static String compliance(Map<String, Object> profile, Map<String, Object> template) {
    if (template == null) {
      return "Unknown";
    }
    if (managesConnections(template) && !sameConnections(connections(profile), connections(template))) {
      return "NonCompliant";
    }
    if (flag(template, "bootMode", "manageMode") && !sameFields(profile, template, "bootMode",
        "manageMode", "mode", "pxeBootPolicy")) {
      return "NonCompliant";
    }
    if (flag(template, "boot", "manageBoot") && !sameFields(profile, template, "boot", "manageBoot", "order")) {
      return "NonCompliant";
    }
    if (flag(template, "firmware", "manageFirmware") && !sameFields(profile, template, "firmware",
        "manageFirmware", "firmwareBaselineUri")) {
      return "NonCompliant";
    }
    return "Compliant";
  }

  /**
   * "Update from template": copies every section the template manages into the profile.
   * Connections keep the MAC address of the profile's connection with the same id, as OneView
   * keeps a connection's identity across a re-apply.
   */
  static void applyTemplate(Map<String, Object> profile, Map<String, Object> template) {
    if (managesConnections(template)) {
      Map<Object, Map<String, Object>> old = new HashMap<>();
      connections(profile).forEach(c -> old.put(c.get("id"), c));
      List<Object> copied = new ArrayList<>();
      for (Map<String, Object> t : connections(template)) {
        Map<String, Object> c = Json.copy(t);
        c.remove("complianceControl");
        Map<String, Object> previous = old.get(c.get("id"));
        if (previous != null && Objects.equals(previous.get("networkUri"), c.get("networkUri"))) {
          c.put("mac", previous.get("mac"));
          if (!"Auto".equals(previous.get("portId")) && "Auto".equals(c.get("portId"))) {
            c.put("portId", previous.get("portId"));
          }
        }
        copied.add(c);
      }
      Map<String, Object> settings = Json.map(profile.get("connectionSettings"));
      if (settings == null) {
        settings = new LinkedHashMap<>();
        profile.put("connectionSettings", settings);
      }
      settings.put("connections", copied);
    }
    for (String[] section : new String[][] {{"bootMode", "manageMode"}, {"boot", "manageBoot"},
        {"firmware", "manageFirmware"}}) {
      if (flag(template, section[0], section[1])) {
        Map<String, Object> copy = Json.copy(Json.map(template.get(section[0])));
        copy.remove("complianceControl");
        profile.put(section[0], copy);
      }
    }
  }

  static boolean managesConnections(Map<String, Object> template) {
    return flag(template, "connectionSettings", "manageConnections");
  }

  /** The connections of a stored document (never null; non-objects skipped). */
  static List<Map<String, Object>> connections(Map<String, Object> doc) {
    Map<String, Object> settings = Json.map(doc.get("connectionSettings"));
    List<Object> list = settings == null ? null : Json.list(settings.get("connections"));
    List<Map<String, Object>> out = new ArrayList<>();
    if (list != null) {
      for (Object o : list) {
        Map<String, Object> c = Json.map(o);
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * Resolves {@code portId} "Auto" (or absent) of Ethernet connections to a free port function of
   * the hardware's {@code portMap}, OneView's way: function a on each physical port first, then b.
   * Without hardware or a {@code portMap} (rack servers) the port stays {@code Auto}.
   */
  static void assignPorts(List<Map<String, Object>> connections, Map<String, Object> hw) {
    List<String> candidates = ports(hw);
    Set<String> used = new HashSet<>();
    for (Map<String, Object> c : connections) {
      Object port = c.get("portId");
      if (port != null && !"Auto".equals(port)) {
        used.add(String.valueOf(port));
      }
    }
    for (Map<String, Object> c : connections) {
      Object port = c.get("portId");
      if (port != null && !"Auto".equals(port)) {
        continue;
      }
      String free = candidates.stream().filter(p -> !used.contains(p)).findFirst().orElse(null);
      if (free == null || !"Ethernet".equals(c.getOrDefault("functionType", "Ethernet"))) {
        c.put("portId", "Auto");
      } else {
        c.put("portId", free);
        used.add(free);
      }
    }
  }

  /** The MAC of the hardware port function named like {@code "Flb 1:2-a"}, or null. */
  static String physicalMac(Map<String, Object> hw, String portId) {
    if (hw == null || portId == null) {
      return null;
    }
    for (Map<String, Object> slot : slots(hw)) {
      for (Map<String, Object> port : list(slot.get("physicalPorts"))) {
        for (Map<String, Object> v : list(port.get("virtualPorts"))) {
          if (portId.equals(portName(slot, port, v))) {
            return string(v.get("mac"));
          }
        }
      }
    }
    return null;
  }

  private static List<String> ports(Map<String, Object> hw) {
    List<String> out = new ArrayList<>();
    if (hw == null) {
      return out;
    }
    for (String function : PORT_FUNCTIONS) {
      for (Map<String, Object> slot : slots(hw)) {
        for (Map<String, Object> port : list(slot.get("physicalPorts"))) {
          if (!"Ethernet".equals(port.getOrDefault("type", "Ethernet"))) {
            continue;
          }
          for (Map<String, Object> v : list(port.get("virtualPorts"))) {
            if (function.equals(v.get("portFunction"))) {
              out.add(portName(slot, port, v));
            }
          }
        }
      }
    }
    return out;
  }

  private static String portName(Map<String, Object> slot, Map<String, Object> port,
      Map<String, Object> virtual) {
    return slot.get("location") + " " + slot.get("slotNumber") + ":" + port.get("portNumber") + "-"
        + virtual.get("portFunction");
  }

  private static List<Map<String, Object>> slots(Map<String, Object> hw) {
    Map<String, Object> portMap = Json.map(hw.get("portMap"));
    return portMap == null ? List.of() : list(portMap.get("deviceSlots"));
  }

  private static List<Map<String, Object>> list(Object o) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> l = Json.list(o);
    if (l != null) {
      for (Object e : l) {
        Map<String, Object> m = Json.map(e);
        if (m != null) {
          out.add(m);
        }
      }
    }
    return out;
  }

  private static boolean sameConnections(List<Map<String, Object>> profile,
      List<Map<String, Object>> template) {
    if (profile.size() != template.size()) {
      return false;
    }
    Map<Object, Map<String, Object>> byId = new HashMap<>();
    profile.forEach(c -> byId.put(c.get("id"), c));
    for (Map<String, Object> t : template) {
      Map<String, Object> p = byId.get(t.get("id"));
      if (p == null
          || !Objects.equals(p.getOrDefault("functionType", "Ethernet"), t.getOrDefault("functionType", "Ethernet"))
          || !Objects.equals(p.get("networkUri"), t.get("networkUri"))
          || !Objects.equals(String.valueOf(p.get("requestedMbps")), String.valueOf(t.get("requestedMbps")))
          || !Objects.equals(priority(p), priority(t))
          || t.get("portId") != null && !"Auto".equals(t.get("portId"))
              && !Objects.equals(p.get("portId"), t.get("portId"))) {
        return false;
      }
    }
    return true;
  }

  private static Object priority(Map<String, Object> connection) {
    Map<String, Object> boot = Json.map(connection.get("boot"));
    Object p = boot == null ? null : boot.get("priority");
    return p == null ? "NotBootable" : p;
  }

  private static boolean sameFields(Map<String, Object> profile, Map<String, Object> template,
      String section, String... fields) {
    Map<String, Object> p = Json.map(profile.get(section));
    Map<String, Object> t = Json.map(template.get(section));
    if (p == null || t == null) {
      return p == t;
    }
    for (String f : fields) {
      if (!Objects.equals(p.get(f), t.get(f))) {
        return false;
      }
    }
    return true;
  }

  static boolean flag(Map<String, Object> doc, String section, String field) {
    Map<String, Object> s = Json.map(doc.get(section));
    return s != null && Boolean.TRUE.equals(s.get(field));
  }

  private static String string(Object o) {
    return o == null ? null : o.toString();
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
