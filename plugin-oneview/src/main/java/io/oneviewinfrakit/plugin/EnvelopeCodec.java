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
 * {@code infrakit-oneview/v1 {"owner":"default","id":"ov-abcdefghijklmnop","logicalId":null,
 * "powerOn":true,"tags":{"infrakit.group":"workers"}}}. JSON (written by Moshi) escapes any tag key or
 * value, so quotes, backslashes, control characters or unicode in tags cannot change the structure.
 *
 * <p>Decoding is defensive: anything that is not exactly this shape (another prefix, garbled or
 * truncated JSON, duplicate keys, wrong types, an ID of another shape) is "not ours" and yields
 * {@link Optional#empty()}; it never throws. Unknown extra fields are ignored so a later v1 writer
 * may add optional fields.
 */
final class EnvelopeCodec {

  static final String PREFIX = "infrakit-oneview/v1 ";

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
    if (description == null || !description.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Buffer buffer = new Buffer().writeUtf8(description.substring(PREFIX.length()));
    try (JsonReader reader = JsonReader.of(buffer)) {
      Object value = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT || !(value instanceof Map<?, ?> fields)) {
        return Optional.empty();
      }
      return fromFields(fields);
    } catch (IOException | RuntimeException e) {
      // Moshi reports malformed JSON, duplicate keys and nesting limits as exceptions: not ours.
      return Optional.empty();
    }
  }

  private static Optional<Envelope> fromFields(Map<?, ?> fields) {
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
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<?, ?> tag : rawTags.entrySet()) {
      if (!(tag.getKey() instanceof String key) || !(tag.getValue() instanceof String value)) {
        return Optional.empty();
      }
      tags.put(key, value);
    }
    return Optional.of(new Envelope(owner, id, (String) logicalId, tags, (Boolean) powerOn));
  }
}
