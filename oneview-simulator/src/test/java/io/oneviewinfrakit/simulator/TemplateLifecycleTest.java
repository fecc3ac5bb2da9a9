package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TemplateLifecycleTest extends SimulatorFixture {
  @BeforeEach
  void startEightServers() {
    start();
  }

  private Map<String, Object> body(String name) {
    Map<String, Object> seeded = ov.template("Rack-DL360-Template");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "ServerProfileTemplateV8");
    body.put("name", name);
    body.put("serverHardwareTypeUri", seeded.get("serverHardwareTypeUri"));
    body.put("enclosureGroupUri", null);
    body.put("bootMode", Map.of("manageMode", true, "mode", "UEFI", "pxeBootPolicy", "Auto"));
    return body;
  }

  private String completed(TestClient.Resp accepted) {
    assertThat(accepted.code()).isEqualTo(202);
    TestClient.Resp task = ov.task(accepted.location());
    assertThat(task.string("taskState")).isEqualTo("Completed");
    return (String) task.object("associatedResource").get("resourceUri");
  }

  @Test
  void createIsATaskAfterWhichTheTemplateIsListed() {
    sim.taskDuration(TaskKind.TEMPLATE, Duration.ofSeconds(5));
    TestClient.Resp created = ov.post("/rest/server-profile-templates", body("Web"));

    assertThat(created.code()).isEqualTo(202);
    assertThat(created.string("name")).isEqualTo("Create");
    assertThat(ov.get("/rest/server-profile-templates?filter=" + TestClient.enc("name='Web'")).members()).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    String uri = completed(created);
    TestClient.Resp template = ov.get(uri);
    assertThat(template.map()).containsEntry("name", "Web").containsEntry("type", "ServerProfileTemplateV8")
        .containsEntry("category", "server-profile-templates").containsKeys("eTag", "created", "scopesUri");
    assertThat(ov.get(uri + "/new-profile").map()).containsEntry("serverProfileTemplateUri", uri);
  }

  @Test
  void createChecksTypeNameAndReferences() {
    Map<String, Object> bogus = body("a");
    bogus.put("type", "Bogus");
    Map<String, Object> noType = body("b");
    noType.put("serverHardwareTypeUri", "/rest/server-hardware-types/nope");

    TestClient.Resp badType = ov.post("/rest/server-profile-templates", bogus);
    TestClient.Resp badSht = ov.post("/rest/server-profile-templates", noType);
    TestClient.Resp duplicate = ov.post("/rest/server-profile-templates", body("Rack-DL360-Template"));

    assertThat(badType.code()).isEqualTo(400);
    assertThat(badType.string("errorCode")).isEqualTo("INVALID_JSON_TYPE");
    assertThat(badSht.code()).isEqualTo(400);
    assertThat(badSht.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(duplicate.code()).isEqualTo(409);
  }

  @Test
  void updateNeedsTheCurrentETagAndMakesProfilesNonCompliant() {
    Map<String, Object> profile = ov.createProfile("Rack-DL360-Template", "p1", "DL360-1");
    assertThat(profile.get("templateCompliance")).isEqualTo("Compliant");
    Map<String, Object> template = ov.template("Rack-DL360-Template");
    String uri = (String) template.get("uri");
    Map<String, Object> changed = new LinkedHashMap<>(template);
    changed.put("bootMode", Map.of("manageMode", true, "mode", "BIOS", "pxeBootPolicy", "Auto"));
    changed.put("eTag", "stale");

    assertThat(ov.put(uri, changed).code()).isEqualTo(412);
    changed.remove("eTag");
    completed(ov.put(uri, changed, "If-Match", (String) template.get("eTag")));

    assertThat(ov.get(uri).map().get("bootMode")).isEqualTo(Map.of("manageMode", true, "mode", "BIOS", "pxeBootPolicy", "Auto"));
    assertThat(ov.get((String) profile.get("uri")).string("templateCompliance")).isEqualTo("NonCompliant");
  }

  @Test
  void deleteIsRefusedWhileAProfileUsesTheTemplate() {
    ov.createProfile("Rack-DL360-Template", "p1", "DL360-1");
    String used = (String) ov.template("Rack-DL360-Template").get("uri");
    String unused = completed(ov.post("/rest/server-profile-templates", body("Spare")));

    TestClient.Resp refused = ov.delete(used);
    completed(ov.delete(unused));

    assertThat(refused.code()).isEqualTo(409);
    assertThat(refused.string("errorCode")).isEqualTo("RESOURCE_IN_USE");
    assertThat(ov.get(unused).code()).isEqualTo(404);
    assertThat(ov.get("/rest/server-profile-templates").members()).extracting(t -> t.get("name"))
        .isEqualTo(List.of("Docker-Gen8-Template", "Rack-DL360-Template"));
  }
}
