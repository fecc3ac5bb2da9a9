package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.ConnectionsTest.PROFILE_URI;
import static io.oneviewinfrakit.oneview.ConnectionsTest.profileV9;
import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

final class BootAndFirmwareTest extends FakeApplianceFixture {
  /** A ServerProfileTemplateV2 as in the reference notes (API 300 and later). */
  private static final String TEMPLATE_V2 = "{\"type\":\"ServerProfileTemplateV2\","
      + "\"uri\":\"/rest/server-profile-templates/1f0ca9ef\",\"name\":\"Apache_Template\","
      + "\"firmware\":{\"manageFirmware\":true,\"forceInstallFirmware\":false,"
      + "\"firmwareBaselineUri\":\"/rest/firmware-drivers/SPP_2018\",\"firmwareInstallType\":\"FirmwareOnly\"},"
      + "\"bootMode\":{\"mode\":\"UEFIOptimized\",\"pxeBootPolicy\":\"IPv4\",\"manageMode\":true},"
      + "\"boot\":{\"order\":[\"HardDisk\"],\"manageBoot\":true},"
      + "\"connectionSettings\":{\"manageConnections\":false,\"connections\":[]}}";

  @Test
  void profileBootSettingsAreReadFromBootAndBootMode() {
    ServerProfile profile = ServerProfile.fromJson(fixture("oneview-sdk-java/server-profile.json"));
    assertThat(profile.bootMode()).isEqualTo(new BootMode(true, BootMode.Mode.UEFI, "Auto"));
    assertThat(profile.bootOrder()).containsExactly("HardDisk");
    assertThat(profile.manageBoot()).isTrue();
    assertThat(profile.templateCompliance()).isEqualTo(TemplateCompliance.UNKNOWN);
    assertThat(profile.firmware()).isEqualTo(new Firmware(false, null, false, null));
  }

  @Test
  void missingSectionsReadAsUnmanaged() {
    ServerProfile bare = ServerProfile.fromJson("{\"bootMode\":{\"mode\":\"Legacy\"}}");
    assertThat(bare.bootMode()).isEqualTo(new BootMode(false, BootMode.Mode.UNKNOWN, null));
    assertThat(bare.bootOrder()).isEmpty();
    assertThat(bare.manageBoot()).isFalse();
    assertThat(bare.firmware()).isEqualTo(new Firmware(false, null, false, null));
    assertThat(ServerProfile.fromJson("{}").bootMode()).isNull();
  }

  @Test
  void templateComplianceIsTyped() {
    assertThat(ServerProfile.fromJson(profileV9("e")).templateCompliance()).isEqualTo(TemplateCompliance.NON_COMPLIANT);
    assertThat(ServerProfile.fromJson("{\"templateCompliance\":\"Compliant\"}").templateCompliance())
        .isEqualTo(TemplateCompliance.COMPLIANT);
    assertThat(ServerProfile.fromJson("{\"templateCompliance\":\"Drifting\"}").templateCompliance())
        .isEqualTo(TemplateCompliance.UNKNOWN);
  }

  @Test
  void templateFirmwareBootAndConnectionManagementAreTyped() {
    ServerProfileTemplate template = ServerProfileTemplate.fromJson(TEMPLATE_V2);
    assertThat(template.firmware())
        .isEqualTo(new Firmware(true, "/rest/firmware-drivers/SPP_2018", false, "FirmwareOnly"));
    assertThat(template.bootMode()).isEqualTo(new BootMode(true, BootMode.Mode.UEFI_OPTIMIZED, "IPv4"));
    assertThat(template.bootOrder()).containsExactly("HardDisk");
    assertThat(template.manageBoot()).isTrue();
    assertThat(template.manageConnections()).isFalse();
    assertThat(template.connections()).isEmpty();
  }

  @Test
  void api200TemplateManagesItsTopLevelConnections() {
    ServerProfileTemplate api200 = ServerProfileTemplate.fromJson(fixture("python-oneviewclient/server-profile-template.json"));
    assertThat(api200.manageConnections()).isTrue();
    assertThat(api200.connections()).extracting(Connection::bootPriority).containsExactly("Primary");
    assertThat(api200.bootMode()).isEqualTo(new BootMode(true, BootMode.Mode.BIOS, null));
    assertThat(ServerProfileTemplate.fromJson("{}").manageConnections()).isFalse();
  }

