package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.examples.InventoryReport.FlavorRow;
import io.oneviewinfrakit.examples.InventoryReport.Report;
import io.oneviewinfrakit.examples.InventoryReport.TemplateRow;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerHardware;
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
    Report report = InventoryReport.collect(ov);

    assertThat(report.templates()).extracting(TemplateRow::name)
        .containsExactly("Docker-Gen8-Template", "Rack-DL360-Template");
    TemplateRow blades = report.templates().get(0);
    assertThat(blades.hardwareType()).isEqualTo("BL460c Gen8 1");
    assertThat(blades.enclosureGroup()).isEqualTo("Enclosure-Group-1");
    assertThat(blades.flavors()).singleElement().satisfies(f -> {
      assertThat(f.hardwareType()).isEqualTo("BL460c Gen8 1");
      assertThat(f.cpuCores()).isPositive();
      assertThat(f.memoryMb()).isPositive();
      assertThat(List.of(f.free(), f.inUse(), f.unavailable())).containsExactly(10, 1, 1);
    });
    TemplateRow racks = report.templates().get(1);
    assertThat(racks.enclosureGroup()).isNull();
    assertThat(racks.flavors()).extracting(FlavorRow::free).containsExactly(4);
  }

  @Test
  void printsBothTablesWithEveryServerInNaturalOrderAndEveryMac() {
    Output output = new Output();
    Report report = InventoryReport.collect(ov);
    InventoryReport.print(report, output.stream);
    String text = output.text();

    assertThat(text).contains("Templates and their compatible servers, by flavor", "Servers",
        "2 templates, 16 servers, 14 free");
    assertThat(text).containsPattern("Docker-Gen8-Template\\s+BL460c Gen8 1\\s+Enclosure-Group-1\\s+\\d+\\s+\\d+ GiB\\s+10\\s+1\\s+1");
    assertThat(text).containsPattern("Rack-DL360-Template\\s+DL360 Gen10 1\\s+-\\s+\\d+\\s+\\d+ GiB\\s+4\\s+0\\s+0");
    assertThat(text).containsPattern("Encl1, bay 12\\s+BL460c Gen8 1\\s+\\S+\\s+Maintenance");
    assertThat(text.indexOf("Encl1, bay 2 ")).isLessThan(text.indexOf("Encl1, bay 10"));
    for (ServerHardware hw : report.servers()) {
      assertThat(text).contains(hw.name());
      assertThat(hw.macs()).allSatisfy(mac -> assertThat(text).contains(mac));
    }
    assertThat(report.servers()).filteredOn(hw -> hw.name().startsWith("Encl")).allSatisfy(
        hw -> assertThat(hw.macs()).isNotEmpty());
  }

  @Test
  void readsWithoutWriting() {
    int before = sim.requests().all().size();
    InventoryReport.collect(ov);
    assertThat(sim.requests().all().subList(before, sim.requests().all().size()))
        .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
  }

  @Test
  void naturalOrderComparesDigitRunsAsNumbers() {
    assertThat(List.of("Encl1, bay 10", "Encl2, bay 1", "Encl1, bay 2", "DL360-11", "DL360-3")
        .stream().sorted(InventoryReport.NATURAL_ORDER).toList())
        .containsExactly("DL360-3", "DL360-11", "Encl1, bay 2", "Encl1, bay 10", "Encl2, bay 1");
  }

  @Test
  void mainRunsOnAnEmbeddedSimulator() {
    Output output = new Output();
    InventoryReport.run(name -> null, output.stream);
    assertThat(output.text()).contains("Inventory of embedded OneView simulator", "Docker-Gen8-Template",
        "2 templates, 16 servers, 16 free");
  }
}
