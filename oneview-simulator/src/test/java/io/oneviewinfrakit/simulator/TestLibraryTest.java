package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulator as a test library: recorded requests, the request queue, route counts, expectations. */
class TestLibraryTest extends SimulatorFixture {

  @Test
  void recordedRequestsCarryHeadersAndBodyWithSecretsRedacted() throws Exception {
    start();
    RecordedRequest login = sim.requests().takeRequest(Duration.ofSeconds(5));

    assertThat(login.method()).isEqualTo("POST");
    assertThat(login.path()).isEqualTo("/rest/login-sessions");
    assertThat(login.body()).contains("\"userName\":\"" + sim.username() + "\"")
        .contains("\"password\":\"" + RecordedRequest.REDACTED + "\"")
        .doesNotContain(sim.password());

    ov.put("/rest/server-profiles/none", Map.of("name", "x"), "If-Match", "*",
        "Authorization", "Bearer secret-token");
    RecordedRequest put = sim.requests().takeRequest(Duration.ofSeconds(5));

    assertThat(put.header("AUTH")).isEqualTo(RecordedRequest.REDACTED);
    assertThat(put.header("authorization")).isEqualTo(RecordedRequest.REDACTED);
    assertThat(put.header("If-Match")).isEqualTo("*");
    assertThat(put.body()).isEqualTo("{\"name\":\"x\"}");
    assertThat(put.status()).isEqualTo(404);
    assertThat(sim.requests().all().toString()).doesNotContain(sim.password()).doesNotContain("secret-token");
  }

  @Test
  void takeRequestHandsEachRequestOutOnceAndWaitsForTheNext() throws Exception {
    start();
    assertThat(sim.requests().takeRequest().path()).isEqualTo("/rest/login-sessions");
    assertThat(sim.requests().takeRequest(Duration.ofMillis(1))).isNull();

    CompletableFuture<RecordedRequest> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return sim.requests().takeRequest();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    ov.get("/rest/version?x=1");

    RecordedRequest taken = waiting.get(10, TimeUnit.SECONDS);
    assertThat(taken.pathAndQuery()).isEqualTo("/rest/version?x=1");
    // The log keeps what the queue handed out.
    assertThat(sim.requests().size()).isEqualTo(2);
  }

  @Test
  void countsByRoutePattern() {
    start();
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");
    ov.get(hw);
    ov.get("/rest/server-hardware/unknown");
    ov.get("/rest/server-hardware/unknown/environmentalConfiguration");

    assertThat(sim.requests().count("GET", "/rest/server-hardware/*")).isEqualTo(2);
    assertThat(sim.requests().count("get", "/rest/server-hardware/**")).isEqualTo(4); // hardware() lists
    assertThat(sim.requests().count("GET", "/rest/server-hardware/*/environmentalConfiguration")).isEqualTo(1);
    assertThat(sim.requests().count("*", "/rest/login-sessions")).isEqualTo(1);
    assertThat(sim.requests().count("GET", "/rest/server-hardware")).isEqualTo(1); // exact, as before
  }

  @Test
  void anExpectationAnswersTheNextMatchingRequestsThenTheApplianceAgain() {
    start();
    sim.expect("GET", "/rest/server-hardware/*").times(2).header("Retry-After", "7")
        .andReturnError(503, "SERVICE_UNAVAILABLE", "busy");
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");

    TestClient.Resp first = ov.get(hw);
    TestClient.Resp second = ov.get(hw + "?x");
    TestClient.Resp third = ov.get(hw);

    assertThat(first.code()).isEqualTo(503);
    assertThat(first.string("errorCode")).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(second.code()).isEqualTo(503);
    assertThat(third.code()).isEqualTo(200);
    assertThat(third.string("uri")).isEqualTo(hw);
    // The listing did not match the pattern and was served by the appliance.
    assertThat(sim.requests().count("GET", "/rest/server-hardware")).isEqualTo(1);
    assertThat(sim.requests().countWithStatus(503)).isEqualTo(2);
  }

  @Test
  void anExpectedAnswerChangesNoState() {
    start();
    sim.expect("POST", "/rest/server-profiles").andReturn(202, null);
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");

    TestClient.Resp scripted = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", hw));

    assertThat(scripted.code()).isEqualTo(202);
    assertThat(scripted.location()).isNull();
    assertThat(sim.serverProfiles()).isEmpty();
    assertThat(ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1", hw))
        .location()).startsWith("/rest/tasks/");
  }

  @Test
  void anExpectationsDelayComesOnTopOfTheLatency() {
    start();
    sim.faults().latency(Duration.ofMillis(300));
    sim.expect("GET", "/rest/version").delay(Duration.ofMillis(300)).andReturn(200, "\"late\"");

    long before = System.nanoTime();
    TestClient.Resp r = ov.get("/rest/version");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

    assertThat(r.text()).isEqualTo("\"late\"");
    assertThat(elapsedMs).isGreaterThanOrEqualTo(600);
  }

  @Test
  void anExpectationWaitsItsDelayAndSendsItsHeadersAndBody() {
    start();
    sim.expect("GET", "/rest/version").delay(Duration.ofMillis(300))
        .header("Content-Type", "text/plain").andReturn(200, "\"hello\"");

    long before = System.nanoTime();
    TestClient.Resp r = ov.get("/rest/version");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

    assertThat(r.text()).isEqualTo("\"hello\"");
    assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
    assertThat(ov.get("/rest/version").map()).containsKey("currentVersion");
  }

  @Test
  void faultsComeFirstAndUseUpNoExpectation() {
    start();
    sim.expect("GET", "/rest/version").andReturn(418);
    sim.faults().failNextRequests(1, 503);

    assertThat(ov.get("/rest/version").code()).isEqualTo(503);
    assertThat(ov.get("/rest/version").code()).isEqualTo(418);
    assertThat(ov.get("/rest/version").code()).isEqualTo(200);
  }

  @Test
  void alwaysAnswersUntilReset() {
    start();
    sim.expect("GET", "/rest/version").always().andReturn(500);
    for (int i = 0; i < 3; i++) {
      assertThat(ov.get("/rest/version").code()).isEqualTo(500);
    }

    sim.reset();

    assertThat(ov.get("/rest/version").code()).isEqualTo(200);
  }

  @Test
  void expectationsRejectNonsense() {
    start();
    assertThatThrownBy(() -> sim.expect("GET", "rest/version")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.expect("GET", "/rest/version").times(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.expect("GET", "/rest/version").andReturn(42))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
