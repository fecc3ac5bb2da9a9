package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest extends SimulatorFixture {
  private void start(long seed) {
    start(OneViewSimulator.builder().servers(8).seed(seed));
  }

  /** Latency is real time: the appliance's own times then tell when it did its work. */
  private void startOnTheSystemClock() {
    sim = OneViewSimulator.builder().servers(8).clock(Clock.systemUTC()).build().start();
    ov = new TestClient(sim).login();
  }

  @Test
  void nextRequestsFailWithGivenStatusAndOneViewErrorBody() {
    start(1);
    sim.faults().failNextRequests(2, 503);

    TestClient.Resp first = ov.get("/rest/server-hardware");
    TestClient.Resp second = ov.get("/rest/server-hardware");
    TestClient.Resp third = ov.get("/rest/server-hardware");

    assertThat(first.code()).isEqualTo(503);
    assertThat(first.map()).containsKeys("errorCode", "message", "details", "recommendedActions",
        "nestedErrors", "errorSource", "data");
    assertThat(second.code()).isEqualTo(503);
    assertThat(third.code()).isEqualTo(200);
  }

  @Test
  void errorShareIsDeterministicForASeed() {
    List<Integer> run1 = statuses(7, 0.5);
    List<Integer> run2 = statuses(7, 0.5);

    assertThat(run1).isEqualTo(run2).contains(500).contains(200);
  }

  private List<Integer> statuses(long seed, double share) {
    start(seed);
    sim.faults().errorShare(500, share);
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      codes.add(ov.get("/rest/version").code());
    }
    sim.close();
    return codes;
  }

  @Test
  void droppedConnectionGivesClientAnIoErrorAndIsRecorded() {
    start(1);
    sim.faults().dropNextConnections(1);

    assertThatThrownBy(() -> ov.get("/rest/server-hardware")).isInstanceOf(UncheckedIOException.class);
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200);
    assertThat(sim.requests().countWithStatus(RecordedRequest.DROPPED)).isEqualTo(1);
  }

  @Test
  void aLostResponseLeavesTheRequestAppliedButTheClientWithoutAnAnswer() {
    start(1);
    sim.faults().loseResponses("POST", "/rest/server-profiles", 1);
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");

    assertThatThrownBy(() -> ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", hw))).isInstanceOf(UncheckedIOException.class);

    assertThat(sim.serverProfiles()).singleElement()
        .satisfies(p -> assertThat(p.name()).isEqualTo("web-1"));
    assertThat(sim.requests().countWithStatus(RecordedRequest.DROPPED)).isEqualTo(1);
    // Only matching requests lose their answer, and only as many as asked.
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200);
    // Bay 2 (index 1) is powered on in the standard inventory; bay 3 is off, so it can take a profile.
    String hw2 = (String) ov.hardware("Encl1, bay 3").get("uri");
    assertThat(ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-2", hw2))
        .code()).isEqualTo(202);
  }

  @Test
  void applianceDownDropsEveryConnectionUntilBackUp() {
    start(1);
    sim.faults().applianceDown(true);
    assertThatThrownBy(() -> ov.get("/rest/version")).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> ov.get("/rest/version")).isInstanceOf(UncheckedIOException.class);

    sim.faults().applianceDown(false);
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200);
  }

  @Test
  void fixedLatencyDelaysResponses() {
    start(1);
    sim.faults().latency(Duration.ofMillis(300));

    long t0 = System.nanoTime();
    ov.get("/rest/version");
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
  }

  @Test
  void aReadIsWorkedOutAsItArrivesAndAnsweredOnceItsLatencyHasPassed() {
    startOnTheSystemClock();
    sim.faults().latency(Duration.ofSeconds(1));

    long t0 = System.nanoTime();
    TestClient.Resp page = ov.get("/rest/server-hardware");
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

    Instant arrived = sim.requests().last().time();
    Instant workedOut = Instant.parse(page.string("created")); // a listing's time, as the appliance writes it
    assertThat(elapsedMs).isGreaterThanOrEqualTo(1000);
    assertThat(workedOut).isBefore(arrived.plusMillis(500));
  }

  @Test
  void aChangeTakesEffectOnceItsLatencyHasPassed() {
    startOnTheSystemClock();
    String server = (String) ov.get("/rest/server-hardware?count=1").members().get(0).get("uri");
    sim.faults().latency(Duration.ofSeconds(1));

    TestClient.Resp changed = ov.patch(server,
        List.of(Map.of("op", "replace", "path", "/maintenanceMode", "value", true)), "application/json");

    Instant arrived = sim.requests().last().time();
    assertThat(changed.code()).isEqualTo(200);
    // The appliance writes times to the millisecond, and its wall clock is not the timer's: not
    // to the millisecond, but long after the change arrived.
    assertThat(Instant.parse(changed.string("modified"))).isAfter(arrived.plusMillis(900));
  }

  @Test
  void sessionsAreInvalidatedEveryNRequests() {
    start(1);
    sim.faults().invalidateSessionsEvery(3);  // the login was request 1

    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200); // 2
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(401); // 3: restart first
    ov.login();                                                        // 4
    assertThat(ov.get("/rest/server-hardware").code()).isEqualTo(200); // 5
  }

  @Test
  void nextCreateTaskFailsWithGivenErrorCodeAndLeavesHardwareFree() {
    start(1);
    sim.faults().failNextTask(TaskKind.PROFILE_CREATE, "MacTypeDiffGlobalMacType");
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");

    TestClient.Resp failed = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1", hw));
    TestClient.Resp task = ov.task(failed.location());

    assertThat(task.string("taskState")).isEqualTo("Error");
    assertThat(task.string("taskStatus")).isEqualTo("Unable to create server profile: web-1");
    assertThat((List<?>) task.map().get("taskErrors")).singleElement()
        .satisfies(e -> assertThat(((Map<?, ?>) e).get("errorCode")).isEqualTo("MacTypeDiffGlobalMacType"));
    assertThat(sim.serverProfiles()).isEmpty();
    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().state()).isEqualTo("NoProfileApplied");

    TestClient.Resp retry = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1", hw));
    assertThat(ov.task(retry.location()).string("taskState")).isEqualTo("Completed");
  }

  @Test
  void aShareOfTasksFails() {
    start(1);
    sim.faults().failTasks(TaskKind.POWER, 1.0, "PowerControlFailed");
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");

    TestClient.Resp first = ov.put(hw + "/powerState", Map.of("powerState", "On"));
    TestClient.Resp second = ov.put(hw + "/powerState", Map.of("powerState", "On"));

    assertThat(ov.task(first.location()).string("taskState")).isEqualTo("Error");
    assertThat(ov.task(second.location()).string("taskState")).isEqualTo("Error");
    sim.faults().failTasks(TaskKind.POWER, 0.0, "PowerControlFailed");
    assertThat(ov.task(ov.put(hw + "/powerState", Map.of("powerState", "On")).location())
        .string("taskState")).isEqualTo("Completed");
  }

  @Test
  void failedPowerTaskRestoresPowerState() {
    start(1);
    sim.faults().failNextTask(TaskKind.POWER, "PowerControlFailed");
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");

    TestClient.Resp r = ov.put(hw + "/powerState", Map.of("powerState", "On"));

    assertThat(ov.task(r.location()).string("taskState")).isEqualTo("Error");
    assertThat(ov.get(hw).string("powerState")).isEqualTo("Off");
  }

  @Test
  void anotherUserCanTakeAFreeServerNow() {
    start(1);

    String profileUri = sim.faults().assignForeignProfile();

    ServerHardwareView taken = sim.serverHardware().get(0);
    assertThat(taken.serverProfileUri()).isEqualTo(profileUri);
    assertThat(taken.state()).isEqualTo("ProfileApplied");
    assertThat(ov.get(profileUri).string("state")).isEqualTo("Normal");
    assertThat(ov.get("/rest/server-hardware?filter=serverProfileUri=null").map())
        .containsEntry("total", 7.0);
  }

  @Test
  void anotherUserWinsTheRaceForTheServerOfTheNextCreate() {
    start(1);
    sim.faults().assignForeignProfileBeforeNextCreate();
    String hw = (String) ov.hardware("Encl1, bay 3").get("uri");

    TestClient.Resp r = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1", hw));
    TestClient.Resp task = ov.task(r.location());

    assertThat(task.string("taskState")).isEqualTo("Error");
    assertThat(task.text()).contains("ProfileAlreadyExistsInServer");
    assertThat(sim.serverHardware("Encl1, bay 3").orElseThrow().serverProfileUri()).isNotNull();
  }

  @Test
  void anotherUserActsAtAChosenMomentOrAfterNRequests() {
    start(1);
    String bay3 = (String) ov.hardware("Encl1, bay 3").get("uri");
    String bay4 = (String) ov.hardware("Encl1, bay 4").get("uri");
    sim.faults().assignForeignProfileAt(clock.instant().plusSeconds(60), bay3);
    sim.faults().assignForeignProfileAfterRequests(2, bay4);

    ov.get("/rest/version");
    assertThat(sim.serverHardware("Encl1, bay 4").orElseThrow().serverProfileUri()).isNull();
    ov.get("/rest/version");
    assertThat(sim.serverHardware("Encl1, bay 4").orElseThrow().serverProfileUri()).isNotNull();
    assertThat(sim.serverHardware("Encl1, bay 3").orElseThrow().serverProfileUri()).isNull();

    clock.advance(Duration.ofSeconds(60));
    ov.get("/rest/version");
    assertThat(sim.serverHardware("Encl1, bay 3").orElseThrow().serverProfileUri()).isNotNull();
  }

  @Test
  void requestLogCountsCallsByMethodAndPath() {
    start(1);
    ov.get("/rest/server-hardware?filter=" + TestClient.enc("name='Encl1, bay 1'"));
    ov.get("/rest/server-hardware");
    ov.get("/rest/nothing-here");

    assertThat(sim.requests().count("POST", "/rest/login-sessions")).isEqualTo(1);
    assertThat(sim.requests().count("GET", "/rest/server-hardware")).isEqualTo(2);
    assertThat(sim.requests().countWithStatus(404)).isEqualTo(1);
    RecordedRequest first = sim.requests().matching("GET", "/rest/server-hardware").get(0);
    assertThat(first.query()).startsWith("filter=");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.time()).isEqualTo(clock.instant());
    assertThat(sim.requests().last().path()).isEqualTo("/rest/nothing-here");
  }

  @Test
  void resetRestoresSeededStateAndClearsFaultsAndLog() {
    start(1);
    sim.faults().assignForeignProfile();
    sim.faults().failNextRequests(5, 500);

    sim.reset();

    assertThat(sim.serverProfiles()).isEmpty();
    assertThat(sim.requests().size()).isZero();
    assertThat(ov.login().get("/rest/server-hardware").code()).isEqualTo(200);
  }
}
