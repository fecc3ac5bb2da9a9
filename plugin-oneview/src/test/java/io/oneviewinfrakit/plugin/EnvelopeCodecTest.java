package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

  private static final String ID = "ov-abcdefghijklmnop";

  @Test
  void theEncodingIsThePrefixAndCompactJsonWithSortedTags() {
    Envelope e = new Envelope("default", ID, null, Map.of("b", "2", "a", "1"), true);
    assertThat(EnvelopeCodec.encode(e)).isEqualTo("infrakit-oneview/v2 {\"owner\":\"default\","
        + "\"id\":\"ov-abcdefghijklmnop\",\"intent\":\"Running\",\"logicalId\":null,\"powerOn\":true,"
        + "\"tags\":{\"a\":\"1\",\"b\":\"2\"}}");
  }

  @Test
  void anEnvelopeWrittenByAnEarlierVersionDecodesAsRunning() {
    // Exactly what version 0.1 wrote (and what profiles created by it carry).
    String v1 = "infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-abcdefghijklmnop\","
        + "\"logicalId\":\"10.0.0.1\",\"powerOn\":false,\"tags\":{\"a\":\"1\"}}";
    assertThat(EnvelopeCodec.decode(v1)).contains(new Envelope("default", ID, "10.0.0.1",
        Map.of("a", "1"), false, Envelope.Intent.RUNNING));
    // A v1 envelope is never Destroying, even if a field says so: v1 had no intent.
    assertThat(EnvelopeCodec.decode(v1.replace("{\"owner\"", "{\"intent\":\"Destroying\",\"owner\"")))
        .hasValueSatisfying(d -> assertThat(d.intent()).isEqualTo(Envelope.Intent.RUNNING));
  }

  @Test
  void theIntentRoundTripsAndAnUnknownOrMissingIntentIsNotOurs() {
    Envelope e = new Envelope("default", ID, null, Map.of(), true).withIntent(Envelope.Intent.DESTROYING);
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e))).contains(e);
    assertThat(EnvelopeCodec.encode(e)).contains("\"intent\":\"Destroying\"");
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e).replace("Destroying", "Exploding"))).isEmpty();
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e).replace("\"intent\":\"Destroying\",", "")))
        .isEmpty();
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e).replace("\"Destroying\"", "true"))).isEmpty();
  }

  @Test
  void hostileTagValuesRoundTripUnchanged() {
    Map<String, String> tags = new HashMap<>();
    tags.put("quote\"key", "\"},\"owner\":\"attacker\",\"x\":{\"");
    tags.put("unicode", "日本語 ✓ \u0000 \u2028 \uD83D\uDE00");
    tags.put("backslash", "\\\\\\\"");
    tags.put("ten-kb", "v".repeat(10_240));
    tags.put("", "empty key");
    tags.put("filter", "name eq 'x' or '1'='1'");
    Envelope e = new Envelope("ns", ID, "10.0.0.1", tags, false);
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e))).contains(e);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "Created by a person",
      "workers|h7qqowwvts4tjb65q4aw3qggw3hfgs5u",
      "infrakit-oneview/v1",
      "infrakit-oneview/v1 ",
      "infrakit-oneview/v1 {",
      "infrakit-oneview/v1 null",
      "infrakit-oneview/v1 []",
      "infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-abcdefghijklmnop\",\"tags\":{\"a\":1}}",
      "infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"profile-name\",\"tags\":{}}",
      "infrakit-oneview/v1 {\"owner\":7,\"id\":\"ov-abcdefghijklmnop\",\"tags\":{}}",
      "infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-abcdefghijklmnop\"}",
      "infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-abcdefghijklmnop\",\"tags\":{},\"powerOn\":\"yes\"}",
      "infrakit-oneview/v1 {\"owner\":\"a\",\"owner\":\"b\",\"id\":\"ov-abcdefghijklmnop\",\"tags\":{}}",
      "infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-abcdefghijklmnop\",\"tags\":{}} trailing",
      "infrakit-oneview/v2 {\"owner\":\"default\",\"id\":\"ov-abcdefghijklmnop\",\"tags\":{}}",
      " infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-abcdefghijklmnop\",\"tags\":{}}"})
  void foreignOrGarbledDescriptionsAreNotOurs(String description) {
    assertThat(EnvelopeCodec.decode(description)).isEmpty();
  }

  @Test
  void onlyThisNamespacesEnvelopeIsOwnedAndOnlyThisInstancesIsTheInstances() {
    Envelope e = new Envelope("default", ID, null, Map.of("k", "v"), true);
    String description = EnvelopeCodec.encode(e);
    assertThat(EnvelopeCodec.decodeOwned(description, "default")).contains(e);
    assertThat(EnvelopeCodec.decodeOwned(description, "other")).isEmpty();
    assertThat(EnvelopeCodec.decodeInstance(description, "default", ID)).contains(e);
    assertThat(EnvelopeCodec.decodeInstance(description, "default", "ov-aaaaaaaaaaaaaaaa")).isEmpty();
    assertThat(EnvelopeCodec.decodeInstance(description, "other", ID)).isEmpty();
    assertThat(EnvelopeCodec.decodeOwned("hand-written description", "default")).isEmpty();
  }

  @Test
  void unknownExtraFieldsOfALaterV1WriterAreIgnored() {
    assertThat(EnvelopeCodec.decode("infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"" + ID
        + "\",\"tags\":{\"k\":\"v\"},\"createdBy\":{\"x\":[1,2]}}"))
        .contains(new Envelope("default", ID, null, Map.of("k", "v"), true));
    assertThat(EnvelopeCodec.decode(null)).isEmpty();
  }

  @Test
  void anEnvelopeAboveTheLimitIsRefusedNamingItsSize() {
    Envelope e = new Envelope("default", ID, null, Map.of("big", "x".repeat(70_000)), true);
    assertThatThrownBy(() -> EnvelopeCodec.encode(e))
        .isInstanceOf(EnvelopeTooLargeException.class)
        .hasMessageContaining("would be 70")
        .hasMessageContaining("the limit is 65536 bytes");
  }

  @Test
  void instanceIdsHaveOurShapeAndDoNotRepeat() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = InstanceIds.newId();
      assertThat(InstanceIds.hasOurShape(id)).as(id).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(1000);
    assertThat(InstanceIds.hasOurShape("InfraKit-123")).isFalse();
    assertThat(InstanceIds.hasOurShape("ov-ABCDEFGHIJKLMNOP")).isFalse();
    assertThat(InstanceIds.hasOurShape(null)).isFalse();
  }
}
