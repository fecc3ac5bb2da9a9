package io.oneviewinfrakit.plugin;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okio.Buffer;

/**
 * Encodes the ownership {@link Envelope} into a server profile description and back.
 *
 * <p>Format: the fixed prefix {@value #PREFIX} followed by one compact JSON object, for example
 * {@code infrakit-oneview/v2 {"owner":"default","id":"ov-abcdefghijklmnop","intent":"Running",
 * "logicalId":null,"powerOn":true,"tags":{"infrakit.group":"workers"}}}. JSON (written by Moshi)
 * escapes any tag key or value, so quotes, backslashes, control characters or unicode in tags cannot
 * change the structure.
 *
 * <p>Versions: v2 added the {@code intent} field. It is a new prefix, not an optional v1 field, on
 * purpose: a v1 plugin ignores unknown fields, so it would have kept listing, and powering on, a
 * profile another process marked {@code Destroying}; a v1 plugin does not recognise the v2 prefix at
 * all and leaves such profiles alone. This version reads v1 envelopes (written by earlier versions)
 * as {@code Running} and writes v2 whenever it changes one, so an upgrade keeps every instance.
 *
 * <p>Decoding is defensive: anything that is not exactly this shape (another prefix, garbled or
 * truncated JSON, duplicate keys, wrong types, an ID of another shape, an unknown intent) is "not
 * ours" and yields {@link Optional#empty()}; it never throws. Unknown extra fields are ignored so a
 * later v2 writer may add optional fields.
 */
final class EnvelopeCodec {

  /** The prefix this version writes. */
  static final String PREFIX = "infrakit-oneview/v2 ";
  /** The prefix of earlier versions' envelopes, still read (as {@code Running}). */
  static final String PREFIX_V1 = "infrakit-oneview/v1 ";

  /**
   * The largest encoded description (UTF-8 bytes) the plugin writes. Chosen to hold any realistic set
   * of InfraKit tags (including several 10 KB values) while keeping profile documents small.
   */
  static final int MAX_ENCODED_BYTES = 64 * 1024;

  private EnvelopeCodec() {}

  /** Encodes; throws {@link EnvelopeTooLargeException} above {@link #MAX_ENCODED_BYTES}. */
  static String encode(Envelope envelope) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      writer.beginObject();
      writer.name("owner").value(envelope.owner());
      writer.name("id").value(envelope.id());
      writer.name("intent").value(envelope.intent().wireName());
      writer.name("logicalId").value(envelope.logicalId());
      writer.name("powerOn").value(envelope.powerOn());
      writer.name("tags").beginObject();
      for (Map.Entry<String, String> tag : envelope.sortedTags().entrySet()) {
        writer.name(tag.getKey()).value(tag.getValue());
      }
      writer.endObject();
      writer.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory buffer does not fail
    }
    String encoded = PREFIX + buffer.readUtf8();
    int size = encoded.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_ENCODED_BYTES) {
      throw new EnvelopeTooLargeException(size, MAX_ENCODED_BYTES);
    }
    return encoded;
  }

  /**
   * The envelope on {@code description} when it belongs to {@code namespace}: the one test of
   * whether the plugin may act on a profile at all.
   */
  static Optional<Envelope> decodeOwned(String description, String namespace) {
    return decode(description).filter(e -> e.owner().equals(namespace));
  }

  /** The envelope on {@code description} when it is instance {@code id}'s, in {@code namespace}. */
  static Optional<Envelope> decodeInstance(String description, String namespace, String id) {
    return decodeOwned(description, namespace).filter(e -> e.id().equals(id));
  }

  /** Decodes a profile description; empty when it is not a v1 envelope of this plugin. */
  static Optional<Envelope> decode(String description) {
    boolean v2 = description != null && description.startsWith(PREFIX);
    if (!v2 && (description == null || !description.startsWith(PREFIX_V1))) {
      return Optional.empty();
    }
    Buffer buffer = new Buffer().writeUtf8(description.substring((v2 ? PREFIX : PREFIX_V1).length()));
    try (JsonReader reader = JsonReader.of(buffer)) {
      Object value = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT || !(value instanceof Map<?, ?> fields)) {
        return Optional.empty();
      }
      return fromFields(fields, v2);
    } catch (IOException | RuntimeException e) {
      // Moshi reports malformed JSON, duplicate keys and nesting limits as exceptions: not ours.
      return Optional.empty();
    }
  }

  private static Optional<Envelope> fromFields(Map<?, ?> fields, boolean v2) {
    if (!(fields.get("owner") instanceof String owner)
        || !(fields.get("id") instanceof String id)
        || !InstanceIds.hasOurShape(id)
        || !(fields.get("tags") instanceof Map<?, ?> rawTags)) {
      return Optional.empty();
    }
    Object logicalId = fields.get("logicalId");
    if (logicalId != null && !(logicalId instanceof String)) {
      return Optional.empty();
    }
    Object powerOn = fields.containsKey("powerOn") ? fields.get("powerOn") : Boolean.TRUE;
    if (!(powerOn instanceof Boolean)) {
      return Optional.empty();
    }
    Envelope.Intent intent = Envelope.Intent.RUNNING;
    if (v2) {
      intent = fields.get("intent") instanceof String wire ? Envelope.Intent.fromWire(wire) : null;
      if (intent == null) {
        return Optional.empty();
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<?, ?> tag : rawTags.entrySet()) {
      if (!(tag.getKey() instanceof String key) || !(tag.getValue() instanceof String value)) {
        return Optional.empty();
      }
      tags.put(key, value);
    }
    return Optional.of(new Envelope(owner, id, (String) logicalId, tags, (Boolean) powerOn, intent));
  }
}
