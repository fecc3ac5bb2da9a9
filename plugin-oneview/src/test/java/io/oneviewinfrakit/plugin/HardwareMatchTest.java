package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hardware matching properties (Ironic flavors / node capabilities), through the socket. */
class HardwareMatchTest {

  private PluginHarness h;

  @BeforeEach
  void start() {
    h = PluginHarness.on(BareMetalInventory.simulator(16, Duration.ofMillis(50)), b -> {});
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static RawJson blade(String extra) {
    return RawJson.of("{\"TemplateName\":\"Docker-Gen8-Template\"," + extra + "}");
  }

  @Test
  void validateSaysWhichConstraintMatchesNoCompatibleServer() {
    assertThatThrownBy(() -> h.client().validate(blade("\"MinMemoryMb\":1048576")))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("MinMemoryMb 1048576 matches none of the 12 servers compatible with "
            + "template \"Docker-Gen8-Template\" (largest: 262144 MB)");
    assertThatThrownBy(() -> h.client().validate(blade("\"MinCpuCores\":64")))
        .hasMessageContaining("MinCpuCores 64 matches none of the 12 servers compatible with "
            + "template \"Docker-Gen8-Template\" (most: 16 cores)");
    assertThatThrownBy(() -> h.client().validate(blade("\"Model\":\"ProLiant DL.*\"")))
        .hasMessageContaining("Model \"ProLiant DL.*\" matches none of the 12 servers")
        .hasMessageContaining("(models: ProLiant BL460c Gen8)");
    assertThatThrownBy(() -> h.client().validate(blade("\"MinMemoryMb\":100000,\"MinCpuCores\":16,"
        + "\"ServerHardware\":[\"Encl1, bay 1\"]")))
        .hasMessageContaining("the hardware properties together match none");
  }

  @Test
  void validateChecksTypeAndGroupAgainstTheTemplateAndNamesUnknownServers() {
    assertThatCode(() -> h.client().validate(blade("\"ServerHardwareType\":\"BL460c Gen8 1\","
        + "\"EnclosureGroup\":\"Enclosure-Group-1\",\"Model\":\"ProLiant BL460c.*\",\"MinCpuCores\":16,"
        + "\"MinMemoryMb\":16384"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> h.client().validate(blade("\"ServerHardwareType\":\"DL360 Gen10 1\","
        + "\"EnclosureGroup\":\"Other-Group\"")))
        .hasMessageContaining("\"ServerHardwareType\" is \"DL360 Gen10 1\" but template "
            + "\"Docker-Gen8-Template\" is for server hardware type \"BL460c Gen8 1\"")
        .hasMessageContaining("\"EnclosureGroup\" is \"Other-Group\" but template "
            + "\"Docker-Gen8-Template\" is for enclosure group \"Enclosure-Group-1\"");
    assertThatThrownBy(() -> h.client().validate(RawJson.of("{\"TemplateName\":\"Rack-DL360-Template\","
        + "\"EnclosureGroup\":\"Enclosure-Group-1\"}")))
        .hasMessageContaining("template \"Rack-DL360-Template\" has no enclosure group (rack servers)");
    assertThatThrownBy(() -> h.client().validate(blade("\"ServerHardware\":[\"Encl9, bay 99\",\"DL360-1\"]")))
        .hasMessageContaining("\"ServerHardware\" names unknown server \"Encl9, bay 99\"")
        .hasMessageContaining("names server \"DL360-1\" not compatible with template \"Docker-Gen8-Template\"");
    assertThatThrownBy(() -> h.client().validate(blade("\"Model\":\"ProLiant(\"")))
        .hasMessageContaining("\"Model\" is not a valid regular expression: \"ProLiant(\"");
    assertThatThrownBy(() -> h.client().validate(blade("\"MinMemoryMb\":-5,\"ServerHardware\":[]")))
        .hasMessageContaining("\"MinMemoryMb\" must be a whole number from 1")
        .hasMessageContaining("\"ServerHardware\" must be a list of server names, or an object mapping");
  }

  @Test
  void provisionTakesOnlyServersThatMatch() {
    RawJson big = blade("\"MinMemoryMb\":200000");
    InstanceId a = h.client().provision(InstanceSpec.builder().properties(big).tag("infrakit.group", "big").build());
    InstanceId b = h.client().provision(InstanceSpec.builder().properties(big).tag("infrakit.group", "big").build());
    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder().properties(big).build()))
        .hasMessage("no free server for template \"Docker-Gen8-Template\": 0 of 12 compatible servers "
            + "free (10 excluded by the hardware properties, 2 reserved by in-flight provisions)");
    await("both running", Duration.ofSeconds(20), () -> h.settled(2));
    assertThat(h.describe(Map.of()))
        .extracting(d -> Json.field(d.properties(), "server.name"))
        .containsExactlyInAnyOrder(BareMetalInventory.BIG_BLADE_1, BareMetalInventory.BIG_BLADE_2);
    assertThat(h.describe(Map.of())).extracting(d -> Json.field(d.properties(), "hardware.memoryMb"))
        .containsOnly("262144.0");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void aPetGetsTheSameServerBackByItsLogicalId() {
    RawJson pets = blade("\"ServerHardware\":{\"db-1\":\"Encl1, bay 7\",\"db-2\":\"Encl1, bay 9\"}");
    assertThatCode(() -> h.client().validate(pets)).doesNotThrowAnyException();
    InstanceId first = h.client().provision(InstanceSpec.builder().properties(pets)
        .logicalId(LogicalId.of("db-2")).tag("infrakit.group", "pets").build());
    await("pet running", Duration.ofSeconds(20), () -> h.settled(1));
    assertThat(Json.field(h.describe(Map.of()).get(0).properties(), "server.name")).isEqualTo("Encl1, bay 9");

    h.client().destroy(first, DestroyContext.TERMINATE);
    await("pet gone", Duration.ofSeconds(20), () -> h.sim.pendingTasks() == 0
        && h.envelopedProfiles().isEmpty() && h.describe(Map.of()).isEmpty());
    h.plugin().refreshNow();
    InstanceId again = h.client().provision(InstanceSpec.builder().properties(pets)
        .logicalId(LogicalId.of("db-2")).tag("infrakit.group", "pets").build());
    await("pet running again", Duration.ofSeconds(20), () -> h.settled(1));
    assertThat(again).isNotEqualTo(first);
    assertThat(Json.field(h.describe(Map.of()).get(0).properties(), "server.name")).isEqualTo("Encl1, bay 9");

    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder().properties(pets)
        .logicalId(LogicalId.of("db-3")).build()))
        .hasMessageContaining("\"ServerHardware\" names no server for logical ID \"db-3\" (it maps \"db-1\", \"db-2\")");
    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder().properties(pets).build()))
        .hasMessageContaining("this instance has no logical ID");
  }

  @Test
  void aServerAnotherUserClaimsIsNeverChosenAndIsChoosableAgainOnceReleased() {
    String bay5 = h.sim.serverHardware("Encl1, bay 5").orElseThrow().uri();
    h.sim.faults().assignForeignProfile(bay5);
    h.plugin().refreshNow();
    RawJson onlyBay5 = blade("\"ServerHardware\":[\"Encl1, bay 5\"]");
    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder().properties(onlyBay5).build()))
        .hasMessage("no free server for template \"Docker-Gen8-Template\": 0 of 12 compatible servers "
            + "free (11 excluded by the hardware properties, 1 in use)");

    h.sim.faults().releaseServerAsAnotherUser(bay5);
    h.plugin().refreshNow(); // no restart: the next listing shows it free
    h.client().provision(InstanceSpec.builder().properties(onlyBay5).tag("infrakit.group", "g").build());
    await("running on bay 5", Duration.ofSeconds(20), () -> h.settled(1));
    assertThat(Json.field(h.describe(Map.of()).get(0).properties(), "server.name")).isEqualTo("Encl1, bay 5");
  }

  @Test
  void aFailedServerIsNeverChosen() {
    for (var server : h.sim.serverHardware()) {
      if (server.name().startsWith("Encl")) {
        h.sim.serverStatus(server.uri(), "Critical");
      }
    }
    h.plugin().refreshNow();
    assertThatThrownBy(() -> h.provision(Map.of()))
        .hasMessage("no free server for template \"Docker-Gen8-Template\": 0 of 12 compatible servers "
            + "free (12 failed (status Critical))");
  }
}
