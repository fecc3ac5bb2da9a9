package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validate (over the socket) is where bad configuration stops, with a message naming the problem. */
class ValidateTest {

  private static PluginHarness h;

  @BeforeAll
  static void start() {
    h = PluginHarness.start(4, Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void theOriginalPluginsPropertiesAreValid() {
    assertThatCode(() -> h.client().validate(RawJson.of(
        "{\"Note\":\"Generic OneView configuration\",\"TemplateName\":\"Docker-Gen8-Template\"}")))
        .doesNotThrowAnyException();
    assertThatCode(() -> h.client().validate(RawJson.of("{\"TemplateName\":\"Rack-DL360-Template\","
        + "\"PowerOn\":false,\"ProfileNamePrefix\":\"web-01.\"}"))).doesNotThrowAnyException();
  }

  @Test
  void anUnknownTemplateIsRejectedWithTheAvailableOnes() {
    assertThatThrownBy(() -> h.client().validate(RawJson.of("{\"TemplateName\":\"docker-gen8-template\"}")))
        .isInstanceOf(PluginException.class)
        .hasMessage("unknown template \"docker-gen8-template\"; available templates: "
            + "Docker-Gen8-Template, Rack-DL360-Template");
  }

  @Test
  void anUnknownPropertyIsRejectedByName() {
    assertThatThrownBy(() -> h.client().validate(RawJson.of(
        "{\"TemplateName\":\"Docker-Gen8-Template\",\"templatename\":\"x\",\"Count\":3}")))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("unknown properties \"templatename\", \"Count\"")
        .hasMessageContaining("known: TemplateName, Note, PowerOn, ProfileNamePrefix");
  }

  @Test
  void wrongTypesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> h.client().validate(RawJson.of(
        "{\"TemplateName\":7,\"PowerOn\":\"yes\",\"ProfileNamePrefix\":\"bad'name\"}")))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("\"TemplateName\" must be a non-empty string, got number 7")
        .hasMessageContaining("\"PowerOn\" must be a boolean (true or false), got string \"yes\"")
        .hasMessageContaining("\"ProfileNamePrefix\" must be a string of 1 to 64 letters");
  }

  @Test
  void aMissingTemplateOrANonObjectIsRejected() {
    assertThatThrownBy(() -> h.client().validate(RawJson.of("{\"Note\":\"n\"}")))
        .hasMessageContaining("\"TemplateName\" is required");
    assertThatThrownBy(() -> h.client().validate(RawJson.of("[]")))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> h.client().validate(RawJson.NULL))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void provisionRefusesWhatValidateRefusesAndTagsTooLargeForTheEnvelope() {
    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder()
        .properties("{\"TemplateName\":\"nope\"}").build()))
        .hasMessageStartingWith("unknown template \"nope\"");
    String big = "x".repeat(40_000);
    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder()
        .properties(PluginHarness.BLADE_PROPERTIES).tags(Map.of("a", big, "b", big)).build()))
        .hasMessageContaining("instance tags are too large: the ownership envelope would be 80")
        .hasMessageContaining("the limit is 65536 bytes");
    h.plugin().refreshNow();
    org.assertj.core.api.Assertions.assertThat(h.describe(Map.of())).isEmpty();
  }
}
