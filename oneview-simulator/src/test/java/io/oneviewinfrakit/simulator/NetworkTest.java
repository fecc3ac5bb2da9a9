package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkTest extends SimulatorFixture {
  @BeforeEach
  void startFourServers() {
    start(OneViewSimulator.builder().servers(4));
  }

  private Map<String, Object> network(String name) {
    List<Map<String, Object>> members = ov.get("/rest/ethernet-networks?filter="
        + TestClient.enc("name='" + name + "'")).members();
    assertThat(members).hasSize(1);
    return members.get(0);
  }

  @Test
  void seededNetworksAreListedWithTheRealEnvelopeAndFields() {
    TestClient.Resp r = ov.get("/rest/ethernet-networks?sort=name:ascending");

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.string("category")).isEqualTo("ethernet-networks");
    assertThat(((Number) r.map().get("total")).intValue()).isEqualTo(3);
    assertThat(r.members()).extracting(m -> m.get("name"))
        .containsExactly("Deploy-PXE", "Prod-VLAN-100", "Prod-VLAN-101");
    Map<String, Object> prod = network("Prod-VLAN-100");
    assertThat(prod).containsEntry("type", "ethernet-networkV4").containsEntry("ethernetNetworkType", "Tagged")
        .containsEntry("purpose", "General").containsEntry("smartLink", true)
        .containsEntry("privateNetwork", false).containsEntry("category", "ethernet-networks")
        .containsEntry("state", "Active").containsKeys("connectionTemplateUri", "eTag", "created", "modified");
    assertThat(((Number) prod.get("vlanId")).intValue()).isEqualTo(100);
    assertThat((String) prod.get("uri")).startsWith("/rest/ethernet-networks/");
  }

  @Test
  void typeStringsFollowTheApiVersion() {
    String uri = (String) network("Prod-VLAN-100").get("uri");
    assertThat(ov.version("200").get(uri).string("type")).isEqualTo("ethernet-networkV3");
    assertThat(ov.version("500").get(uri).string("type")).isEqualTo("ethernet-networkV300");
    assertThat(ov.version("2000").get(uri).string("type")).isEqualTo("ethernet-networkV4");
    String set = (String) ov.get("/rest/network-sets").members().get(0).get("uri");
    assertThat(ov.version("200").get(set).string("type")).isEqualTo("network-set");
    assertThat(ov.version("1200").get(set).string("type")).isEqualTo("network-setV5");
  }

  @Test
  @SuppressWarnings("unchecked")
  void seededNetworkSetHoldsBothProdNetworks() {
    Map<String, Object> set = ov.get("/rest/network-sets?filter=" + TestClient.enc("name='Prod-Set'"))
        .members().get(0);

    assertThat((List<Object>) set.get("networkUris")).containsExactly(
        network("Prod-VLAN-100").get("uri"), network("Prod-VLAN-101").get("uri"));
    assertThat(set.get("nativeNetworkUri")).isEqualTo(network("Prod-VLAN-100").get("uri"));
    assertThat(ov.get((String) set.get("uri")).code()).isEqualTo(200);
  }

  @Test
  void createReturns202AndTheNetworkExistsOnceTheTaskCompletes() {
    sim.taskDuration(TaskKind.NETWORK, Duration.ofSeconds(30));
    TestClient.Resp created = ov.post("/rest/ethernet-networks", Map.of("type", "ethernet-networkV4",
        "name", "Prod-VLAN-200", "vlanId", 200, "purpose", "General", "smartLink", false,
        "privateNetwork", true, "ethernetNetworkType", "Tagged"));

    assertThat(created.code()).isEqualTo(202);
    assertThat(created.location()).startsWith("/rest/tasks/");
    assertThat(created.string("name")).isEqualTo("Create");
    assertThat(ov.get("/rest/ethernet-networks?filter=" + TestClient.enc("name='Prod-VLAN-200'")).members())
        .isEmpty();

    clock.advance(Duration.ofSeconds(30));
    TestClient.Resp task = ov.task(created.location());
    assertThat(task.string("taskState")).isEqualTo("Completed");
    String uri = (String) task.object("associatedResource").get("resourceUri");
    TestClient.Resp network = ov.get(uri);
    assertThat(network.code()).isEqualTo(200);
    assertThat(network.map()).containsEntry("name", "Prod-VLAN-200").containsEntry("privateNetwork", true)
        .containsEntry("smartLink", false);
    assertThat(network.eTag()).isNotBlank();
  }

  @Test
  void duplicateNameIs409AndTaggedWithoutVlanIs400() {
    TestClient.Resp duplicate = ov.post("/rest/ethernet-networks",
        Map.of("name", "Prod-VLAN-100", "vlanId", 300, "ethernetNetworkType", "Tagged"));
    TestClient.Resp noVlan = ov.post("/rest/ethernet-networks",
        Map.of("name", "x", "ethernetNetworkType", "Tagged"));

    assertThat(duplicate.code()).isEqualTo(409);
    assertThat(duplicate.string("errorCode")).isEqualTo("DUPLICATE_NAME");
    assertThat(noVlan.code()).isEqualTo(400);
    assertThat(noVlan.string("errorCode")).isEqualTo("INVALID_VLAN_ID");
  }

  @Test
  void networkSetCreateChecksItsMembers() {
    String prod = (String) network("Prod-VLAN-100").get("uri");
    TestClient.Resp unknown = ov.post("/rest/network-sets",
        Map.of("name", "s", "networkUris", List.of("/rest/ethernet-networks/missing")));
    TestClient.Resp badNative = ov.post("/rest/network-sets", Map.of("name", "s",
        "networkUris", List.of(prod), "nativeNetworkUri", network("Deploy-PXE").get("uri")));
    TestClient.Resp ok = ov.post("/rest/network-sets", Map.of("name", "s", "networkUris", List.of(prod),
        "nativeNetworkUri", prod));

    assertThat(unknown.code()).isEqualTo(400);
    assertThat(unknown.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(badNative.code()).isEqualTo(400);
    assertThat(badNative.string("errorCode")).isEqualTo("INVALID_NATIVE_NETWORK");
    assertThat(ok.code()).isEqualTo(202);
    assertThat(ov.task(ok.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get("/rest/network-sets?filter=" + TestClient.enc("name='s'")).members()).hasSize(1);
  }

  @Test
  void deleteRunsAsATaskAndRemovesTheNetwork() {
    ov.post("/rest/ethernet-networks", Map.of("name", "tmp", "vlanId", 42, "ethernetNetworkType", "Tagged"));
    String uri = (String) network("tmp").get("uri");

    TestClient.Resp deleted = ov.delete(uri);

    assertThat(deleted.code()).isEqualTo(202);
    assertThat(ov.task(deleted.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get(uri).code()).isEqualTo(404);
  }

  @Test
  void networkInUseCannotBeDeleted() {
    TestClient.Resp usedByTemplate = ov.delete((String) network("Deploy-PXE").get("uri"));
    TestClient.Resp usedBySet = ov.delete((String) network("Prod-VLAN-101").get("uri"));

    assertThat(usedByTemplate.code()).isEqualTo(409);
    assertThat(usedByTemplate.string("errorCode")).isEqualTo("RESOURCE_IN_USE");
    assertThat(usedBySet.code()).isEqualTo(409);
  }

  @Test
  void failedCreateTaskLeavesNoNetwork() {
    sim.faults().failNextTask(TaskKind.NETWORK, "CRM_NETWORK_CREATE_FAILED");
    TestClient.Resp created = ov.post("/rest/ethernet-networks",
        Map.of("name", "doomed", "vlanId", 7, "ethernetNetworkType", "Tagged"));

    TestClient.Resp task = ov.task(created.location());

    assertThat(task.string("taskState")).isEqualTo("Error");
    assertThat(ov.get("/rest/ethernet-networks?filter=" + TestClient.enc("name='doomed'")).members()).isEmpty();
  }

  @Test
  void firmwareBundleIsServedWithNameAndVersion() {
    TestClient.Resp list = ov.get("/rest/firmware-drivers");
    Map<String, Object> spp = list.members().get(0);

    assertThat(spp).containsEntry("name", "Service Pack for ProLiant").containsEntry("version", "2022.09.01.00")
        .containsEntry("category", "firmware-drivers").containsEntry("type", "firmware-baselines");
    assertThat(ov.get((String) spp.get("uri")).code()).isEqualTo(200);
    assertThat(ov.template("Docker-Gen8-Template").get("firmware")).isEqualTo(Map.of(
        "manageFirmware", true, "firmwareBaselineUri", spp.get("uri"), "forceInstallFirmware", false,
        "firmwareInstallType", "FirmwareOnly"));
  }

  @Test
  void hardwareTypesAndEnclosureGroupsFilterByNameAndCarryFlavorFields() {
    List<Map<String, Object>> types = ov.get("/rest/server-hardware-types?filter="
        + TestClient.enc("name='BL460c Gen8 1'")).members();
    List<Map<String, Object>> groups = ov.get("/rest/enclosure-groups?filter="
        + TestClient.enc("name='Enclosure-Group-1'")).members();

    assertThat(types).singleElement().satisfies(t -> assertThat(t)
        .containsEntry("model", "ProLiant BL460c Gen8").containsEntry("formFactor", "HalfHeight")
        .containsEntry("family", "BL"));
    assertThat(groups).singleElement().satisfies(g -> assertThat(g.get("uri")).isEqualTo(
        ov.hardware("Encl1, bay 1").get("serverGroupUri")));
    assertThat(ov.get("/rest/server-hardware-types?filter=" + TestClient.enc("name='nope'")).members()).isEmpty();
  }

  @Test
  void networksAndSetsLoadFromTheInventoryJson() {
    Map<String, Object> inventory = Json.parseObject(Inventory.standard(2).toJson());
    Json.list(inventory.get("ethernetNetworks")).add(Json.obj("name", "Storage-VLAN-300",
        "ethernetNetworkType", "Tagged", "vlanId", 300L, "purpose", "ISCSI", "smartLink", false,
        "privateNetwork", false, "type", "ethernet-networkV3"));
    inventory.remove("networkSets");
    try (OneViewSimulator other = OneViewSimulator.builder()
        .inventory(Inventory.fromJson(Json.write(inventory))).build().start()) {
      TestClient client = new TestClient(other).login();

      Map<String, Object> storage = client.get("/rest/ethernet-networks?filter="
          + TestClient.enc("name='Storage-VLAN-300'")).members().get(0);

      assertThat((String) storage.get("uri")).startsWith("/rest/ethernet-networks/");
      assertThat(storage).containsEntry("purpose", "ISCSI").containsKeys("eTag", "created");
      assertThat(client.get("/rest/network-sets").members()).isEmpty();
    }
  }
}
