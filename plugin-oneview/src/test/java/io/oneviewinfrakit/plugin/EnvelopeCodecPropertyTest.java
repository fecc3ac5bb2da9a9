package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The envelope's properties over generated input. A class of its own: the jqwik engine and JUnit
 * Jupiter each run a class holding their tests, and a class holding both was run (and reported)
 * twice, the second report overwriting the first.
 */
class EnvelopeCodecPropertyTest {

  private static final String ID = "ov-abcdefghijklmnop";

  @Property(tries = 300)
  void anyTagsThatFitRoundTrip(@ForAll @Size(max = 8) Map<@StringLength(max = 40) String,
      @StringLength(max = 200) String> tags, @ForAll boolean powerOn) {
    Envelope e = new Envelope("default", ID, null, tags, powerOn);
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e))).contains(e);
  }

  @Property(tries = 300)
  void anyDescriptionDecodesToNothingOrAnEnvelopeNeverAnError(@ForAll String description) {
    assertThat(EnvelopeCodec.decode(description)).isNotNull();
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.PREFIX + description)).isNotNull();
  }
}
