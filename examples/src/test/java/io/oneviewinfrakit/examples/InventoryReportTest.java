package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.examples.InventoryReport.FlavorRow;
import io.oneviewinfrakit.examples.InventoryReport.Report;
import io.oneviewinfrakit.examples.InventoryReport.TemplateRow;
import io.oneviewinfrakit.oneview.Inventory;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.PowerState;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.plugin.OneViewInstancePlugin;
import java.time.Duration;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InventoryReportTest {

  private static OneViewSimulator sim;
  private static OneView ov;

  /** 16 servers: 12 blades (one given a profile, one in maintenance) and 4 racks. */
  @BeforeAll
  static void start() {
    sim = OneViewSimulator.builder().servers(16).build().start();
    ov = OneViewTarget.connect(sim);
    SdkQuickStart.createProfileAndPowerOn(ov, "web-1");
    sim.maintenanceMode(sim.serverHardware("Encl1, bay 12").orElseThrow().uri(), true);
  }

  @AfterAll
  static void stop() {
    ov.close();
    sim.close();
  }

  @Test
  void countsFreeUsedAndUnavailableServersPerTemplateAndFlavor() {
    Report report = InventoryReport.collect(ov, "default");

    assertThat(report.templates()).extracting(TemplateRow::name)
        .containsExactly("Docker-Gen8-Template", "Rack-DL360-Template");
    TemplateRow blades = report.templates().get(0);
    assertThat(blades.hardwareType()).isEqualTo("BL460c Gen8 1");
    assertThat(blades.enclosureGroup()).isEqualTo("Enclosure-Group-1");
    assertThat(blades.flavors()).singleElement().satisfies(f -> {
      assertThat(f.hardwareType()).isEqualTo("BL460c Gen8 1");
      assertThat(f.cpuCores()).isPositive();
      assertThat(f.memoryMb()).isPositive();
      // web-1 was made by the SDK quick start, not by the plugin: used by others, not owned.
      assertThat(List.of(f.free(), f.freeButOn(), f.owned(), f.usedByOthers(), f.maintenance(), f.unavailable()))
          .containsExactly(10, freeAndOn(f), 0, 1, 1, 0);
    });
    TemplateRow racks = report.templates().get(1);
    assertThat(racks.enclosureGroup()).isNull();
    assertThat(racks.flavors()).extracting(FlavorRow::free).containsExactly(4);
  }

  @Test
  void printsBothTablesWithEveryServerInNaturalOrderAndEveryMac() {
    Output output = new Output();
    Report report = InventoryReport.collect(ov, "default");
    InventoryReport.print(report, output.stream);
    String text = output.text();

    assertThat(text).contains("Templates and their compatible servers, by flavor", "Servers",
        "2 templates, 16 servers, 14 free");
    assertThat(text).contains("Free  Free but on  Owned  Used by others  Maintenance  Unavailable");
    assertThat(text).containsPattern(
        "Docker-Gen8-Template\\s+BL460c Gen8 1\\s+Enclosure-Group-1\\s+\\d+\\s+\\d+ GiB\\s+10\\s+"
        + freeAndOn(report.templates().get(0).flavors().get(0)) + "\\s+0\\s+1\\s+1\\s+0");
    assertThat(text).containsPattern(
        "Rack-DL360-Template\\s+DL360 Gen10 1\\s+-\\s+\\d+\\s+\\d+ GiB\\s+4\\s+"
        + freeAndOn(report.templates().get(1).flavors().get(0)) + "\\s+0\\s+0\\s+0\\s+0");
    assertThat(text).containsPattern("Encl1, bay 12\\s+BL460c Gen8 1\\s+\\S+\\s+maintenance");
    assertThat(text).containsPattern("Encl1, bay 1\\s+BL460c Gen8 1\\s+\\S+\\s+used-by-others\\s+yes");
    assertThat(text.indexOf("Encl1, bay 2 ")).isLessThan(text.indexOf("Encl1, bay 10"));
    for (Inventory.Server server : report.servers()) {
      assertThat(text).contains(server.name());
      assertThat(server.macs()).allSatisfy(mac -> assertThat(text).contains(mac));
    }
    assertThat(report.servers()).filteredOn(s -> s.name().startsWith("Encl")).allSatisfy(
        s -> assertThat(s.macs()).isNotEmpty());
  }

  @Test
  void readsWithoutWriting() {
    int before = sim.requests().all().size();
    InventoryReport.collect(ov, "default");
    assertThat(sim.requests().all().subList(before, sim.requests().all().size()))
        .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
  }

  @Test
  void countsAPluginProfileOfTheNamespaceAsOwnedAndOfAnotherNamespaceAsUsedByOthers() {
    ServerHardware server = ov.serverHardware().list().stream()
        .filter(hw -> hw.name().startsWith("DL360") && hw.isFree()).findFirst().orElseThrow();
    ServerProfileTemplate rack = ov.serverProfileTemplates().findByName("Rack-DL360-Template").orElseThrow();
    ServerProfile profile = ov.serverProfileTemplates().newProfile(rack).withName("ov-blueblueblueblue")
        .withServerHardwareUri(server.uri())
        .withDescription("infrakit-oneview/v2 {\"owner\":\"blue\",\"id\":\"ov-blueblueblueblue\",\"intent\":\"Running\","
            + "\"logicalId\":null,\"powerOn\":false,\"tags\":{}}");
    Task created = ov.tasks().await(ov.serverProfiles().create(profile), Duration.ofMinutes(1));
    try {
      FlavorRow blue = InventoryReport.collect(ov, "blue").templates().get(1).flavors().get(0);
      FlavorRow other = InventoryReport.collect(ov, "default").templates().get(1).flavors().get(0);
      assertThat(List.of(blue.owned(), blue.usedByOthers())).containsExactly(1, 0);
      assertThat(List.of(other.owned(), other.usedByOthers())).containsExactly(0, 1);
    } finally {
      ov.tasks().await(ov.serverProfiles().delete(created.associatedResourceUri()), Duration.ofMinutes(1));
    }
  }

  @Test
  void mainRunsOnAnEmbeddedSimulator() {
    Output output = new Output();
    InventoryReport.run(name -> null, output.stream, "default");
    assertThat(output.text()).contains("Inventory of embedded OneView simulator", "Docker-Gen8-Template",
        "2 templates, 16 servers, 16 free");
  }

  /** The simulator seeds some free servers powered on, as a lab appliance has them. */
  private static int freeAndOn(FlavorRow row) {
    int n = (int) ov.serverHardware().list().stream()
        .filter(hw -> hw.isFree() && hw.powerState() != PowerState.OFF)
        .filter(hw -> hw.memoryMb().equals(row.memoryMb()) && hw.cpuCores().equals(row.cpuCores()))
        .count();
    assertThat(row.freeButOn()).isEqualTo(n);
    return n;
  }
}
