package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What other OneView users and the appliance itself do behind a client's back (Ironic's periodic checks). */
class DriftTest extends SimulatorFixture {
  @BeforeEach
  void startEightServers() {
    start();
  }

  private String hw(String name) {
    return (String) ov.hardware(name).get("uri");
  }

  @Test
  void maintenanceModeIsServedFromApi2400() {
    String uri = hw("Encl1, bay 1");

    sim.maintenanceMode(uri, true);

    assertThat(ov.get(uri).map()).containsEntry("maintenanceMode", true);
    assertThat(ov.get("/rest/server-hardware?filter=" + TestClient.enc("maintenanceMode=true")).members())
        .extracting(m -> m.get("uri")).containsExactly(uri);
    assertThat(ov.version("2000").get(uri).map()).doesNotContainKey("maintenanceMode");
    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().maintenanceMode()).isTrue();
    sim.maintenanceMode(uri, false);
    assertThat(ov.version("8600").get(uri).map()).containsEntry("maintenanceMode", false);
  }

  @Test
  void serverStatusCanTurnCritical() {
    String uri = hw("Encl1, bay 1");

    sim.serverStatus(uri, "Critical");

    assertThat(ov.get(uri).string("status")).isEqualTo("Critical");
    assertThat(ov.get("/rest/server-hardware?filter=" + TestClient.enc("status='Critical'")).members()).hasSize(1);
    assertThatThrownBy(() -> sim.serverStatus(uri, "Broken")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void profileDeletedByAnotherUserFreesItsServerAndIsNotLoggedAsARequest() {
    String profile = (String) ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1").get("uri");
    sim.powerState(hw("Encl1, bay 1"), "On");
    int logged = sim.requests().size();

    sim.faults().deleteProfileAsAnotherUser(profile);

    assertThat(sim.requests().size()).isEqualTo(logged);
    assertThat(ov.get(profile).code()).isEqualTo(404);
    assertThat(ov.hardware("Encl1, bay 1")).containsEntry("serverProfileUri", null)
        .containsEntry("state", "NoProfileApplied");
    assertThat(sim.requests().count("DELETE", profile)).isZero();
  }

  @Test
  void deletingAProfileWhoseTaskRunsEndsTheTaskInError() {
    sim.holdTasks(TaskKind.PROFILE_CREATE);
    TestClient.Resp created = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", hw("Encl1, bay 1")));
    String profile = (String) created.object("associatedResource").get("resourceUri");

    sim.faults().deleteProfileAsAnotherUser(profile);

    assertThat(ov.task(created.location()).string("taskState")).isEqualTo("Error");
    assertThat(sim.pendingTasks()).isZero();
  }

  @Test
  void profileMovedByAnotherUserChangesServers() {
    Map<String, Object> created = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    String profile = (String) created.get("uri");
    String target = hw("Encl1, bay 2");
    int logged = sim.requests().size();

    sim.faults().moveProfileAsAnotherUser(profile, target);

    assertThat(sim.requests().size()).isEqualTo(logged);
    Map<String, Object> moved = ov.get(profile).map();
    assertThat(moved.get("serverHardwareUri")).isEqualTo(target);
    assertThat(((Number) moved.get("enclosureBay")).intValue()).isEqualTo(2);
    assertThat(moved.get("eTag")).isNotEqualTo(created.get("eTag"));
    assertThat(ov.hardware("Encl1, bay 1")).containsEntry("serverProfileUri", null);
    assertThat(ov.hardware("Encl1, bay 2")).containsEntry("serverProfileUri", profile)
        .containsEntry("state", "ProfileApplied");
  }

  @Test
  void moveToABusyOrMismatchedServerIsRefused() {
    String profile = (String) ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1").get("uri");
    sim.faults().assignForeignProfile(hw("Encl1, bay 2"));

    assertThatThrownBy(() -> sim.faults().moveProfileAsAnotherUser(profile, hw("Encl1, bay 2")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> sim.faults().moveProfileAsAnotherUser(profile, hw("DL360-1")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void serverReleasedByAnotherUserBecomesFreeAgain() {
    String server = hw("Encl1, bay 2");
    String foreign = sim.faults().assignForeignProfile(server);
    assertThat(ov.get(server).string("serverProfileUri")).isEqualTo(foreign);

    String released = sim.faults().releaseServerAsAnotherUser(server);

    assertThat(released).isEqualTo(foreign);
    assertThat(ov.get(server).map()).containsEntry("serverProfileUri", null).containsEntry("state", "NoProfileApplied");
    assertThat(ov.get(foreign).code()).isEqualTo(404);
    assertThat(sim.faults().releaseServerAsAnotherUser(server)).isNull();
  }

  @Test
  void profileFailedAfterTheFactPointsAtAnErrorTask() {
    String profile = (String) ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1").get("uri");

    String taskUri = sim.faults().failProfileAfterTheFact(profile, "ServerProfileApplyFailed");

    TestClient.Resp p = ov.get(profile);
    assertThat(p.map()).containsEntry("status", "Critical").containsEntry("state", "UpdateFailed")
        .containsEntry("taskUri", taskUri).containsEntry("inProgress", false);
    TestClient.Resp task = ov.get(taskUri);
    assertThat(task.map()).containsEntry("taskState", "Error").containsEntry("userInitiated", false);
    assertThat(task.object("associatedResource")).containsEntry("resourceUri", profile);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) task.map().get("taskErrors");
    assertThat(errors).singleElement().satisfies(e -> assertThat(e).containsEntry("errorCode", "ServerProfileApplyFailed"));
    assertThat(ov.hardware("Encl1, bay 1")).containsEntry("state", "ProfileError");
    assertThat(sim.pendingTasks()).isZero();
  }

  @Test
  void successfulUpdateClearsAFailureAfterTheFact() {
    Map<String, Object> created = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    String profile = (String) created.get("uri");
    sim.faults().failProfileAfterTheFact(profile, "ServerProfileApplyFailed");

    TestClient.Resp patch = ov.patch(profile, List.of(Map.of("op", "replace", "path", "/templateCompliance",
        "value", "Compliant")), "application/json-patch+json");
    clock.advance(Duration.ofSeconds(1));
    ov.task(patch.location());

    assertThat(ov.get(profile).map()).containsEntry("status", "OK").containsEntry("state", "Normal");
    assertThat(ov.hardware("Encl1, bay 1")).containsEntry("state", "ProfileApplied");
  }
}
