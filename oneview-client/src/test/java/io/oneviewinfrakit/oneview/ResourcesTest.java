package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

final class ResourcesTest extends FakeApplianceFixture {
  private static final String TASK_URI = "/rest/tasks/DCB672A9-BC74-49DB-9D8F-798F3E82EC4C";
  private static final String SHT = "/rest/server-hardware-types/SHT-1";
  private static final String EG = "/rest/enclosure-groups/EG-1";

  private static MockResponse accepted(String location, String body) {
    MockResponse response = new MockResponse().setResponseCode(202).setBody(body);
    if (location != null) response.setHeader("Location", location);
    return response;
  }

  private static String hardware(String id, String group, String profile, String state, Boolean maintenance) {
    return "{\"uri\":\"/rest/server-hardware/" + id + "\",\"name\":\"" + id + "\",\"serverHardwareTypeUri\":\"" + SHT
        + "\",\"serverGroupUri\":" + (group == null ? "null" : "\"" + group + "\"")
        + ",\"serverProfileUri\":" + (profile == null ? "null" : "\"" + profile + "\"")
        + ",\"state\":\"" + state + "\"" + (maintenance == null ? "" : ",\"maintenanceMode\":" + maintenance) + "}";
  }

  @Test
  void serverHardwareIsReadIntoTypedFields() {
    appliance.handler = request -> json(200, fixture("python-oneviewclient/server-hardware.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ServerHardware hw = ov.serverHardware().get("/rest/server-hardware/30303437-3933-4753-4831-31315835524E");
      assertThat(hw.name()).isEqualTo("Encl2, bay 16");
      assertThat(hw.state()).isEqualTo(ServerHardwareState.NO_PROFILE_APPLIED);
      assertThat(hw.powerState()).isEqualTo(PowerState.OFF);
      assertThat(hw.status()).isEqualTo(Status.OK);
      assertThat(hw.memoryMb()).isEqualTo(8192L);
      assertThat(hw.serverProfileUri()).isNull();
      assertThat(hw.maintenanceMode()).isFalse();
      assertThat(hw.isFree()).isTrue();
      assertThat(hw.macs()).isNotEmpty().allMatch(mac -> mac.matches("([0-9A-F]{2}:){5}[0-9A-F]{2}"));
    }
  }

  @Test
  void missingResourceThrowsResourceNotFoundWithOneViewError() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().get("/rest/server-profiles/nope"))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessage("GET /rest/server-profiles/nope failed: HTTP 404: RESOURCE_NOT_FOUND: Resource not found.")
          .satisfies(e -> assertThat(((OneViewException) e).error().errorCode()).isEqualTo("RESOURCE_NOT_FOUND"));
    }
  }

  @Test
  void badUriIsRejectedNamingIt() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().get("server-hardware/1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"server-hardware/1\"");
    }
  }

  @Test
  void compatibleHardwareHasTemplateTypeAndEnclosureGroup() {
    appliance.handler = request -> json(200, "{\"total\":3,\"members\":["
        + hardware("a", EG, null, "NoProfileApplied", false) + ","
        + hardware("b", "/rest/enclosure-groups/other", null, "NoProfileApplied", false) + ","
        + hardware("c", EG, "/rest/server-profiles/p", "ProfileApplied", false) + "]}");
    ServerProfileTemplate template = ServerProfileTemplate.of(Map.of(
        "uri", "/rest/server-profile-templates/t", "serverHardwareTypeUri", SHT, "enclosureGroupUri", EG));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardware().compatibleWith(template)).extracting(ServerHardware::name).containsExactly("a", "c");
      assertThat(ov.serverHardware().freeCompatibleWith(template)).extracting(ServerHardware::name).containsExactly("a");
    }
    assertThat(appliance.resourceRequests.get(0).getRequestUrl().queryParameterValues("filter"))
        .containsExactly("\"serverHardwareTypeUri='" + SHT + "'\"", "\"serverGroupUri='" + EG + "'\"");
  }

  @Test
  void rackTemplateMatchesOnlyHardwareWithoutEnclosureGroup() {
    appliance.handler = request -> json(200, "{\"total\":4,\"members\":["
        + hardware("blade", EG, null, "NoProfileApplied", false) + ","
        + hardware("rack", null, null, "NoProfileApplied", null) + ","
        + hardware("rack-maintenance", null, null, "NoProfileApplied", true) + ","
        + hardware("rack-adding", null, null, "Adding", false) + "]}");
    ServerProfileTemplate rack = ServerProfileTemplate.fromJson(
        "{\"uri\":\"/rest/server-profile-templates/r\",\"serverHardwareTypeUri\":\"" + SHT + "\",\"enclosureGroupUri\":null}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardware().compatibleWith(rack)).extracting(ServerHardware::name)
          .containsExactly("rack", "rack-maintenance", "rack-adding");
      assertThat(ov.serverHardware().freeCompatibleWith(rack)).extracting(ServerHardware::name).containsExactly("rack");
    }
    assertThat(appliance.resourceRequests.get(0).getRequestUrl().queryParameterValues("filter"))
        .containsExactly("\"serverHardwareTypeUri='" + SHT + "'\"");
  }

  @Test
  void powerOffPutsPowerStateAndReturnsTheTask() throws Exception {
    appliance.handler = request -> accepted(TASK_URI, fixture("oneview-golang/task-running.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Task task = ov.serverHardware().powerOff("/rest/server-hardware/1", PowerControl.PRESS_AND_HOLD);
      assertThat(task.uri()).isEqualTo(TASK_URI);
      assertThat(task.state()).isEqualTo(TaskState.RUNNING);
      assertThat(task.percentComplete()).isEqualTo(50);
      ov.serverHardware().powerOn("/rest/server-hardware/1");
      ov.serverHardware().reset("/rest/server-hardware/1");
    }
    RecordedRequest off = appliance.resourceRequests.get(0);
    assertThat(off.getMethod()).isEqualTo("PUT");
    assertThat(off.getPath()).isEqualTo("/rest/server-hardware/1/powerState");
    assertThat(off.getBody().readUtf8()).isEqualTo("{\"powerState\":\"Off\",\"powerControl\":\"PressAndHold\"}");
    assertThat(appliance.resourceRequests.get(1).getBody().readUtf8())
        .isEqualTo("{\"powerState\":\"On\",\"powerControl\":\"MomentaryPress\"}");
    assertThat(appliance.resourceRequests.get(2).getBody().readUtf8())
        .isEqualTo("{\"powerState\":\"On\",\"powerControl\":\"Reset\"}");
  }

  @Test
  void newProfileComesFromTheTemplatesNewProfileEndpoint() {
    String template = fixture("oneview-sdk-java/server-profile-template.json");
    appliance.handler = request -> request.getPath().endsWith("/new-profile")
        ? json(200, "{\"type\":\"ServerProfileV5\",\"name\":null,\"serverHardwareUri\":null,\"enclosureBay\":null,"
            + "\"serverProfileTemplateUri\":\"/rest/server-profile-templates/09305c00-df29-4147-9a2c-bd0827d2726d\"}")
        : json(200, template);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ServerProfileTemplate t = ov.serverProfileTemplates().get("/rest/server-profile-templates/09305c00-df29-4147-9a2c-bd0827d2726d");
      ServerProfile profile = ov.serverProfileTemplates().newProfile(t).withName("web-1");
      assertThat(profile.name()).isEqualTo("web-1");
      assertThat(profile.serverProfileTemplateUri()).isEqualTo(t.uri());
      assertThat(profile.json()).containsEntry("enclosureBay", null);
    }
    assertThat(appliance.resourceRequests.get(1).getPath())
        .isEqualTo("/rest/server-profile-templates/09305c00-df29-4147-9a2c-bd0827d2726d/new-profile");
  }

  @Test
  void createWithRelativeLocationAndEmptyBodyReturnsPendingTask() throws Exception {
    appliance.handler = request -> accepted(TASK_URI, "");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Task task = ov.serverProfiles().create(ServerProfile.fromJson("{\"name\":\"web-1\"}"));
      assertThat(task.uri()).isEqualTo(TASK_URI);
      assertThat(task.state()).isEqualTo(TaskState.UNKNOWN);
    }
    RecordedRequest post = appliance.resourceRequests.get(0);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/rest/server-profiles");
    assertThat(post.getBody().readUtf8()).isEqualTo("{\"name\":\"web-1\"}"); // API 8600: no type added
  }

  @Test
  void createWithAbsoluteLocationUsesItsPath() {
    appliance.handler = request -> accepted("https://oneview.example.com" + TASK_URI, "");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfiles().create(ServerProfile.fromJson("{}")).uri()).isEqualTo(TASK_URI);
    }
  }

  @Test
  void createWithoutLocationFallsBackToTaskBody() {
    appliance.handler = request -> accepted(null, fixture("oneview-golang/task-starting.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Task task = ov.serverProfiles().create(ServerProfile.fromJson("{}"));
      assertThat(task.state()).isEqualTo(TaskState.STARTING);
      assertThat(task.uri()).startsWith("/rest/tasks/");
    }
  }

  @Test
  void createWithNeitherLocationNorTaskFailsClearly() {
    appliance.handler = request -> accepted(null, "");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().create(ServerProfile.fromJson("{}")))
          .isInstanceOf(OneViewException.class)
          .hasMessage("POST /rest/server-profiles answered HTTP 202 without a task (no Location header, no task body)");
    }
  }

  @Test
  void versionedTypeIsSetBeforeApi1600AndLeftAloneAfter() throws Exception {
    appliance.handler = request -> accepted(TASK_URI, "");
    ServerProfile profile = ServerProfile.fromJson("{\"type\":\"ServerProfileV12\",\"name\":\"p\"}");
    try (OneView ov = FakeAppliance.builder(server).apiVersion(1200).build()) {
      ov.serverProfiles().create(profile);
    }
    try (OneView ov = FakeAppliance.builder(server).apiVersion(800).build()) {
      ov.serverProfiles().create(profile.without("type"));
    }
    try (OneView ov = FakeAppliance.builder(server).apiVersion(1600).build()) {
      ov.serverProfiles().create(profile);
    }
    assertThat(appliance.resourceRequests.get(0).getBody().readUtf8()).isEqualTo("{\"type\":\"ServerProfileV11\",\"name\":\"p\"}");
    assertThat(appliance.resourceRequests.get(1).getBody().readUtf8()).isEqualTo("{\"name\":\"p\",\"type\":\"ServerProfileV9\"}");
    assertThat(appliance.resourceRequests.get(2).getBody().readUtf8()).isEqualTo("{\"type\":\"ServerProfileV12\",\"name\":\"p\"}");
  }

  @Test
  void updateSendsEtagAsIfMatch() {
    appliance.handler = request -> accepted(TASK_URI, "");
    ServerProfile profile = ServerProfile.fromJson(fixture("python-oneviewclient/server-profile.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.serverProfiles().update(profile.withDescription("changed"));
    }
    RecordedRequest put = appliance.resourceRequests.get(0);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo(profile.uri());
    assertThat(put.getHeader("If-Match")).isEqualTo(profile.eTag()).isNotBlank();
  }

  @Test
  void staleEtagThrowsStaleETagException() {
    appliance.handler = request -> json(412, "{\"errorCode\":\"ETAG_MISMATCH\",\"message\":\"The resource was modified.\"}");
    ServerProfile profile = ServerProfile.fromJson("{\"uri\":\"/rest/server-profiles/1\",\"eTag\":\"1526058827348/42\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().update(profile))
          .isInstanceOf(StaleETagException.class)
          .hasMessage("PUT /rest/server-profiles/1 failed: HTTP 412: ETAG_MISMATCH: The resource was modified.");
    }
  }

  @Test
  void updateWithoutUriOrEtagIsRejectedBeforeSending() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().update(ServerProfile.fromJson("{\"name\":\"x\"}")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("profile has no uri");
      assertThatThrownBy(() -> ov.serverProfiles().update(ServerProfile.fromJson("{\"uri\":\"/rest/server-profiles/1\"}")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("profile has no eTag");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void deleteSendsForceOnlyWhenAsked() {
    appliance.handler = request -> accepted(TASK_URI, "");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.serverProfiles().delete("/rest/server-profiles/1");
      ov.serverProfiles().delete("/rest/server-profiles/1", true);
      ov.serverProfiles().delete("/rest/server-profiles/1", false);
    }
    assertThat(appliance.resourceRequests).extracting(RecordedRequest::getMethod).containsOnly("DELETE");
    assertThat(appliance.resourceRequests).extracting(RecordedRequest::getPath).containsExactly(
        "/rest/server-profiles/1", "/rest/server-profiles/1?force=true", "/rest/server-profiles/1");
  }
}
