package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour measured against real appliances that the first simulator lacked (issue 15). */
class FidelityGapsTest extends SimulatorFixture {
  @Test
  void eTagsHaveTheFormatOfTheirResourceAsAppliancesWriteThem() {
    // Collections: the listing's time; hardware: epoch milliseconds; profiles and templates:
    // milliseconds/revision; tasks: a counter (all as in the fixtures captured from appliances).
    start();
    assertThat((String) ov.get("/rest/server-hardware").map().get("eTag"))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat((String) ov.hardware("Encl1, bay 1").get("eTag")).matches("\\d{13,}");
    Map<String, Object> template = ov.get("/rest/server-profile-templates").members().get(0);
    assertThat((String) template.get("eTag")).matches("\\d{13,}/\\d+");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aProfileOnMonitoredHardwareIsRefused() {
    Map<String, Object> doc = Json.parseObject(Inventory.standard(4).toJson());
    ((Map<String, Object>) ((List<Object>) doc.get("serverHardware")).get(0)).put("state", "Monitored");
    start(OneViewSimulator.builder().inventory(Inventory.fromJson(Json.write(doc))));

    TestClient.Resp refused = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "p",
        (String) ov.hardware("Encl1, bay 1").get("uri")));

    assertThat(refused.code()).isEqualTo(400);
    assertThat(refused.string("errorCode")).isEqualTo("SERVER_HARDWARE_MONITORED");
    assertThat(refused.map().get("messageParameters")).isEqualTo(List.of("Encl1, bay 1"));
    assertThat(ov.get("/rest/server-profiles").members()).isEmpty();
  }

  @Test
  void aProfileOnUnhealthyHardwareFailsItsTaskUnlessForced() {
    start();
    String bay1 = (String) ov.hardware("Encl1, bay 1").get("uri");
    sim.serverStatus(bay1, "Warning");

    TestClient.Resp created = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "p", bay1));
    TestClient.Resp task = ov.task(created.location());

    assertThat(created.code()).isEqualTo(202);
    assertThat(task.string("taskState")).isEqualTo("Error");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) task.map().get("taskErrors");
    assertThat((String) errors.get(0).get("message")).startsWith("The selected server hardware has health status other than \"OK\"");
    assertThat(ov.hardware("Encl1, bay 1")).containsEntry("serverProfileUri", null);

    TestClient.Resp forced = ov.post("/rest/server-profiles?force=ignoreServerHealth",
        ov.newProfile("Docker-Gen8-Template", "p", bay1));
    assertThat(ov.task(forced.location()).string("taskState")).isEqualTo("Completed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void reservedConnectionsAreDisabledAndApi200ShowsDeploymentStatus() {
    start();
    Map<String, Object> body = ov.newProfile("Docker-Gen8-Template", "unassigned", null);
    TestClient.Resp created = ov.post("/rest/server-profiles", body);
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");

    Map<String, Object> current = ov.get(uri).map();
    Map<String, Object> connection = ((List<Map<String, Object>>) ((Map<String, Object>)
        current.get("connectionSettings")).get("connections")).get(0);
    assertThat(connection).containsEntry("state", "Reserved").containsEntry("status", "Disabled");

    Map<String, Object> api200 = ((List<Map<String, Object>>) ov.version("200").get(uri).map()
        .get("connections")).get(0);
    assertThat(api200).containsEntry("deploymentStatus", "Reserved").doesNotContainKeys("state", "status");
  }
}
