package io.oneviewinfrakit.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /rest/fcoe-networks}: FCoE networks, a VLAN each (see {@link SanNetworksHandler}). */
final class FcoeNetworksHandler extends SanNetworksHandler {
  FcoeNetworksHandler(Appliance a) {
    super(a, "fcoe-networks", "FCoE network", "fcoeNetworks");
  }

  @Override
  Map<String, Object> build(Map<String, Object> body, String uri, Map<String, Object> current) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "fcoe-networkV4");
    d.put("uri", uri);
    d.put("category", "fcoe-networks");
    d.put("name", body.get("name"));
    d.put("description", body.get("description"));
    d.put("vlanId", number(body, "vlanId", -1, 1, 4094, "INVALID_VLAN_ID"));
    d.put("fabricUri", current == null ? null : current.get("fabricUri"));
    d.put("managedSanUri", null);
    d.put("connectionTemplateUri", "/rest/connection-templates/" + a.ids().uuid());
    d.put("state", "Active");
    d.put("status", "OK");
    return d;
  }
}
