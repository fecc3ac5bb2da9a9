package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bare-metal properties: parsed into values, or refused naming the field and the value. */
class HardwarePropertiesParseTest {

  @Test
  void everyBareMetalPropertyIsParsed() {
    InstanceProperties p = InstanceProperties.parse("{\"TemplateName\":\"t\",\"ServerHardwareType\":\"BL\","
        + "\"EnclosureGroup\":\"EG\",\"MinMemoryMb\":32768,\"MinCpuCores\":8,\"Model\":\"ProLiant.*\","
        + "\"ServerHardware\":{\"db-1\":\"Encl1, bay 1\"},\"Networks\":[\"A\",\"B\"],"
        + "\"Boot\":{\"Mode\":\"BIOS\",\"Order\":[\"PXE\"]},\"InitAttribute\":\"UserData\"}");
    assertThat(p.hardware()).isEqualTo(new HardwareMatch("BL", "EG", 32768L, 8, "ProLiant.*", null,
        Map.of("db-1", "Encl1, bay 1")));
    assertThat(p.networks()).containsExactly("A", "B");
    assertThat(p.boot()).isEqualTo(new BootSettings("BIOS", List.of("PXE")));
    assertThat(p.initAttribute()).isEqualTo("UserData");
    assertThat(InstanceProperties.parse("{\"TemplateName\":\"t\",\"ServerHardware\":[\"a\",\"b\"]}")
        .hardware().serverNames()).containsExactly("a", "b");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> InstanceProperties.parse("{\"TemplateName\":\"t\",\"MinCpuCores\":2.5,"
        + "\"Networks\":[\"A\",\"A\"],\"ServerHardware\":{\"x\":\"s\",\"y\":\"s\"},\"InitAttribute\":\"a b\","
        + "\"Boot\":\"UEFI\"}"))
        .hasMessageContaining("\"MinCpuCores\" must be a whole number from 1 to 1048576, got number 2.5")
        .hasMessageContaining("\"Networks\" names \"A\" twice")
        .hasMessageContaining("\"ServerHardware\" gives server \"s\" to two logical IDs")
        .hasMessageContaining("\"InitAttribute\" must be the name of an OS custom attribute")
        .hasMessageContaining("\"Boot\" must be an object with \"Mode\" and/or \"Order\"");
  }

  @Test
  void theMatchAcceptsOnlyServersMeetingEveryConstraint() {
    HardwareMatch m = new HardwareMatch(null, null, 32768L, 16, "ProLiant BL.*", List.of("a", "b"), null);
    ServerView fits = server("a", "ProLiant BL460c Gen8", 65536L, 16);
    assertThat(m.accepts(null).test(fits)).isTrue();
    assertThat(m.accepts(null).test(server("c", "ProLiant BL460c Gen8", 65536L, 16))).isFalse();
    assertThat(m.accepts(null).test(server("a", "ProLiant BL460c Gen8", 16384L, 16))).isFalse();
    assertThat(m.accepts(null).test(server("a", "ProLiant BL460c Gen8", null, 16)))
        .as("unknown memory cannot be proven enough").isFalse();
    assertThat(m.accepts(null).test(server("a", "Synergy ProLiant BL460c", 65536L, 16)))
        .as("the regular expression matches the whole model").isFalse();
  }

  private static ServerView server(String name, String model, Long memoryMb, Integer cores) {
    return new ServerView("/hw/" + name, name, null, model, "/sht", "/eg", null, "NoProfileApplied",
        "Off", false, List.of(), memoryMb, cores, "OK");
  }
}
