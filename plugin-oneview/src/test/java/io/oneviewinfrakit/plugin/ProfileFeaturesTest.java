package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.oneviewinfrakit.infrakit.spi.Attachment;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Networks (networking-oneview), Boot and firmware (Ironic management/deploy), Init and
 * Attachments, through the socket against the simulator.
 */
class ProfileFeaturesTest {

  private PluginHarness h;

  @BeforeEach
  void start() {
    h = PluginHarness.on(BareMetalInventory.simulator(8, Duration.ofMillis(50)), b -> {});
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private InstanceDescription provisionAndSettle(InstanceSpec spec) {
    InstanceId id = h.client().provision(spec);
    await("instance running with its profile listed", Duration.ofSeconds(20), () -> {
      h.plugin().refreshNow();
      return h.settled(1) && Json.field(h.describe(Map.of()).get(0).properties(), "profile.uri") != null;
    });
    InstanceDescription d = h.describe(Map.of()).get(0);
    assertThat(d.id()).isEqualTo(id);
    return d;
  }

  private ServerProfileView storedProfile() {
    return h.envelopedProfiles().get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void eachProfileGetsAConnectionToEachNetworkAndTheMacsAreInProperties() {
    InstanceDescription d = provisionAndSettle(InstanceSpec.builder().properties(
        "{\"TemplateName\":\"Docker-Gen8-Template\",\"Networks\":[\"Prod-VLAN-100\",\"Prod-Set\"]}").build());

    List<Map<String, Object>> stored = list(map(storedProfile().json().get("connectionSettings"))
        .get("connections"));
    assertThat(stored).hasSize(3); // the template's Deploy-PXE connection plus the two asked for
    List<Map<String, Object>> reported = list(Json.object(d.properties()).get("connections"));
    assertThat(reported).extracting(c -> c.get("network"))
        .containsExactly("Deploy-PXE", "Prod-VLAN-100", "Prod-Set");
    assertThat(reported).allSatisfy(c -> {
      assertThat((String) c.get("mac")).matches("[0-9A-F]{2}(:[0-9A-F]{2}){5}");
      assertThat((String) c.get("portId")).startsWith("Flb 1:");
    });
    assertThat(reported).extracting(c -> c.get("mac")).doesNotHaveDuplicates();
    assertThat(reported).extracting(c -> c.get("networkUri"))
        .containsExactlyElementsOf(stored.stream().map(c -> c.get("networkUri")).toList());
  }

  @Test
  void unknownNetworksAndTemplatesThatDoNotManageConnectionsAreRejected() {
    assertThatThrownBy(() -> h.client().validate(RawJson.of("{\"TemplateName\":\"Docker-Gen8-Template\","
        + "\"Networks\":[\"Prod-VLAN-100\",\"prod-vlan-101\",\"Nope\"]}")))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("\"Networks\" names unknown networks \"prod-vlan-101\", \"Nope\" "
            + "(Ethernet networks: Deploy-PXE, Prod-VLAN-100, Prod-VLAN-101; network sets: Prod-Set; "
            + "names are case-sensitive)");
    assertThatThrownBy(() -> h.client().validate(RawJson.of("{\"TemplateName\":\"Rack-DL360-Template\","
        + "\"Networks\":[\"Prod-VLAN-100\"]}")))
        .hasMessageContaining("\"Networks\" needs a template that manages connections, but template "
            + "\"Rack-DL360-Template\" does not (connectionSettings.manageConnections is false)");
    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder().properties(
        "{\"TemplateName\":\"Docker-Gen8-Template\",\"Networks\":[\"Nope\"]}").build()))
        .hasMessageContaining("names unknown network \"Nope\"");
    assertThat(h.describe(Map.of())).isEmpty();
  }

  @Test
  void bootModeAndOrderAreAppliedAndFirmwareAndComplianceAreReported() {
    InstanceDescription d = provisionAndSettle(InstanceSpec.builder().properties(
        "{\"TemplateName\":\"Docker-Gen8-Template\",\"Boot\":{\"Mode\":\"UEFIOptimized\","
            + "\"Order\":[\"PXE\",\"HardDisk\"]}}").build());

    Map<String, Object> json = storedProfile().json();
    assertThat(map(json.get("bootMode")).get("mode")).isEqualTo("UEFIOptimized");
    assertThat(map(json.get("boot")).get("order")).isEqualTo(List.of("PXE", "HardDisk"));
    assertThat(Json.field(d.properties(), "boot.mode")).isEqualTo("UEFIOptimized");
    assertThat(Json.field(d.properties(), "boot.order")).isEqualTo("[PXE, HardDisk]");
    assertThat(Json.field(d.properties(), "firmware.manageFirmware")).isEqualTo("true");
    assertThat(Json.field(d.properties(), "firmware.baselineUri")).startsWith("/rest/firmware-drivers/");
    // Boot settings other than the template's make the profile differ from it, and OneView says so.
    assertThat(Json.field(d.properties(), "templateCompliance"))
        .isEqualTo(String.valueOf(json.get("templateCompliance"))).isEqualTo("NonCompliant");
  }

