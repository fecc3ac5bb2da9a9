package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirmwareDriversTest extends SimulatorFixture {
  private String spp;

  @BeforeEach
  void startWithTheSeededSpp() {
    start(OneViewSimulator.builder().servers(2));
    spp = (String) ov.get("/rest/firmware-drivers").members().get(0).get("uri");
  }

  private TestClient.Resp task(TestClient.Resp accepted) {
    assertThat(accepted.code()).isEqualTo(202);
    return ov.task(accepted.location());
  }

  private String templateUri(String name) {
    return (String) ov.get("/rest/server-profile-templates?filter=" + TestClient.enc("name='" + name + "'"))
        .members().get(0).get("uri");
  }

  @Test
  void aBaselineATemplateNamesIsNotRemoved() {
    TestClient.Resp refused = ov.delete(spp);

    assertThat(refused.code()).isEqualTo(409);
    assertThat(refused.string("errorCode")).isEqualTo("RESOURCE_IN_USE");
    assertThat(refused.string("message")).contains(Inventory.BLADE_TEMPLATE);
    assertThat(ov.get(spp).code()).isEqualTo(200);
  }

  @Test
  void deleteIsATaskAfterWhichTheBundleIsGone() {
    assertThat(task(ov.delete(templateUri(Inventory.BLADE_TEMPLATE))).string("taskState")).isEqualTo("Completed");
    sim.taskDuration(TaskKind.FIRMWARE, Duration.ofMinutes(2));

    TestClient.Resp accepted = ov.delete(spp);

    assertThat(task(accepted).string("taskState")).isEqualTo("Running");
    assertThat(ov.get(spp).code()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    TestClient.Resp done = task(accepted);
    assertThat(done.string("taskState")).isEqualTo("Completed");
    assertThat(done.object("associatedResource")).containsEntry("resourceUri", spp);
    assertThat(ov.get(spp).code()).isEqualTo(404);
    assertThat(ov.get("/rest/firmware-drivers").members()).isEmpty();
  }

  @Test
  void anUnknownBundleIs404() {
    TestClient.Resp missing = ov.delete("/rest/firmware-drivers/no-such-bundle");

    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
  }

  @Test
  void aFailedDeleteTaskLeavesTheBundle() {
    String custom = (String) task(ov.post("/rest/firmware-drivers",
        Map.of("customBaselineName", "Custom-1", "baselineUri", spp))).object("associatedResource").get("resourceUri");
    sim.faults().failNextTask(TaskKind.FIRMWARE, "FIRMWARE_BUNDLE_DELETE_FAILED");

    TestClient.Resp failed = task(ov.delete(custom));

    assertThat(failed.string("taskState")).isEqualTo("Error");
    assertThat(ov.get(custom).code()).isEqualTo(200);
  }

  @Test
  void aCustomBaselineIsBuiltFromAnSppAndCanBeRemoved() {
    TestClient.Resp created = task(ov.post("/rest/firmware-drivers",
        Map.of("customBaselineName", "Custom-1", "baselineUri", spp, "hotfixUris", List.of())));

    assertThat(created.string("taskState")).isEqualTo("Completed");
    String uri = (String) created.object("associatedResource").get("resourceUri");
    TestClient.Resp custom = ov.get(uri);
    assertThat(custom.map()).containsEntry("name", "Custom-1").containsEntry("bundleType", "Custom")
        .containsEntry("version", Inventory.BASELINE_VERSION);
    assertThat(custom.eTag()).isNotNull();
    assertThat(task(ov.delete(uri)).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get(uri).code()).isEqualTo(404);
  }

  @Test
  void aCustomBaselineNeedsANameAnSppAndHotfixBundles() {
    TestClient.Resp noName = ov.post("/rest/firmware-drivers", Map.of("baselineUri", spp));
    TestClient.Resp noSpp = ov.post("/rest/firmware-drivers",
        Map.of("customBaselineName", "x", "baselineUri", "/rest/firmware-drivers/none"));
    TestClient.Resp sppAsHotfix = ov.post("/rest/firmware-drivers",
        Map.of("customBaselineName", "x", "baselineUri", spp, "hotfixUris", List.of(spp)));
    TestClient.Resp duplicate = ov.post("/rest/firmware-drivers",
        Map.of("customBaselineName", Inventory.BASELINE_NAME, "baselineUri", spp));

    assertThat(noName.code()).isEqualTo(400);
    assertThat(noName.string("errorCode")).isEqualTo("INVALID_NAME");
    assertThat(noSpp.code()).isEqualTo(400);
    assertThat(noSpp.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(sppAsHotfix.code()).isEqualTo(400);
    assertThat(sppAsHotfix.string("errorCode")).isEqualTo("INVALID_BUNDLE_TYPE");
    assertThat(duplicate.code()).isEqualTo(409);
    assertThat(duplicate.string("errorCode")).isEqualTo("DUPLICATE_NAME");
    assertThat(ov.get("/rest/firmware-drivers").members()).hasSize(1);
  }
}
