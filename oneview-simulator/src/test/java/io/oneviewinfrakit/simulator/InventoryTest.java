package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
  @Test
  void standardInventoryUsesTheNamesOtherModulesRelyOn() {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(16).build().start()) {
      TestClient ov = new TestClient(sim).login();

      List<ServerHardwareView> hardware = sim.serverHardware();
      assertThat(hardware).extracting(ServerHardwareView::name).startsWith("Encl1, bay 1")
          .contains("Encl1, bay 12", "DL360-1", "DL360-4").hasSize(16);
      assertThat(hardware).filteredOn(h -> h.name().startsWith("Encl")).hasSize(12);
      assertThat(hardware).extracting(ServerHardwareView::powerState).contains("On", "Off");
      assertThat(hardware).allSatisfy(h -> {
        assertThat(h.serverProfileUri()).isNull();
        assertThat(h.maintenanceMode()).isFalse();
        assertThat(h.state()).isEqualTo("NoProfileApplied");
      });
      Map<String, Object> blade = ov.hardware("Encl1, bay 1");
      Map<String, Object> bladeTemplate = ov.template("Docker-Gen8-Template");
      Map<String, Object> rackTemplate = ov.template("Rack-DL360-Template");
      String bladeType = (String) ov.get((String) blade.get("serverHardwareTypeUri")).map().get("name");
      String group = (String) ov.get((String) blade.get("serverGroupUri")).map().get("name");
      assertThat(bladeType).isEqualTo("BL460c Gen8 1");
      assertThat(group).isEqualTo("Enclosure-Group-1");
      assertThat(bladeTemplate.get("serverHardwareTypeUri")).isEqualTo(blade.get("serverHardwareTypeUri"));
      assertThat(bladeTemplate.get("enclosureGroupUri")).isEqualTo(blade.get("serverGroupUri"));
      assertThat(rackTemplate.get("enclosureGroupUri")).isNull();
      Map<String, Object> rack = ov.hardware("DL360-1");
      assertThat(ov.get((String) rack.get("serverHardwareTypeUri")).map().get("name")).isEqualTo("DL360 Gen10 1");
      assertThat(rack.get("serverGroupUri")).isNull();
      assertThat(rack.get("portMap")).isNull();
      assertThat(blade.toString()).contains("\"mac\"".replace("\"", "")).contains("02:23:13:");
    }
  }

  @Test
  void standardInventoryIsDeterministic() {
    assertThat(Inventory.standard(50).toJson()).isEqualTo(Inventory.standard(50).toJson());
  }

  @Test
  void inventoryFileSeedsTheSimulator(@TempDir Path dir) throws Exception {
    String json = Inventory.standard(3).toJson().replace("\"Encl1, bay 1\"", "\"Custom-Blade\"");
    Path file = Files.writeString(dir.resolve("inventory.json"), json);

    try (OneViewSimulator sim = OneViewSimulator.builder().inventory(file).build().start()) {
      assertThat(sim.serverHardware()).extracting(ServerHardwareView::name)
          .containsExactly("Custom-Blade", "Encl1, bay 2", "Encl1, bay 3");
    }
  }

  @Test
  void inventoryDocumentsWithoutMetadataGetIt() {
    Inventory inventory = Inventory.fromJson("{\"serverProfiles\":[{\"name\":\"pre-existing\","
        + "\"serverHardwareTypeUri\":\"/rest/server-hardware-types/x\",\"description\":\"kept\"}]}");

    try (OneViewSimulator sim = OneViewSimulator.builder().inventory(inventory).build().start()) {
      TestClient ov = new TestClient(sim).login();
      Map<String, Object> p = ov.get("/rest/server-profiles").members().get(0);
      assertThat(p).containsEntry("name", "pre-existing").containsEntry("state", "Normal")
          .containsEntry("description", "kept").containsKeys("uri", "eTag", "created", "modified");
    }
  }

  @Test
  void malformedInventoryIsRejected() {
    assertThatThrownBy(() -> Inventory.fromJson("{\"serverHardware\": 3}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverHardware");
    assertThatThrownBy(() -> Inventory.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
  }
}
