package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileDeleteByFilterTest extends SimulatorFixture {
  @BeforeEach
  void startEightServers() {
    start();
  }

  @Test
  void deletesEveryMatchingProfileInOneTaskAndFreesTheirHardware() {
    ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    ov.createProfile("Docker-Gen8-Template", "web-2", "Encl1, bay 3");
    ov.createProfile("Docker-Gen8-Template", "db-1", "Encl1, bay 4");

    TestClient.Resp deleted = ov.delete("/rest/server-profiles?filter=" + TestClient.enc("name matches 'web-%'"));

    assertThat(deleted.code()).isEqualTo(202);
    assertThat(ov.task(deleted.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get("/rest/server-profiles").members()).extracting(p -> p.get("name")).containsExactly("db-1");
    assertThat(ov.hardware("Encl1, bay 1")).containsEntry("serverProfileUri", null)
        .containsEntry("state", "NoProfileApplied");
  }

  @Test
  void aMatchOnPoweredOnHardwareRefusesTheWholeDelete() {
    ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    ov.createProfile("Docker-Gen8-Template", "web-2", "Encl1, bay 3");
    sim.powerState((String) ov.hardware("Encl1, bay 3").get("uri"), "On");

    TestClient.Resp refused = ov.delete("/rest/server-profiles?filter=" + TestClient.enc("name matches 'web-%'"));

    assertThat(refused.code()).isEqualTo(409);
    assertThat(refused.string("errorCode")).isEqualTo("SERVER_HARDWARE_POWERED_ON");
    assertThat(ov.get("/rest/server-profiles").members()).hasSize(2);
  }
}