  @Test
  void withBootModeChangesModeAndKeepsOtherBootModeFields() {
    ServerProfile changed = ServerProfile.fromJson(profileV9("e")).withBootMode(BootMode.of(BootMode.Mode.BIOS));
    assertThat(changed.bootMode()).isEqualTo(new BootMode(true, BootMode.Mode.BIOS, null));
    assertThat(Json.toJson(changed.json().get("bootMode")))
        .isEqualTo("{\"manageMode\":true,\"mode\":\"BIOS\",\"pxeBootPolicy\":null,\"secureBoot\":\"Disabled\"}");
    assertThat(BootMode.of(BootMode.Mode.UEFI)).isEqualTo(new BootMode(true, BootMode.Mode.UEFI, "Auto"));
    assertThatThrownBy(() -> changed.withBootMode(new BootMode(true, BootMode.Mode.UNKNOWN, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("boot mode UNKNOWN cannot be set");
  }

  @Test
  void withBootOrderSetsOrderAndManageBoot() {
    ServerProfile unmanaged = ServerProfile.fromJson("{\"boot\":{\"manageBoot\":false,\"order\":[],\"extra\":1}}");
    ServerProfile changed = unmanaged.withBootOrder(List.of("PXE", "HardDisk"));
    assertThat(changed.bootOrder()).containsExactly("PXE", "HardDisk");
    assertThat(changed.manageBoot()).isTrue();
    assertThat(changed.toJson()).isEqualTo("{\"boot\":{\"manageBoot\":true,\"order\":[\"PXE\",\"HardDisk\"],\"extra\":1}}");
    assertThat(unmanaged.bootOrder()).isEmpty(); // the original is unchanged
    assertThat(changed.withManageBoot(false).manageBoot()).isFalse();
  }

  @Test
  void templateCopiesChangeBootSettings() {
    ServerProfileTemplate template = ServerProfileTemplate.fromJson(TEMPLATE_V2)
        .withBootOrder(List.of("PXE"))
        .withBootMode(BootMode.of(BootMode.Mode.UEFI));
    assertThat(template.bootOrder()).containsExactly("PXE");
    assertThat(template.bootMode()).isEqualTo(new BootMode(true, BootMode.Mode.UEFI, "Auto"));
    assertThat(template.firmware().manageFirmware()).isTrue();
  }

  @Test
  void updateFromTemplatePatchesTemplateComplianceAsJsonPatch() throws Exception {
    appliance.handler = request -> new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/p1");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfiles().updateFromTemplate(PROFILE_URI).uri()).isEqualTo("/rest/tasks/p1");
    }
    RecordedRequest patch = appliance.resourceRequests.get(0);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo(PROFILE_URI);
    assertThat(patch.getHeader("Content-Type")).isEqualTo("application/json-patch+json");
    assertThat(patch.getBody().readUtf8())
        .isEqualTo("[{\"op\":\"replace\",\"path\":\"/templateCompliance\",\"value\":\"Compliant\"}]");
  }

  @Test
  void updateFromTemplateBelowApi300SendsPlainJson() {
    appliance.handler = request -> new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/p1");
    try (OneView ov = FakeAppliance.builder(server).apiVersion(200).build()) {
      ov.serverProfiles().updateFromTemplate(PROFILE_URI);
    }
    assertThat(appliance.resourceRequests.get(0).getHeader("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void updateFromTemplateRefusedByTheApplianceCarriesItsError() {
    appliance.handler = request -> json(409, "{\"errorCode\":\"SERVER_HARDWARE_POWERED_ON\",\"message\":\"Power off first.\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().updateFromTemplate(PROFILE_URI))
          .isInstanceOf(OneViewException.class)
          .hasMessage("PATCH " + PROFILE_URI + " failed: HTTP 409: SERVER_HARDWARE_POWERED_ON: Power off first.");
    }
  }
}
