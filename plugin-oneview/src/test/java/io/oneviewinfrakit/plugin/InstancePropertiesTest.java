package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstancePropertiesTest {

  @Test
  void defaultsApplyWhenOnlyTheTemplateIsGiven() {
    InstanceProperties p = InstanceProperties.parse("{\"TemplateName\":\"web\",\"Note\":\"n\"}");
    assertThat(p).isEqualTo(new InstanceProperties("web", true, "infrakit-"));
    assertThat(p.profileName("ov-abcdefghijklmnop")).isEqualTo("infrakit-ov-abcdefghijklmnop");
  }

  @Test
  void everyProblemIsNamedInOneMessage() {
    assertThatThrownBy(() -> InstanceProperties.parse(
        "{\"TemplateName\":\"\",\"PowerOn\":1,\"Template\":\"x\",\"Note\":[]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown property \"Template\"")
        .hasMessageContaining("\"TemplateName\" must be a non-empty string, got string \"\"")
        .hasMessageContaining("\"PowerOn\" must be a boolean (true or false), got number 1")
        .hasMessageContaining("\"Note\" must be a string, got an array");
  }

  @Test
  void aProfileNamePrefixThatCouldBreakAFilterOrANameIsRefused() {
    for (String bad : new String[] {"", "a'b", "a b", "-lead", "x".repeat(65), "ü"}) {
      assertThatThrownBy(() -> InstanceProperties.parse(
          "{\"TemplateName\":\"t\",\"ProfileNamePrefix\":\"" + bad + "\"}"))
          .as(bad).hasMessageContaining("\"ProfileNamePrefix\" must be");
    }
    assertThat(InstanceProperties.parse("{\"TemplateName\":\"t\",\"ProfileNamePrefix\":\"web-01_a.\"}")
        .profileNamePrefix()).isEqualTo("web-01_a.");
  }

  @Test
  void malformedJsonIsRefusedNotCrashedOn() {
    assertThatThrownBy(() -> InstanceProperties.parse("{\"TemplateName\":")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> InstanceProperties.parse("")).hasMessageContaining("missing");
    assertThatThrownBy(() -> InstanceProperties.parse("\"web\"")).hasMessageContaining("must be a JSON object");
  }
}
