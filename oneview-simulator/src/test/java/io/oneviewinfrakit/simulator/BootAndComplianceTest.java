package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootAndComplianceTest extends SimulatorFixture {
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final List<Map<String, Object>> UPDATE_FROM_TEMPLATE =
      List.of(Map.of("op", "replace", "path", "/templateCompliance", "value", "Compliant"));
  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> doc, String name) {
    return (Map<String, Object>) doc.get(name);
  }

  private Map<String, Object> newBladeProfile(String name) {
    return ov.newProfile("Docker-Gen8-Template", name, (String) ov.hardware("Encl1, bay 1").get("uri"));
  }

  @Test
  void profileFromTemplateCarriesItsBootSettingsAndFirmwareAndIsCompliant() {
    start();
    Map<String, Object> template = ov.template("Docker-Gen8-Template");

    Map<String, Object> profile = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");

    assertThat(section(template, "bootMode")).containsEntry("manageMode", true).containsEntry("mode", "UEFI")
        .containsEntry("pxeBootPolicy", "Auto");
    assertThat(section(profile, "bootMode")).isEqualTo(section(template, "bootMode"));
    assertThat(section(profile, "boot")).isEqualTo(Map.of("manageBoot", true, "order", List.of("HardDisk", "PXE")));
    assertThat(section(profile, "firmware")).isEqualTo(section(template, "firmware"));
    assertThat(profile.get("templateCompliance")).isEqualTo("Compliant");
  }

  @Test
  void invalidBootModeOrderAndPolicyAreRefused() {
    start();
    Map<String, Object> badMode = newBladeProfile("a");
    section(badMode, "bootMode").put("mode", "Legacy");
    Map<String, Object> badPolicy = newBladeProfile("b");
    section(badPolicy, "bootMode").put("pxeBootPolicy", "IPv5");
    Map<String, Object> badOrder = newBladeProfile("c");
    section(badOrder, "boot").put("order", List.of("PXE", "Network"));
    Map<String, Object> duplicate = newBladeProfile("d");
    section(duplicate, "boot").put("order", List.of("PXE", "PXE"));

    assertThat(ov.post("/rest/server-profiles", badMode).string("errorCode")).isEqualTo("INVALID_BOOT_MODE");
    assertThat(ov.post("/rest/server-profiles", badPolicy).string("errorCode")).isEqualTo("INVALID_PXE_BOOT_POLICY");
    assertThat(ov.post("/rest/server-profiles", badOrder).string("errorCode")).isEqualTo("INVALID_BOOT_ORDER");
    TestClient.Resp r = ov.post("/rest/server-profiles", duplicate);
    assertThat(r.code()).isEqualTo(400);
    assertThat(r.string("errorCode")).isEqualTo("INVALID_BOOT_ORDER");
  }

  @Test
  void validBootChangesAreAcceptedAndMakeTheProfileNonCompliant() {
    start();
    Map<String, Object> profile = newBladeProfile("web-1");
    section(profile, "bootMode").put("mode", "BIOS");
    section(profile, "bootMode").put("pxeBootPolicy", null);
    section(profile, "boot").put("order", List.of("PXE", "HardDisk", "CD"));

    TestClient.Resp created = ov.post("/rest/server-profiles", profile);
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");
    Map<String, Object> stored = ov.get(uri).map();

    assertThat(section(stored, "bootMode")).containsEntry("mode", "BIOS");
    assertThat(section(stored, "boot").get("order")).isEqualTo(List.of("PXE", "HardDisk", "CD"));
    assertThat(stored.get("templateCompliance")).isEqualTo("NonCompliant");
  }

  @Test
  void bootSettingsAreRefusedWhenTheTemplateDoesNotManageThem() {
    Map<String, Object> inventory = Json.parseObject(Inventory.standard(8).toJson());
    for (Object o : Json.list(inventory.get("serverProfileTemplates"))) {
      Map<String, Object> t = Json.map(o);
      if ("Rack-DL360-Template".equals(t.get("name"))) {
        t.put("boot", Json.obj("manageBoot", false, "order", new ArrayList<>()));
        t.put("bootMode", Json.obj("manageMode", false, "mode", null, "pxeBootPolicy", null));
      }
    }
    start(OneViewSimulator.builder().inventory(Inventory.fromJson(Json.write(inventory))));
    String rack = (String) ov.hardware("DL360-1").get("uri");
    Map<String, Object> order = ov.newProfile("Rack-DL360-Template", "r-1", rack);
    order.put("boot", Map.of("manageBoot", true, "order", List.of("PXE")));
    Map<String, Object> mode = ov.newProfile("Rack-DL360-Template", "r-2", rack);
    mode.put("bootMode", Map.of("manageMode", true, "mode", "UEFI", "pxeBootPolicy", "Auto"));
    Map<String, Object> untouched = ov.newProfile("Rack-DL360-Template", "r-3", rack);

    assertThat(ov.post("/rest/server-profiles", order).string("errorCode")).isEqualTo("BOOT_ORDER_NOT_MANAGED");
    assertThat(ov.post("/rest/server-profiles", mode).string("errorCode")).isEqualTo("BOOT_MODE_NOT_MANAGED");
    assertThat(ov.post("/rest/server-profiles", untouched).code()).isEqualTo(202);
  }

  @Test
  void unknownFirmwareBaselineIsRefused() {
    start();
    Map<String, Object> profile = newBladeProfile("web-1");
    section(profile, "firmware").put("firmwareBaselineUri", "/rest/firmware-drivers/nope");

    TestClient.Resp r = ov.post("/rest/server-profiles", profile);

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
  }

  @Test
  void patchUpdateFromTemplateReappliesTheTemplateAsATask() {
    start(OneViewSimulator.builder().servers(8).taskDuration(TaskKind.PROFILE_UPDATE, Duration.ofMinutes(2)));
    Map<String, Object> profile = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    String uri = (String) profile.get("uri");
    @SuppressWarnings("unchecked")
    String mac = (String) ((List<Map<String, Object>>) section(profile, "connectionSettings").get("connections"))
        .get(0).get("mac");
    section(profile, "boot").put("order", List.of("CD"));
    TestClient.Resp put = ov.put(uri, profile);
    clock.advance(Duration.ofMinutes(2));
    ov.task(put.location());
    assertThat(ov.get(uri).string("templateCompliance")).isEqualTo("NonCompliant");

    TestClient.Resp patch = ov.patch(uri, UPDATE_FROM_TEMPLATE, JSON_PATCH);

    assertThat(patch.code()).isEqualTo(202);
    assertThat(patch.string("name")).isEqualTo("Update");
    assertThat(ov.get(uri).map()).containsEntry("state", "Updating").containsEntry("inProgress", true);
    clock.advance(Duration.ofMinutes(2));
    assertThat(ov.task(patch.location()).string("taskState")).isEqualTo("Completed");
    Map<String, Object> stored = ov.get(uri).map();
    assertThat(stored).containsEntry("templateCompliance", "Compliant").containsEntry("state", "Normal");
    assertThat(section(stored, "boot").get("order")).isEqualTo(List.of("HardDisk", "PXE"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> connections =
        (List<Map<String, Object>>) section(stored, "connectionSettings").get("connections");
    assertThat(connections).singleElement().satisfies(c -> assertThat(c.get("mac")).as("same connection, same MAC")
        .isEqualTo(mac));
  }

  @Test
  void patchNeedsJsonPatchContentTypeAndOnlyUpdateFromTemplate() {
    start();
    String uri = (String) ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1").get("uri");

    TestClient.Resp plainJson = ov.patch(uri, UPDATE_FROM_TEMPLATE, "application/json");
    TestClient.Resp otherOp = ov.patch(uri,
        List.of(Map.of("op", "replace", "path", "/name", "value", "x")), JSON_PATCH);

    assertThat(plainJson.code()).isEqualTo(415);
    assertThat(plainJson.string("errorCode")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(otherOp.code()).isEqualTo(400);
    assertThat(otherOp.string("errorCode")).isEqualTo("INVALID_PATCH");
  }

  @Test
  void patchOfAProfileWithoutTemplateIsRefused() {
    start();
    Map<String, Object> profile = newBladeProfile("detached");
    profile.put("serverProfileTemplateUri", "");
    TestClient.Resp created = ov.post("/rest/server-profiles", profile);
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");
    assertThat(ov.get(uri).string("templateCompliance")).isEqualTo("Unknown");

    TestClient.Resp r = ov.patch(uri, UPDATE_FROM_TEMPLATE, JSON_PATCH);

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.string("errorCode")).isEqualTo("PROFILE_NOT_FROM_TEMPLATE");
  }

  @Test
  void failedUpdateFromTemplateRestoresTheProfile() {
    start();
    Map<String, Object> profile = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");
    String uri = (String) profile.get("uri");
    section(profile, "boot").put("order", List.of("USB"));
    ov.task(ov.put(uri, profile).location());
    sim.faults().failNextTask(TaskKind.PROFILE_UPDATE, "ServerProfileUpdateFailed");

    TestClient.Resp patch = ov.patch(uri, UPDATE_FROM_TEMPLATE, JSON_PATCH);

    assertThat(ov.task(patch.location()).string("taskState")).isEqualTo("Error");
    Map<String, Object> stored = ov.get(uri).map();
    assertThat(section(stored, "boot").get("order")).isEqualTo(List.of("USB"));
    assertThat(stored.get("templateCompliance")).isEqualTo("NonCompliant");
  }
}
