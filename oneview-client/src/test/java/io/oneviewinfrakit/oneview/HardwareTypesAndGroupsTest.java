package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class HardwareTypesAndGroupsTest extends FakeApplianceFixture {
  private static final String SHT_URI = "/rest/server-hardware-types/0AB36CC2-D424-4C88-9CA5-25DF0B1A2A87";
  private static final String SHT = "{\"type\":\"server-hardware-type-4\",\"category\":\"server-hardware-types\","
      + "\"name\":\"BL460c Gen8 1\",\"model\":\"ProLiant BL460c Gen8\",\"formFactor\":\"HalfHeight\",\"family\":\"BL\","
      + "\"bootModes\":[\"BIOS\"],\"bootCapabilities\":[\"CD\",\"USB\",\"HardDisk\",\"PXE\"],"
      + "\"adapters\":[{\"model\":\"HP FlexFabric 10Gb 2-port 554FLB Adapter\"}],\"uri\":\"" + SHT_URI + "\"}";
  private static final String EG = "{\"type\":\"EnclosureGroupV200\",\"name\":\"Enclosure-Group-1\","
      + "\"enclosureCount\":3,\"enclosureTypeUri\":\"/rest/enclosure-types/c7000\",\"stackingMode\":\"Enclosure\","
      + "\"uri\":\"/rest/enclosure-groups/eg-1\"}";

  @Test
  void serverHardwareTypeIsReadIntoTypedFields() {
    appliance.handler = request -> json(200, SHT);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardwareTypes().get(SHT_URI)).isEqualTo(new ServerHardwareType(SHT_URI, "BL460c Gen8 1",
          "ProLiant BL460c Gen8", "HalfHeight", "BL", List.of("BIOS"), List.of("CD", "USB", "HardDisk", "PXE")));
    }
    assertThat(appliance.resourceRequests.get(0).getPath()).isEqualTo(SHT_URI);
  }

  @Test
  void serverHardwareTypesAreListedFromTheirCollectionAcrossPages() {
    appliance.handler = request -> {
      String start = request.getRequestUrl().queryParameter("start");
      return start == null
          ? json(200, "{\"total\":2,\"count\":1,\"members\":[" + SHT + "]}")
          : json(200, "{\"total\":2,\"count\":1,\"members\":[{\"uri\":\"/rest/server-hardware-types/2\",\"name\":\"DL360 Gen10 1\"}]}");
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardwareTypes().list()).extracting(ServerHardwareType::name)
          .containsExactly("BL460c Gen8 1", "DL360 Gen10 1");
    }
    assertThat(appliance.resourceRequests).extracting(r -> r.getRequestUrl().encodedPath())
        .containsOnly("/rest/server-hardware-types");
  }

  @Test
  void serverHardwareTypeIsFoundByExactName() {
    appliance.handler = request -> json(200, "{\"total\":1,\"members\":[" + SHT + "]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardwareTypes().findByName("BL460c Gen8 1")).map(ServerHardwareType::uri).contains(SHT_URI);
      assertThat(ov.serverHardwareTypes().findByName("BL460c Gen8")).isEmpty();
    }
    assertThat(appliance.resourceRequests.get(0).getRequestUrl().queryParameterValues("filter"))
        .containsExactly("\"name=='BL460c Gen8 1'\"");
  }

  @Test
  void enclosureGroupIsReadAndFoundByName() {
    appliance.handler = request -> request.getRequestUrl().encodedPath().equals("/rest/enclosure-groups")
        ? json(200, "{\"total\":1,\"members\":[" + EG + "]}")
        : json(200, EG);
    EnclosureGroup expected = new EnclosureGroup("/rest/enclosure-groups/eg-1", "Enclosure-Group-1", 3,
        "/rest/enclosure-types/c7000");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.enclosureGroups().get("/rest/enclosure-groups/eg-1")).isEqualTo(expected);
      assertThat(ov.enclosureGroups().findByName("Enclosure-Group-1")).contains(expected);
      assertThat(ov.enclosureGroups().list(Query.builder().sort("name:asc").build())).containsExactly(expected);
    }
    assertThat(appliance.resourceRequests.get(2).getRequestUrl().queryParameter("sort")).isEqualTo("name:asc");
  }

  @Test
  void missingEnclosureGroupThrowsResourceNotFound() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.enclosureGroups().get("/rest/enclosure-groups/nope"))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void serverHardwareReportsFormFactorProcessorAndCores() {
    appliance.handler = request -> json(200, fixture("python-oneviewclient/server-hardware.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ServerHardware hw = ov.serverHardware().get("/rest/server-hardware/30303437-3933-4753-4831-31315835524E");
      assertThat(hw.formFactor()).isEqualTo("HalfHeight");
      assertThat(hw.processorType()).isEqualTo("12-Core Intel(R) Corporation Xeon @ 2.4GHz");
      assertThat(hw.processorSpeedMhz()).isPositive();
      assertThat(hw.cpuCores()).isEqualTo(hw.processorCount() * hw.processorCoreCount());
      assertThat(hw.powerLock()).isFalse();
      assertThat(hw.isCritical()).isFalse();
    }
  }

  @Test
  void criticalServerIsDetectedAndMissingProcessorDataGivesNoCores() {
    appliance.handler = request -> json(200, "{\"uri\":\"/rest/server-hardware/1\",\"status\":\"Critical\","
        + "\"processorCount\":2,\"powerLock\":true}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ServerHardware hw = ov.serverHardware().get("/rest/server-hardware/1");
      assertThat(hw.isCritical()).isTrue();
      assertThat(hw.cpuCores()).isNull();
      assertThat(hw.powerLock()).isTrue();
    }
  }

  @Test
  void serverHardwareBuildsWithoutTheOptionalDetails() {
    ServerHardware hw = new ServerHardware("/rest/server-hardware/1", "a", null, null, null, null, null,
        ServerHardwareState.NO_PROFILE_APPLIED, Status.OK, PowerState.OFF, false, 1024L, 2, 8, List.of(),
        null, null, null, false);
    assertThat(hw.cpuCores()).isEqualTo(16);
    assertThat(hw.formFactor()).isNull();
    assertThat(hw.isFree()).isTrue();
  }
}
