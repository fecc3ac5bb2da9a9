package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PowerTest extends SimulatorFixture {
  private String bay1;

  @BeforeEach
  void startFourServers() {
    start(OneViewSimulator.builder().servers(4).taskDuration(TaskKind.POWER, Duration.ofSeconds(20)));
    bay1 = (String) ov.hardware("Encl1, bay 1").get("uri");
  }

  @Test
  void powerOnIsATaskThatMovesThroughPoweringOn() {
    TestClient.Resp r = ov.put(bay1 + "/powerState", Map.of("powerState", "On", "powerControl", "MomentaryPress"));

    assertThat(r.code()).isEqualTo(202);
    assertThat(r.string("name")).isEqualTo("Power on");
    assertThat(r.object("associatedResource")).containsEntry("resourceUri", bay1)
        .containsEntry("resourceCategory", "server-hardware");
    assertThat(ov.get(bay1).string("powerState")).isEqualTo("PoweringOn");

    clock.advance(Duration.ofSeconds(20));
    assertThat(ov.task(r.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get(bay1).string("powerState")).isEqualTo("On");
  }

  @Test
  void aTaskEndsAtItsDueTimeByItsTimestampsThoughItIsReadLaterAndSaysHowLongItExpectsToTake() {
    TestClient.Resp r = ov.put(bay1 + "/powerState", Map.of("powerState", "On", "powerControl", "MomentaryPress"));
    assertThat(((Number) r.map().get("expectedDuration")).longValue()).isEqualTo(20);
    Instant created = Instant.parse(r.string("created"));

    clock.advance(Duration.ofMinutes(3)); // nobody asks until long after it ended
    TestClient.Resp done = ov.task(r.location());

    assertThat(done.string("taskState")).isEqualTo("Completed");
    assertThat(Instant.parse(done.string("modified"))).isEqualTo(created.plusSeconds(20));
  }

  @Test
  void aHeldTaskEndsWhenItsHoldIsReleased() {
    sim.holdTasks(TaskKind.POWER);
    TestClient.Resp r = ov.put(bay1 + "/powerState", Map.of("powerState", "On", "powerControl", "MomentaryPress"));
    Instant created = Instant.parse(r.string("created"));
    clock.advance(Duration.ofMinutes(1));
    sim.releaseTasks();
    clock.advance(Duration.ofMinutes(1));

    assertThat(Instant.parse(ov.task(r.location()).string("modified"))).isEqualTo(created.plusSeconds(60));
  }

  @Test
  void pressAndHoldPowersOff() {
    String on = (String) ov.hardware("Encl1, bay 2").get("uri");
    TestClient.Resp r = ov.put(on + "/powerState", Map.of("powerState", "Off", "powerControl", "PressAndHold"));
    assertThat(ov.get(on).string("powerState")).isEqualTo("PoweringOff");

    clock.advance(Duration.ofSeconds(20));
    ov.task(r.location());
    assertThat(sim.serverHardware("Encl1, bay 2").orElseThrow().powerState()).isEqualTo("Off");
  }

  @Test
  void resetOfARunningServerPassesThroughResetting() {
    String on = (String) ov.hardware("Encl1, bay 2").get("uri");
    TestClient.Resp r = ov.put(on + "/powerState", Map.of("powerState", "On", "powerControl", "ColdBoot"));

    assertThat(r.string("name")).isEqualTo("Reset");
    assertThat(ov.get(on).string("powerState")).isEqualTo("Resetting");
  }

  @Test
  void powerIsLockedWhileAProfileIsBeingApplied() {
    sim.holdTasks(TaskKind.PROFILE_CREATE);
    ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1", bay1));
    assertThat(ov.get(bay1).map()).containsEntry("powerLock", true);

    TestClient.Resp r = ov.put(bay1 + "/powerState", Map.of("powerState", "On", "powerControl", "MomentaryPress"));

    assertThat(r.code()).isEqualTo(409);
    assertThat(r.string("errorCode")).isEqualTo("POWER_LOCKED");
    sim.releaseTasks();
    assertThat(ov.get(bay1).map()).containsEntry("powerLock", false).containsEntry("state", "ProfileApplied");
  }

  @Test
  void invalidPowerRequestIs400() {
    assertThat(ov.put(bay1 + "/powerState", Map.of("powerState", "Sideways")).code()).isEqualTo(400);
    assertThat(ov.put(bay1 + "/powerState", Map.of("powerState", "On", "powerControl", "Kick")).code())
        .isEqualTo(400);
    assertThat(ov.put(bay1 + "/powerState", "{not json").code()).isEqualTo(400);
  }

  @Test
  void maintenanceModeIsPatchable() {
    TestClient.Resp r = ov.send("PATCH", bay1,
        java.util.List.of(Map.of("op", "replace", "path", "/maintenanceMode", "value", true)));

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.map()).containsEntry("maintenanceMode", true);
    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().maintenanceMode()).isTrue();
  }
}