  @Test
  void bootSettingsTheTemplateDoesNotManageAreRejected() {
    assertThatThrownBy(() -> h.client().validate(RawJson.of("{\"TemplateName\":\"Fixed-Boot-Template\","
        + "\"Boot\":{\"Mode\":\"BIOS\",\"Order\":[\"PXE\"]}}")))
        .hasMessageContaining("\"Boot.Mode\" needs a template that manages the boot mode, but template "
            + "\"Fixed-Boot-Template\" does not (bootMode.manageMode is false)")
        .hasMessageContaining("\"Boot.Order\" needs a template that manages the boot order, but "
            + "template \"Fixed-Boot-Template\" does not (boot.manageBoot is false)");
    assertThatThrownBy(() -> h.client().validate(RawJson.of("{\"TemplateName\":\"Docker-Gen8-Template\","
        + "\"Boot\":{\"Mode\":\"uefi\",\"Order\":[\"PXE\",\"Network\"],\"Secure\":true}}")))
        .hasMessageContaining("\"Boot.Mode\" must be one of UEFI, UEFIOptimized, BIOS, got string \"uefi\"")
        .hasMessageContaining("\"Boot.Order\" has unknown boot devices \"Network\"")
        .hasMessageContaining("\"Boot\" has unknown field \"Secure\"");
  }

  @Test
  void initIsPassedAsTheOsCustomAttributeWhenTheTemplateDeploysAnOs() {
    String init = "#!/bin/sh\necho \"hello from InfraKit\"\n";
    InstanceDescription d = provisionAndSettle(InstanceSpec.builder().properties(
        "{\"TemplateName\":\"OS-Deploy-Template\",\"InitAttribute\":\"UserData\"}").init(init).build());

    Map<String, Object> os = map(storedProfile().json().get("osDeploymentSettings"));
    assertThat(os.get("osDeploymentPlanUri")).isEqualTo(BareMetalInventory.OS_PLAN_URI);
    assertThat(list(os.get("osCustomAttributes")))
        .containsExactly(Map.of("name", "hostname", "value", "node"), Map.of("name", "UserData", "value", init));
    assertThat(d.id().value()).startsWith("ov-");

    assertThatThrownBy(() -> h.client().validate(RawJson.of(
        "{\"TemplateName\":\"Docker-Gen8-Template\",\"InitAttribute\":\"UserData\"}")))
        .hasMessageContaining("\"InitAttribute\" passes Spec.Init to an OS deployment plan, but "
            + "template \"Docker-Gen8-Template\" has none");
  }

  @Test
  void initIsIgnoredWithOneWarningPerGroupWhenTheTemplateDeploysNoOs() {
    Logger logger = (Logger) LoggerFactory.getLogger(PropertyChecks.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      for (String group : List.of("web", "web", "db")) {
        h.client().provision(InstanceSpec.builder().properties(PluginHarness.BLADE_PROPERTIES)
            .tag("infrakit.group", group).init("echo hello").build());
      }
      List<String> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("Spec.Init")).toList();
      assertThat(warnings).hasSize(2);
      assertThat(warnings.get(0)).startsWith("Group web: Spec.Init (the flavor's boot script, 10 "
          + "characters) is ignored: template \"Docker-Gen8-Template\" has no OS deployment plan");
      assertThat(warnings.get(1)).startsWith("Group db: Spec.Init");
    } finally {
      logger.detachAppender(appender);
    }
    await("instances running", Duration.ofSeconds(20), () -> h.settled(3));
    assertThat(h.envelopedProfiles()).allSatisfy(p -> assertThat(p.json().get("osDeploymentSettings"))
        .isNull());
  }

  @Test
  void attachmentsAreAcceptedAndReportedButNotActedOn() {
    InstanceDescription d = provisionAndSettle(InstanceSpec.builder()
        .properties(PluginHarness.BLADE_PROPERTIES)
        .attachment(new Attachment("vol-data-1", "volume")).build());
    assertThat(list(Json.object(d.properties()).get("attachments")))
        .containsExactly(Map.of("ID", "vol-data-1", "Type", "volume"));
    assertThatCode(() -> h.client().validate(PluginHarness.BLADE_PROPERTIES)).doesNotThrowAnyException();
  }
}
