package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server hardware documents of {@link Inventory#standard(int)}: blades with their FlexFabric port
 * map and rack servers, their names, serial numbers, iLO addresses, UUIDs and MACs derived from the
 * server's index so they are the same at every start.
 */
final class StandardServers {
  private StandardServers() {}

  static Map<String, Object> blade(int index, int enclosure, int bay, String typeUri,
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

  static Map<String, Object> rack(int index, int number, String typeUri, String power) {
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
    String uuid = StandardDocuments.id("sh:" + name);
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
      p.put("interconnectUri", "/rest/interconnects/" + StandardDocuments.id("ic:" + port).toLowerCase(Locale.ROOT));
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
}
