package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The properties parser over generated input. A class of its own: a class holding both jqwik and
 * Jupiter tests was run (and reported) once per engine, the second report overwriting the first.
 */
class InstancePropertiesPropertyTest {

  @Property(tries = 500)
  void anyInputIsEitherParsedOrRefusedWithAMessage(@ForAll String json) {
    try {
      InstanceProperties.parse(json);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
