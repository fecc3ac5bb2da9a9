package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelsTest extends SimulatorFixture {
  private String hw;

  @BeforeEach
  void startFourServers() {
    start(OneViewSimulator.builder().servers(4));
    hw = (String) ov.hardware("Encl1, bay 1").get("uri");
  }

  @Test
  @SuppressWarnings("unchecked")
  void postAssignsLabelsAndTheResourceLabelsDocumentShowsThem() {
    TestClient.Resp assigned = ov.post("/rest/labels/resources",
        Map.of("resourceUri", hw, "labels", List.of("gpu", Map.of("name", "rack-7"))));

    assertThat(assigned.code()).isEqualTo(200);
    assertThat(assigned.map()).containsEntry("type", "ResourceLabels").containsEntry("resourceUri", hw)
        .containsEntry("uri", "/rest/labels/resources" + hw).containsEntry("category", "server-hardware");
    List<Map<String, Object>> labels = (List<Map<String, Object>>) assigned.map().get("labels");
    assertThat(labels).extracting(l -> l.get("name")).containsExactly("gpu", "rack-7");
    assertThat(ov.get("/rest/labels/resources" + hw).map().get("labels")).isEqualTo(labels);
    TestClient.Resp all = ov.get("/rest/labels?sort=name:asc");
    assertThat(all.members()).extracting(l -> l.get("name")).containsExactly("gpu", "rack-7");
    String gpuUri = (String) labels.get(0).get("uri");
    assertThat(ov.get(gpuUri).string("name")).isEqualTo("gpu");
  }

  @Test
  void putReplacesTheLabelsAndUnusedLabelsDisappear() {
    ov.post("/rest/labels/resources", Map.of("resourceUri", hw, "labels", List.of("old")));

    TestClient.Resp replaced = ov.put("/rest/labels/resources" + hw, Map.of("labels", List.of("new")));

    assertThat(replaced.code()).isEqualTo(200);
    assertThat(ov.get("/rest/labels").members()).extracting(l -> l.get("name")).containsExactly("new");
    assertThat(ov.delete("/rest/labels/resources" + hw).code()).isEqualTo(204);
    assertThat(ov.get("/rest/labels").members()).isEmpty();
  }

  @Test
  void labelsListFiltersByNamePrefixAndCategory() {
    String template = (String) ov.template("Docker-Gen8-Template").get("uri");
    ov.post("/rest/labels/resources", Map.of("resourceUri", hw, "labels", List.of("prod-a")));
    ov.post("/rest/labels/resources", Map.of("resourceUri", template, "labels", List.of("prod-b", "test")));

    assertThat(ov.get("/rest/labels?namePrefix=prod").members()).extracting(l -> l.get("name"))
        .containsExactlyInAnyOrder("prod-a", "prod-b");
    assertThat(ov.get("/rest/labels?category=server-profile-templates").members()).extracting(l -> l.get("name"))
        .containsExactlyInAnyOrder("prod-b", "test");
  }

  @Test
  void unknownResourcesAndLabelUrisAreRefused() {
    TestClient.Resp noResource = ov.post("/rest/labels/resources",
        Map.of("resourceUri", "/rest/server-hardware/nope", "labels", List.of("x")));
    TestClient.Resp badUri = ov.post("/rest/labels/resources",
        Map.of("resourceUri", hw, "labels", List.of(Map.of("name", "x", "uri", "/rest/labels/999"))));

    assertThat(noResource.code()).isEqualTo(400);
    assertThat(noResource.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(badUri.code()).isEqualTo(400);
    assertThat(ov.get("/rest/labels/resources/rest/server-hardware/nope").code()).isEqualTo(404);
  }
}
