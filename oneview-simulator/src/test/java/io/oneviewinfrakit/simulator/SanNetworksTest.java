package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SanNetworksTest extends SimulatorFixture {
  @BeforeEach
  void startFourServers() {
    start(OneViewSimulator.builder().servers(4));
  }

  private String completed(TestClient.Resp accepted) {
    assertThat(accepted.code()).isEqualTo(202);
    TestClient.Resp task = ov.task(accepted.location());
    assertThat(task.string("taskState")).isEqualTo("Completed");
    return (String) task.object("associatedResource").get("resourceUri");
  }

  @Test
  void fcoeNetworkCreateIsATaskAfterWhichTheNetworkExists() {
    sim.taskDuration(TaskKind.NETWORK, Duration.ofSeconds(10));
    TestClient.Resp created = ov.post("/rest/fcoe-networks",
        Map.of("type", "fcoe-networkV4", "name", "FCoE-2001", "vlanId", 2001));

    assertThat(created.code()).isEqualTo(202);
    assertThat(ov.get("/rest/fcoe-networks?filter=" + TestClient.enc("name='FCoE-2001'")).members()).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    String uri = completed(created);
    TestClient.Resp network = ov.get(uri);
    assertThat(network.map()).containsEntry("name", "FCoE-2001").containsEntry("vlanId", 2001.0)
        .containsEntry("type", "fcoe-networkV4").containsEntry("category", "fcoe-networks");
    assertThat(ov.version("300").get(uri).string("type")).isEqualTo("fcoe-networkV300");
  }

  @Test
  void fcoeNetworkNeedsAVlanAndAUniqueName() {
    TestClient.Resp noVlan = ov.post("/rest/fcoe-networks", Map.of("name", "x"));
    TestClient.Resp duplicate = ov.post("/rest/fcoe-networks", Map.of("name", "FCoE-1001", "vlanId", 5));

    assertThat(noVlan.code()).isEqualTo(400);
    assertThat(noVlan.string("errorCode")).isEqualTo("INVALID_VLAN_ID");
    assertThat(duplicate.code()).isEqualTo(409);
    assertThat(duplicate.string("errorCode")).isEqualTo("DUPLICATE_NAME");
  }

  @Test
  void updateNeedsTheCurrentETagAndShowsOnceTheTaskCompletes() {
    Map<String, Object> seeded = ov.get("/rest/fc-networks").members().get(0);
    String uri = (String) seeded.get("uri");
    Map<String, Object> body = new java.util.LinkedHashMap<>(seeded);
    body.put("name", "SAN-A-renamed");
    body.put("eTag", "stale");

    TestClient.Resp stale = ov.put(uri, body);
    assertThat(stale.code()).isEqualTo(412);

    body.put("eTag", seeded.get("eTag"));
    completed(ov.put(uri, body));
    TestClient.Resp after = ov.get(uri);
    assertThat(after.string("name")).isEqualTo("SAN-A-renamed");
    assertThat(after.eTag()).isNotEqualTo(seeded.get("eTag"));
  }

  @Test
  void fcNetworkFabricTypeIsChecked() {
    TestClient.Resp bad = ov.post("/rest/fc-networks", Map.of("name", "x", "fabricType", "Loop"));
    assertThat(bad.code()).isEqualTo(400);
    assertThat(bad.string("errorCode")).isEqualTo("INVALID_FABRIC_TYPE");

    String uri = completed(ov.post("/rest/fc-networks", Map.of("name", "SAN-B", "fabricType", "DirectAttach")));
    assertThat(ov.get(uri).map()).containsEntry("fabricType", "DirectAttach").containsEntry("linkStabilityTime", 30.0);
  }

  @Test
  void deleteRemovesTheNetworkOnceTheTaskCompletes() {
    String uri = completed(ov.post("/rest/fcoe-networks", Map.of("name", "gone", "vlanId", 7)));

    completed(ov.delete(uri));

    assertThat(ov.get(uri).code()).isEqualTo(404);
  }

  @Test
  void deleteByFilterRemovesEveryMatchInOneTask() {
    completed(ov.post("/rest/fcoe-networks", Map.of("name", "tmp-1", "vlanId", 11)));
    completed(ov.post("/rest/fcoe-networks", Map.of("name", "tmp-2", "vlanId", 12)));

    TestClient.Resp deleted = ov.delete("/rest/fcoe-networks?filter=" + TestClient.enc("\"name matches 'tmp-%'\""));
    completed(deleted);

    assertThat(ov.get("/rest/fcoe-networks").members()).extracting(m -> m.get("name")).containsExactly("FCoE-1001");
    TestClient.Resp noFilter = ov.delete("/rest/fcoe-networks");
    assertThat(noFilter.code()).isEqualTo(400);
    assertThat(noFilter.string("errorCode")).isEqualTo("INVALID_FILTER");
  }

  @Test
  void ethernetNetworksInUseAreNotDeletedByFilter() {
    // Deploy-PXE is used by the blade template's connection.
    TestClient.Resp refused = ov.delete("/rest/ethernet-networks?filter=" + TestClient.enc("name='Deploy-PXE'"));

    assertThat(refused.code()).isEqualTo(409);
    assertThat(refused.string("errorCode")).isEqualTo("RESOURCE_IN_USE");
    List<Map<String, Object>> left = ov.get("/rest/ethernet-networks").members();
    assertThat(left).hasSize(3);
  }
}
