package io.oneviewinfrakit.infrakit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void rawJsonKeepsTheTextExactly() {
    String text = "{ \"b\" : 1.500, \"a\": 12345678901234567890123 }";
    assertThat(RawJson.of(text).json()).isEqualTo(text);
    assertThat(RawJson.of(text).isObject()).isTrue();
    assertThat(RawJson.of(" null ").isNull()).isTrue();
  }

  @Test
  void rawJsonRejectsAnythingButOneValue() {
    assertThatThrownBy(() -> RawJson.of("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RawJson.of("{} {}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a single JSON value");
    assertThatThrownBy(() -> RawJson.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RawJson.of("NaN")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void specTagsAreCopiedSoCallersCannotChangeThem() {
    Map<String, String> tags = new HashMap<>(Map.of("a", "1"));
    InstanceSpec spec = InstanceSpec.builder().tags(tags).build();
    tags.put("b", "2");
    assertThat(spec.tags()).containsExactly(Map.entry("a", "1"));
    assertThat(spec.properties()).isEqualTo(RawJson.NULL);
    assertThat(spec.init()).isEmpty();
    assertThat(spec.toBuilder().build()).isEqualTo(spec);
  }

  @Test
  void descriptionMatchesAFilterOnlyWhenItHasEveryTag() {
    InstanceDescription d = InstanceDescription.of(InstanceId.of("i"), Map.of("a", "1", "b", "2"));
    assertThat(d.hasTags(Map.of())).isTrue();
    assertThat(d.hasTags(Map.of("a", "1", "b", "2"))).isTrue();
    assertThat(d.hasTags(Map.of("a", "1", "c", "3"))).isFalse();
    assertThat(d.hasTags(Map.of("a", "2"))).isFalse();
  }

  @Test
  void destroyContextMapsInfraKitReasons() {
    assertThat(DestroyContext.ofReason("terminate")).contains(DestroyContext.TERMINATE);
    assertThat(DestroyContext.ofReason("rolling_update")).contains(DestroyContext.ROLLING_UPDATE);
    assertThat(DestroyContext.ofReason("")).contains(DestroyContext.NONE);
    assertThat(DestroyContext.ofReason("reboot")).isEmpty();
  }

  @Test
  void blankIdsAreRejected() {
    assertThatThrownBy(() -> InstanceId.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogicalId.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
