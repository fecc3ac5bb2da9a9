package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnclosuresTest extends SimulatorFixture {
  @Test
  @SuppressWarnings("unchecked")
  void enclosuresAreTheOnesTheBladesSitInWithTheirBays() {
    start(OneViewSimulator.builder().servers(24)); // 18 blades: Encl1 bays 1-16, Encl2 bays 1-2

    TestClient.Resp list = ov.get("/rest/enclosures?sort=name:asc");

    assertThat(list.code()).isEqualTo(200);
    assertThat(list.map()).containsEntry("total", 2.0).containsEntry("category", "enclosures");
    assertThat(list.members()).extracting(e -> e.get("name")).containsExactly("Encl1", "Encl2");
    Map<String, Object> blade = ov.hardware("Encl2, bay 2");
    Map<String, Object> encl2 = ov.get((String) blade.get("locationUri")).map();
    assertThat(encl2).containsEntry("name", "Encl2")
        .containsEntry("enclosureGroupUri", blade.get("serverGroupUri"))
        .containsEntry("deviceBayCount", 16.0);
    List<Map<String, Object>> bays = (List<Map<String, Object>>) encl2.get("deviceBays");
    assertThat(bays).hasSize(16);
    assertThat(bays.get(1)).containsEntry("devicePresence", "Present").containsEntry("deviceUri", blade.get("uri"));
    assertThat(bays.get(2)).containsEntry("devicePresence", "Absent").containsEntry("deviceUri", null);
  }

  @Test
  void enclosuresAreReadOnlyAndUnknownOnesAre404() {
    start();
    String uri = (String) ov.get("/rest/enclosures").members().get(0).get("uri");

    assertThat(ov.delete(uri).code()).isEqualTo(405);
    TestClient.Resp missing = ov.get("/rest/enclosures/NOPE");
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
  }

  @Test
  void firmwareDriversListTheSeededBaseline() {
    start();

    TestClient.Resp list = ov.get("/rest/firmware-drivers?filter=" + TestClient.enc("bundleType='SPP'"));

    assertThat(list.members()).hasSize(1);
    Map<String, Object> spp = list.members().get(0);
    assertThat(spp).containsEntry("version", "2022.09.01.00").containsEntry("category", "firmware-drivers");
    assertThat(ov.get((String) spp.get("uri")).code()).isEqualTo(200);
    assertThat(ov.put((String) spp.get("uri"), Map.of("name", "x")).code()).isEqualTo(405);
  }
}
