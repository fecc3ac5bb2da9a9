package io.oneviewinfrakit.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@code /rest/fc-networks}: Fibre Channel networks (see {@link SanNetworksHandler}). */
final class FcNetworksHandler extends SanNetworksHandler {
  FcNetworksHandler(Appliance a) {
    super(a, "fc-networks", "Fibre Channel network", "fcNetworks");
  }

  @Override
  Map<String, Object> build(Map<String, Object> body, String uri, Map<String, Object> current) {
    String fabricType = Objects.requireNonNullElse(Appliance.string(body.get("fabricType")), "FabricAttach");
    if (!Set.of("FabricAttach", "DirectAttach").contains(fabricType)) {
      throw SimulatorException.badRequest("INVALID_FABRIC_TYPE",
          "fabricType must be FabricAttach or DirectAttach (got " + fabricType + ").");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "fc-networkV4");
    d.put("uri", uri);
    d.put("category", "fc-networks");
    d.put("name", body.get("name"));
    d.put("description", body.get("description"));
    d.put("fabricType", fabricType);
    // linkStabilityTime is seconds, 1..1800, default 30 (oneview-python fc_networks defaults).
    d.put("linkStabilityTime", number(body, "linkStabilityTime", 30, 1, 1800, "INVALID_LINK_STABILITY_TIME"));
    d.put("autoLoginRedistribution", !Boolean.FALSE.equals(body.get("autoLoginRedistribution")));
    d.put("managedSanUri", body.get("managedSanUri"));
    d.put("fabricUri", current == null ? null : current.get("fabricUri"));
    d.put("connectionTemplateUri", "/rest/connection-templates/" + a.ids().uuid());
    d.put("state", "Active");
    d.put("status", "OK");
    return d;
  }
}
