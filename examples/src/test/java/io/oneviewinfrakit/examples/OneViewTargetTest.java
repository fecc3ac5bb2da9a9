package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OneViewTargetTest {

  @Test
  void anApplianceNeedsAUserAndAPasswordToo() {
    Map<String, String> env = Map.of(OneViewTarget.URL, "https://oneview.example.com");
    assertThatThrownBy(() -> OneViewTarget.fromEnvironment(env::get))
        .hasMessage("INFRAKIT_ONEVIEW_OVURL is set, so INFRAKIT_ONEVIEW_OVUSER must be set too");
  }

  @Test
  void anApplianceIsUsedAsNamedWithoutStartingASimulator() {
    Map<String, String> env = Map.of(OneViewTarget.URL, "https://oneview.example.com",
        OneViewTarget.USER, "infrakit", OneViewTarget.PASSWORD, "secret");
    try (OneViewTarget target = OneViewTarget.fromEnvironment(env::get)) {
      assertThat(target.simulator()).isEmpty();
      assertThat(target.describe()).startsWith("OneView https://oneview.example.com");
    }
  }
}
