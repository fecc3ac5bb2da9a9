package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiVersionTest {
  private static OneViewSimulator sim;

  @BeforeAll
  static void start() {
    sim = OneViewSimulator.builder().servers(4).build().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @ParameterizedTest(name = "API {0}: {1} / {2} / {3}")
  @CsvSource({
      "200, ServerProfileTemplateV1, server-hardware-1, ServerProfileTemplateListV1",
      "300, ServerProfileTemplateV2, server-hardware-3, ServerProfileTemplateListV2",
      "800, ServerProfileTemplateV5, server-hardware-7, ServerProfileTemplateListV5",
      "1800, ServerProfileTemplateV8, server-hardware-10, ServerProfileTemplateListV8",
      "8600, ServerProfileTemplateV8, server-hardware-10, ServerProfileTemplateListV8"})
  void typeStringsFollowTheRequestedVersion(String version, String templateType,
      String hardwareType, String templateListType) {
    TestClient ov = new TestClient(sim).login().version(version);

    TestClient.Resp templates = ov.get("/rest/server-profile-templates");

    assertThat(templates.string("type")).isEqualTo(templateListType);
    assertThat(templates.members().get(0).get("type")).isEqualTo(templateType);
    assertThat(ov.get("/rest/server-hardware").members().get(0).get("type")).isEqualTo(hardwareType);
  }

  @ParameterizedTest(name = "API {0}: {1}")
  @CsvSource({"200, ServerProfileV5", "500, ServerProfileV7", "1000, ServerProfileV10",
      "1200, ServerProfileV11", "1600, ServerProfileV12", "4000, ServerProfileV12"})
  void newProfileTypeFollowsTheOneViewTable(String version, String type) {
    TestClient ov = new TestClient(sim).login().version(version);
    String templateUri = (String) ov.template("Docker-Gen8-Template").get("uri");

    assertThat(ov.get(templateUri + "/new-profile").string("type")).isEqualTo(type);
  }

  @Test
  void missingHeaderMeansOldestSupportedVersion() {
    TestClient ov = new TestClient(sim).login().version(null);

    assertThat(ov.get("/rest/server-hardware").members().get(0))
        .containsEntry("type", "server-hardware-1")
        .containsKey("mpIpAddress")
        .doesNotContainKey("mpHostInfo");
  }

  @Test
  void olderVersionsServeTopLevelConnections() {
    TestClient ov = new TestClient(sim).login();

    assertThat(ov.version("200").template("Docker-Gen8-Template"))
        .containsKey("connections").doesNotContainKey("connectionSettings");
    assertThat(ov.version("300").template("Docker-Gen8-Template"))
        .containsKey("connectionSettings").doesNotContainKey("connections");
  }

  @ParameterizedTest
  @CsvSource({"119", "8601", "9000", "abc", "3"})
  void unsupportedVersionIsRefusedWith412(String version) {
    TestClient ov = new TestClient(sim).login().version(version);

    TestClient.Resp r = ov.get("/rest/server-hardware");

    assertThat(r.code()).isEqualTo(412);
    assertThat(r.string("errorCode")).isEqualTo("UNSUPPORTED_VERSION");
  }

  @ParameterizedTest(name = "API {0}: {1}")
  @CsvSource({"200, TaskResourceV2", "1000, TaskResourceV2", "1200, TaskResourceV3",
      "2000, TaskResourceV3"})
  void taskTypeIsV2ThroughApi1000AndV3From1200(String version, String type) {
    TestClient ov = new TestClient(sim).login().version(version);
    String hw = (String) ov.hardware("Encl1, bay 2").get("uri"); // powered on: a reset is allowed

    TestClient.Resp r = ov.put(hw + "/powerState", java.util.Map.of("powerState", "On",
        "powerControl", "ColdBoot"));

    assertThat(r.string("type")).isEqualTo(type);
    assertThat(ov.task(r.location()).string("type")).isEqualTo(type);
  }

  @Test
  void theReportedMinimumVersion120IsAcceptedWithTheApi200Schema() {
    TestClient ov = new TestClient(sim).login().version("120");

    assertThat(ov.get("/rest/version").map()).containsEntry("minimumVersion", 120.0);
    assertThat(ov.get("/rest/server-hardware").members().get(0))
        .containsEntry("type", "server-hardware-1").containsKey("mpIpAddress");
  }

  @ParameterizedTest(name = "API {0}: type {1} -> {2}")
  @CsvSource({"200, ServerProfileV5, 202", "200, ServerProfileV6, 400", "200, Bogus, 400",
      "200, , 400", "1000, ServerProfileV10, 202", "1000, ServerProfileV9, 400",
      "1200, ServerProfileV11, 202", "1600, , 202", "2600, ServerProfileV12, 202",
      "2600, ServerProfileV9, 400"})
  void profileCreateTypeMustBeTheSchemaOfTheVersion(String version, String type, int status) {
    try (OneViewSimulator own = OneViewSimulator.builder().servers(4).build().start()) {
      TestClient ov = new TestClient(own).login().version(version);
      String hw = (String) ov.hardware("Encl1, bay 1").get("uri");
      java.util.Map<String, Object> profile = ov.newProfile("Docker-Gen8-Template", "web-1", hw);
      profile.put("type", type);

      TestClient.Resp r = ov.post("/rest/server-profiles", profile);

      assertThat(r.code()).as(r.text()).isEqualTo(status);
      if (status == 400) {
        assertThat(r.string("errorCode")).isEqualTo("INVALID_JSON_TYPE");
        assertThat(r.string("message")).isEqualTo("Invalid JSON type.");
        assertThat(r.string("details")).isEqualTo(
            "The \"type\" field content, \"" + type + "\", included in this request is not valid.");
        assertThat(own.serverProfiles()).isEmpty();
      }
    }
  }

  @Test
  void profileUpdateTypeIsCheckedToo() {
    try (OneViewSimulator own = OneViewSimulator.builder().servers(4).build().start()) {
      TestClient ov = new TestClient(own).login().version("800");
      java.util.Map<String, Object> created = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
      assertThat(created.get("type")).isEqualTo("ServerProfileV9");
      created.put("description", "changed");
      created.put("type", "ServerProfileV5");

      TestClient.Resp refused = ov.put((String) created.get("uri"), created);
      created.put("type", "ServerProfileV9");
      TestClient.Resp accepted = ov.put((String) created.get("uri"), created);

      assertThat(refused.code()).isEqualTo(400);
      assertThat(refused.string("errorCode")).isEqualTo("INVALID_JSON_TYPE");
      assertThat(accepted.code()).as(accepted.text()).isEqualTo(202);
    }
  }

  @Test
  void reportedCurrentVersionCanBeLowered() {
    try (OneViewSimulator old = OneViewSimulator.builder().currentApiVersion(1200).build().start()) {
      TestClient ov = new TestClient(old).version("1200").login();

      assertThat(ov.get("/rest/version").map()).containsEntry("currentVersion", 1200.0);
      assertThat(ov.version("1600").get("/rest/server-hardware").code()).isEqualTo(412);
    }
  }
}
