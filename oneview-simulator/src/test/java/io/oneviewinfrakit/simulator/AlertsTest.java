package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsTest extends SimulatorFixture {
  @BeforeEach
  void startFourServers() {
    start(OneViewSimulator.builder().servers(4));
  }

  private Map<String, Object> alert(String state) {
    List<Map<String, Object>> m = ov.get("/rest/alerts?filter=" + TestClient.enc("alertState='" + state + "'")).members();
    assertThat(m).hasSize(1);
    return m.get(0);
  }

  @Test
  void alertsFilterByStateAndSeverity() {
    TestClient.Resp all = ov.get("/rest/alerts");
    TestClient.Resp critical = ov.get("/rest/alerts?filter=" + TestClient.enc("severity='Critical'"));
    TestClient.Resp activeWarnings = ov.get("/rest/alerts?filter=" + TestClient.enc("alertState='Active'")
        + "&filter=" + TestClient.enc("severity='Warning'"));

    assertThat(all.map()).containsEntry("total", 3.0).containsEntry("type", "AlertResourceCollectionV3");
    assertThat(critical.members()).extracting(a -> a.get("alertState")).containsExactly("Active");
    assertThat(activeWarnings.members()).isEmpty();
    Map<String, Object> cleared = alert("Cleared");
    assertThat(cleared).containsEntry("resourceUri", ov.hardware("Encl1, bay 1").get("uri"))
        .containsEntry("type", "AlertResourceV3");
  }

  @Test
  @SuppressWarnings("unchecked")
  void putClearsAnAlertAndAddsNotesToTheChangeLog() {
    Map<String, Object> active = alert("Active");
    String uri = (String) active.get("uri");

    TestClient.Resp cleared = ov.put(uri, Map.of("alertState", "Cleared", "assignedToUser", "Paul",
        "notes", "fan replaced", "eTag", active.get("eTag")));

    assertThat(cleared.code()).isEqualTo(200);
    assertThat(cleared.map()).containsEntry("alertState", "Cleared").containsEntry("assignedToUser", "Paul")
        .containsEntry("clearedByUser", sim.username());
    assertThat((List<Map<String, Object>>) cleared.map().get("changeLog"))
        .extracting(c -> c.get("notes")).containsExactly("fan replaced");
    assertThat(ov.put(uri, Map.of("alertState", "Active", "eTag", active.get("eTag"))).code()).isEqualTo(412);
    assertThat(ov.put(uri, Map.of("alertState", "Locked")).code()).isEqualTo(400);
  }

  @Test
  void lockedAlertsCannotBeChangedOrDeleted() {
    String locked = (String) alert("Locked").get("uri");

    TestClient.Resp clear = ov.put(locked, Map.of("alertState", "Cleared"));
    TestClient.Resp delete = ov.delete(locked);

    assertThat(clear.code()).isEqualTo(409);
    assertThat(clear.string("errorCode")).isEqualTo("ALERT_LOCKED");
    assertThat(delete.code()).isEqualTo(409);
    assertThat(ov.get(locked).code()).isEqualTo(200);
  }

  @Test
  void deleteOneAndDeleteByFilter() {
    String cleared = (String) alert("Cleared").get("uri");
    assertThat(ov.delete(cleared).code()).isEqualTo(204);
    assertThat(ov.get(cleared).code()).isEqualTo(404);

    TestClient.Resp refused = ov.delete("/rest/alerts?filter=" + TestClient.enc("severity='Warning'"));
    assertThat(refused.code()).isEqualTo(409); // the Locked one is a Warning

    TestClient.Resp deleted = ov.delete("/rest/alerts?filter=" + TestClient.enc("alertState='Active'"));
    assertThat(deleted.code()).isEqualTo(202);
    assertThat(ov.task(deleted.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get("/rest/alerts").members()).extracting(a -> a.get("alertState")).containsExactly("Locked");
  }
}
