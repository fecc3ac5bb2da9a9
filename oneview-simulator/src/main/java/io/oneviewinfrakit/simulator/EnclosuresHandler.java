package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /rest/enclosures}, read-only. Besides the inventory's {@code enclosures}, every enclosure
 * a server hardware's {@code locationUri} names exists, built from its blades: name from the blade
 * names ({@code Encl1, bay 3} gives {@code Encl1}), serial number from the URI, enclosure group
 * from the blades' {@code serverGroupUri}, and one device bay per position (16 at least, as a
 * c7000 has), {@code Present} with the blade's URI where one sits.
 */
final class EnclosuresHandler extends ResourceHandler {
  private static final int BAYS = 16;
  private final Store store = new Store("enclosures", 64);

  EnclosuresHandler(Appliance a) {
    super(a);
    a.register(store);
  }

  @Override
  public void reset() {
    store.clear();
    a.seed(store, a.inventory().documents("enclosures"));
    Map<String, List<Map<String, Object>>> blades = new TreeMap<>();
    for (Map<String, Object> hw : a.hardwareStore().all()) {
      if (hw.get("locationUri") instanceof String location && store.get(location) == null) {
        blades.computeIfAbsent(location, k -> new ArrayList<>()).add(hw);
      }
    }
    List<Map<String, Object>> derived = new ArrayList<>();
    blades.forEach((uri, members) -> derived.add(enclosure(uri, members)));
    a.seed(store, derived);
  }

  private static Map<String, Object> enclosure(String uri, List<Map<String, Object>> blades) {
    String serial = uri.substring(uri.lastIndexOf('/') + 1);
    String bladeName = String.valueOf(blades.get(0).get("name"));
    int comma = bladeName.indexOf(", bay");
    int bays = BAYS;
    Map<Long, Map<String, Object>> byBay = new TreeMap<>();
    for (Map<String, Object> hw : blades) {
      if (hw.get("position") instanceof Long position) {
        byBay.put(position, hw);
        bays = (int) Math.max(bays, position);
      }
    }
    List<Object> deviceBays = new ArrayList<>();
    for (long bay = 1; bay <= bays; bay++) {
      Map<String, Object> hw = byBay.get(bay);
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("bayNumber", bay);
      b.put("devicePresence", hw == null ? "Absent" : "Present");
      b.put("deviceUri", hw == null ? null : hw.get("uri"));
      b.put("model", hw == null ? null : hw.get("model"));
      b.put("uri", uri + "/device-bays/" + bay);
      deviceBays.add(b);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "EnclosureV200");
    d.put("uri", uri);
    d.put("category", "enclosures");
    d.put("name", comma > 0 ? bladeName.substring(0, comma) : "Enclosure " + serial);
    d.put("serialNumber", serial);
    d.put("enclosureType", "C7000");
    d.put("enclosureModel", "BladeSystem c7000 Enclosure G2");
    d.put("enclosureGroupUri", blades.get(0).get("serverGroupUri"));
    d.put("uuid", serial);
    d.put("deviceBayCount", (long) bays);
    d.put("deviceBays", deviceBays);
    d.put("isFwManaged", false);
    d.put("fwBaselineUri", null);
    d.put("licensingIntent", "OneView");
    d.put("state", "Configured");
    d.put("stateReason", "None");
    d.put("status", "OK");
    d.put("scopesUri", "/rest/scopes/resources" + uri);
    return d;
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    return a.listings().readOnly(r, r.method(), seg, store, version);
  }
}
