package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadOnlyUserTest extends SimulatorFixture {
  private TestClient viewer;

  @BeforeEach
  void startWithAReadOnlyUser() {
    start(OneViewSimulator.builder().servers(4).readOnlyUser("viewer", "s3cret-view"));
    viewer = new TestClient(sim);
    TestClient.Resp login = viewer.post("/rest/login-sessions", Map.of("userName", "viewer", "password", "s3cret-view"));
    assertThat(login.code()).isEqualTo(200);
    viewer.token = login.string("sessionID");
  }

  @Test
  void readsWorkLikeTheAdministrators() {
    assertThat(viewer.get("/rest/server-hardware").members()).hasSize(4);
    assertThat(viewer.get("/rest/server-profile-templates").code()).isEqualTo(200);
    assertThat(viewer.get("/rest/alerts").code()).isEqualTo(200);
  }

  @Test
  void everyChangeIsRefusedWith403AndTheAuthorizationError() {
    Map<String, Object> bay1 = ov.hardware("Encl1, bay 1");
    String hw = (String) bay1.get("uri");
    Map<String, Object> profile = ov.newProfile("Docker-Gen8-Template", "p", hw);

    List<TestClient.Resp> refused = List.of(
        viewer.post("/rest/server-profiles", profile),
        viewer.put(hw + "/powerState", Map.of("powerState", "On", "powerControl", "MomentaryPress")),
        viewer.patch(hw, List.of(Map.of("op", "replace", "path", "/uidState", "value", "On")),
            "application/json-patch+json"),
        viewer.delete("/rest/fcoe-networks?filter=" + TestClient.enc("name='FCoE-1001'")),
        viewer.post("/rest/scopes", Map.of("name", "s")));

    assertThat(refused).allSatisfy(r -> {
      assertThat(r.code()).isEqualTo(403);
      assertThat(r.string("errorCode")).isEqualTo("AUTHORIZATION");
      assertThat(r.string("message")).isEqualTo("Authorization error: User not authorized for this operation.");
    });
    assertThat(ov.get("/rest/server-profiles").members()).isEmpty();
    assertThat(ov.hardware("Encl1, bay 1")).containsEntry("powerState", bay1.get("powerState"));
    assertThat(sim.tasks()).isEmpty();
  }

  @Test
  void theReadOnlyUserCanStillLogOutAndTheAdministratorIsUnaffected() {
    assertThat(viewer.delete("/rest/login-sessions").code()).isEqualTo(204);
    assertThat(viewer.get("/rest/server-hardware").code()).isEqualTo(401);
    assertThat(ov.post("/rest/scopes", Map.of("name", "s")).code()).isEqualTo(201);
    assertThat(sim.readOnlyUsername()).contains("viewer");
  }

  @Test
  void aWrongReadOnlyPasswordIsAnAuthenticationFailure() {
    TestClient.Resp login = new TestClient(sim).post("/rest/login-sessions",
        Map.of("userName", "viewer", "password", "wrong"));

    assertThat(login.code()).isEqualTo(401);
    assertThat(login.string("errorCode")).isEqualTo("AUTHN_AUTH_FAIL");
  }
}
