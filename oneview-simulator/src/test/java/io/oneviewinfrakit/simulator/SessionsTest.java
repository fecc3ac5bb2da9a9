package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final ManualClock clock = new ManualClock();
  private OneViewSimulator sim;

  private TestClient start(OneViewSimulator.Builder builder) {
    sim = builder.clock(clock).build().start();
    return new TestClient(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void versionNeedsNoSessionNorApiVersion() {
    TestClient ov = start(OneViewSimulator.builder()).version(null);

    TestClient.Resp r = ov.get("/rest/version");

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.map()).containsEntry("currentVersion", 8600.0).containsEntry("minimumVersion", 120.0);
  }

  @Test
  void loginReturnsSessionIdThatAuthorisesCalls() {
    TestClient ov = start(OneViewSimulator.builder());

    TestClient.Resp login = ov.post("/rest/login-sessions",
        Map.of("userName", "administrator", "password", sim.password()));
    ov.token = login.string("sessionID");

    assertThat(login.code()).isEqualTo(200);
    assertThat(ov.token).isNotBlank();
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIsRefusedWithAuthFailCode() {
    TestClient ov = start(OneViewSimulator.builder());

    TestClient.Resp r = ov.post("/rest/login-sessions",
        Map.of("userName", sim.username(), "password", "wrong"));

    assertThat(r.code()).isEqualTo(401);
    assertThat(r.string("errorCode")).isEqualTo("AUTHN_AUTH_FAIL");
  }

  @Test
  void callsWithoutValidSessionGet401AuthorizationBodyOfTheRealAppliance() throws IOException {
    TestClient ov = start(OneViewSimulator.builder());
    ov.token = "not-a-session";

    TestClient.Resp r = ov.get("/rest/server-profiles");

    assertThat(r.code()).isEqualTo(401);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> fixture = (java.util.Map<String, Object>) TestClient.JSON.fromJson(
        Files.readString(Path.of("src/test/resources/fixtures/oneview/github-issues/error-authorization.json")));
    // The 2015 capture predates messageParameters, which OneView 5 errors add (empty here).
    fixture.put("messageParameters", java.util.List.of());
    assertThat(r.map()).isEqualTo(fixture);
  }

  @Test
  void putRevalidatesAndDeleteLogsOut() {
    TestClient ov = start(OneViewSimulator.builder()).login();

    TestClient.Resp revalidated = ov.put("/rest/login-sessions", null);
    assertThat(revalidated.code()).isEqualTo(200);
    assertThat(revalidated.string("sessionID")).isEqualTo(ov.token);

    assertThat(ov.delete("/rest/login-sessions").code()).isEqualTo(204);
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(401);
    assertThat(ov.put("/rest/login-sessions", null).code()).isEqualTo(401);
  }

  @Test
  void idleTimeoutIsReadWithSessionIdHeaderAnd404WhenSessionIsDead() {
    TestClient ov = start(OneViewSimulator.builder().sessionIdleTimeout(Duration.ofMinutes(30))).login();
    String token = ov.token;
    ov.token = null;

    TestClient.Resp alive = ov.get("/rest/sessions/idle-timeout", "Session-ID", token);
    assertThat(alive.code()).isEqualTo(200);
    assertThat(alive.map()).containsEntry("idleTimeout", 1_800_000.0);

    clock.advance(Duration.ofMinutes(31));
    assertThat(ov.get("/rest/sessions/idle-timeout", "Session-ID", token).code()).isEqualTo(404);
  }

  @Test
  void sessionsExpireAfterIdleTimeButUseKeepsThemAlive() {
    TestClient ov = start(OneViewSimulator.builder().sessionIdleTimeout(Duration.ofMinutes(10))).login();

    clock.advance(Duration.ofMinutes(9));
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(9));
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(11));
    TestClient.Resp expired = ov.get("/rest/server-hardware");
    assertThat(expired.code()).isEqualTo(401);
    assertThat(expired.string("errorCode")).isEqualTo("AUTHORIZATION");
  }

  @Test
  void perClientSessionCapRefusesFurtherLogins() {
    TestClient ov = start(OneViewSimulator.builder().sessionLimitPerClient(3));
    for (int i = 0; i < 3; i++) {
      ov.login();
    }

    TestClient.Resp r = ov.post("/rest/login-sessions",
        Map.of("userName", sim.username(), "password", sim.password()));

    assertThat(r.code()).isEqualTo(403);
    assertThat(r.string("errorCode")).isEqualTo("AUTHN_SESSION_CLIENT_LIMIT_CROSSED");
    assertThat(r.object("data")).containsEntry("clientip", "127.0.0.1");
    ov.delete("/rest/login-sessions");
    assertThat(ov.login().token).isNotNull();
  }

  @Test
  void invalidatingSessionsForcesReLogin() {
    TestClient ov = start(OneViewSimulator.builder()).login();

    sim.faults().invalidateSessions();

    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(401);
    assertThat(ov.login().get("/rest/server-hardware").code()).isEqualTo(200);
  }

  @Test
  void unknownLoginDomainIsRefused() {
    TestClient ov = start(OneViewSimulator.builder());

    TestClient.Resp r = ov.post("/rest/login-sessions", Map.of("userName", sim.username(),
        "password", sim.password(), "authLoginDomain", "corp.example.com"));

    assertThat(r.code()).isEqualTo(401);
    assertThat(r.string("errorCode")).isEqualTo("AUTHN_AUTH_FAIL_LOGINDOMAINNOTFOUND");
  }
}
