package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionTest extends SimulatorFixture {
  @BeforeEach
  void startEightServers() {
    start();
  }

  private String networkUri(String collection, String name) {
    return (String) ov.get("/rest/" + collection + "?filter=" + TestClient.enc("name='" + name + "'"))
        .members().get(0).get("uri");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> connections(Map<String, Object> profile) {
    return (List<Map<String, Object>>) ((Map<String, Object>) profile.get("connectionSettings")).get("connections");
  }

  @Test
  void templateManagesOneBootableConnectionToDeployPxe() {
    Map<String, Object> template = ov.template("Docker-Gen8-Template");

    assertThat((Map<String, Object>) template.get("connectionSettings")).containsEntry("manageConnections", true);
    assertThat(connections(template)).singleElement().satisfies(c -> {
      assertThat(c.get("networkUri")).isEqualTo(networkUri("ethernet-networks", "Deploy-PXE"));
      assertThat(c.get("boot")).isEqualTo(Map.of("priority", "Primary"));
    });
    assertThat((Map<String, Object>) ov.template("Rack-DL360-Template").get("connectionSettings"))
        .containsEntry("manageConnections", false);
  }

  @Test
  void profileFromTemplateGetsTheTemplatesConnectionWithAUniqueVirtualMac() {
    Map<String, Object> first = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    Map<String, Object> second = ov.createProfile("Docker-Gen8-Template", "web-2", "Encl1, bay 3");

    Map<String, Object> c = connections(first).get(0);
    assertThat(c).containsEntry("functionType", "Ethernet").containsEntry("portId", "Flb 1:1-a")
        .containsEntry("requestedMbps", "2500").containsEntry("macType", "Virtual")
        .containsEntry("state", "Deployed").containsEntry("networkUri", networkUri("ethernet-networks", "Deploy-PXE"));
    assertThat(((Number) c.get("allocatedMbps")).intValue()).isEqualTo(2500);
    assertThat((String) c.get("mac")).matches("([0-9A-F]{2}:){5}[0-9A-F]{2}");
    assertThat(connections(second).get(0).get("mac")).isNotEqualTo(c.get("mac"));
    assertThat(first.get("templateCompliance")).isEqualTo("Compliant");
  }

  @Test
  void autoPortIsResolvedToAFreePortFunctionAndANetworkSetIsAccepted() {
    Map<String, Object> profile = ov.newProfile("Docker-Gen8-Template", "web-1",
        (String) ov.hardware("Encl1, bay 1").get("uri"));
    List<Object> list = new ArrayList<>(connections(profile));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("id", 2);
    extra.put("name", "prod");
    extra.put("functionType", "Ethernet");
    extra.put("networkUri", networkUri("network-sets", "Prod-Set"));
    extra.put("portId", "Auto");
    extra.put("requestedMbps", "1000");
    list.add(extra);
    ((Map<String, Object>) profile.get("connectionSettings")).put("connections", list);

    TestClient.Resp created = ov.post("/rest/server-profiles", profile);
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");
    Map<String, Object> stored = ov.get(uri).map();

    assertThat(connections(stored)).hasSize(2);
    assertThat(connections(stored).get(1)).containsEntry("portId", "Flb 1:2-a")
        .containsEntry("boot", Map.of("priority", "NotBootable"));
    assertThat(((Number) connections(stored).get(1).get("allocatedMbps")).intValue()).isEqualTo(1000);
    assertThat(stored.get("templateCompliance")).as("differs from its template").isEqualTo("NonCompliant");
  }

  @Test
  void unknownNetworkUriIsRefusedWith400() {
    Map<String, Object> profile = ov.newProfile("Docker-Gen8-Template", "web-1",
        (String) ov.hardware("Encl1, bay 1").get("uri"));
    connections(profile).get(0).put("networkUri", "/rest/ethernet-networks/missing");

    TestClient.Resp r = ov.post("/rest/server-profiles", profile);

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(r.string("message")).contains("/rest/ethernet-networks/missing");
    assertThat(sim.serverProfiles()).isEmpty();
  }

  @Test
  void connectionsAreRefusedWhenTheTemplateDoesNotManageThem() {
    Map<String, Object> profile = ov.newProfile("Rack-DL360-Template", "rack-1",
        (String) ov.hardware("DL360-1").get("uri"));
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", 1);
    c.put("functionType", "Ethernet");
    c.put("networkUri", networkUri("ethernet-networks", "Prod-VLAN-100"));
    c.put("portId", "Auto");
    ((Map<String, Object>) profile.get("connectionSettings")).put("connections", List.of(c));

    TestClient.Resp r = ov.post("/rest/server-profiles", profile);

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.string("errorCode")).isEqualTo("CONNECTIONS_NOT_MANAGED");
  }

  @Test
  void api200ShowsConnectionsTopLevelAndAcceptsThemThere() {
    ov.version("200");
    Map<String, Object> profile = ov.newProfile("Docker-Gen8-Template", "old-1",
        (String) ov.hardware("Encl1, bay 1").get("uri"));
    assertThat(profile).containsKey("connections").doesNotContainKey("connectionSettings");

    TestClient.Resp created = ov.post("/rest/server-profiles", profile);
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> stored = (List<Map<String, Object>>) ov.get(uri).map().get("connections");

    assertThat(stored).singleElement().satisfies(c -> assertThat(c.get("mac")).isNotNull());
  }

  @Test
  void removingAConnectionWithPutMakesTheProfileNonCompliant() {
    Map<String, Object> profile = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    ((Map<String, Object>) profile.get("connectionSettings")).put("connections", List.of());

    TestClient.Resp put = ov.put((String) profile.get("uri"), profile);
    ov.task(put.location());

    Map<String, Object> stored = ov.get((String) profile.get("uri")).map();
    assertThat(connections(stored)).isEmpty();
    assertThat(stored.get("templateCompliance")).isEqualTo("NonCompliant");
  }

  @Test
  void physicalMacsComeFromTheServersPortMap() {
    Map<String, Object> profile = ov.newProfile("Docker-Gen8-Template", "phys-1",
        (String) ov.hardware("Encl1, bay 3").get("uri"));
    profile.put("macType", "Physical");
    connections(profile).get(0).remove("macType");

    TestClient.Resp created = ov.post("/rest/server-profiles", profile);
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");
    Map<String, Object> stored = ov.get(uri).map();

    @SuppressWarnings("unchecked")
    Map<String, Object> portMap = (Map<String, Object>) ov.hardware("Encl1, bay 3").get("portMap");
    // Port 1, function a: the first virtual port MAC of the first physical port.
    Object portMac = ((List<?>) Json.at(portMap, "deviceSlots.physicalPorts.virtualPorts.mac")).get(0);
    assertThat(connections(stored).get(0).get("mac")).isEqualTo(portMac);
  }
}
