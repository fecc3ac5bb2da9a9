package io.oneviewinfrakit.infrakit.rpc;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * Moshi streaming helpers shared by the server and the client. Field names are matched ignoring case,
 * as Go's decoder does, so any client InfraKit could have produced is understood.
 */
final class Json {
  private Json() {}

  /** Writer for one JSON value into a sink. */
  @FunctionalInterface
  interface Body {
    void write(JsonWriter writer) throws IOException;
  }

  /** Reader of one JSON value; may throw {@link RpcError} for values of the wrong shape. */
  @FunctionalInterface
  interface Reading<T> {
    T read(JsonReader reader) throws IOException, RpcError;
  }

  static JsonReader reader(String json) {
    return JsonReader.of(new Buffer().writeUtf8(json));
  }

  static JsonWriter writer(Buffer buffer) {
    JsonWriter w = JsonWriter.of(buffer);
    w.setSerializeNulls(true);
    return w;
  }

  /** Null when {@code text} is exactly one well-formed JSON value, else what is wrong with it. */
  static String syntaxProblem(Buffer text) {
    try (JsonReader reader = JsonReader.of(text)) {
      reader.skipValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        return "trailing data after the JSON value";
      }
      return null;
    } catch (IOException | JsonDataException e) {
      return withoutLibraryHints(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Moshi's advice to its own programmer; a caller of the plugin can do nothing with it. */
  private static final String LENIENT_HINT = "Use JsonReader.setLenient(true) to accept malformed JSON";

  /**
   * A JSON library message in words for the sender: Moshi's {@code setLenient} advice becomes "not
   * valid JSON", keeping where it went wrong ({@code at path $.params}).
   */
  static String withoutLibraryHints(String message) {
    return message.replace(LENIENT_HINT, "not valid JSON");
  }

  /** The next value's exact text, whatever its type. */
  static String raw(JsonReader reader) throws IOException {
    try (BufferedSource source = reader.nextSource()) {
      return source.readUtf8();
    }
  }

  /** Writes {@code json} (already known to be one valid JSON value) verbatim as the next value. */
  static void writeRaw(JsonWriter writer, String json) throws IOException {
    try (BufferedSink sink = writer.valueSink()) {
      sink.writeUtf8(json);
    }
  }

  static RawJson rawJson(JsonReader reader) throws IOException {
    return new RawJson(raw(reader));
  }

  /** A string, or {@code null} for JSON null; any other type is invalid params naming {@code field}. */
  static String stringOrNull(JsonReader reader, String field) throws IOException, RpcError {
    JsonReader.Token t = reader.peek();
    if (t == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    if (t != JsonReader.Token.STRING) {
      throw RpcError.invalidParams(field + " must be a string, not " + describe(t));
    }
    return reader.nextString();
  }

  static boolean bool(JsonReader reader, String field) throws IOException, RpcError {
    JsonReader.Token t = reader.peek();
    if (t == JsonReader.Token.NULL) {
      reader.nextNull();
      return false;
    }
    if (t != JsonReader.Token.BOOLEAN) {
      throw RpcError.invalidParams(field + " must be a boolean, not " + describe(t));
    }
    return reader.nextBoolean();
  }

  /** An object of string values, empty for JSON null (Go's nil map). */
  static Map<String, String> stringMap(JsonReader reader, String field) throws IOException, RpcError {
    Map<String, String> map = new LinkedHashMap<>();
    JsonReader.Token t = reader.peek();
    if (t == JsonReader.Token.NULL) {
      reader.nextNull();
      return map;
    }
    if (t != JsonReader.Token.BEGIN_OBJECT) {
      throw RpcError.invalidParams(field + " must be an object of strings, not " + describe(t));
    }
    reader.beginObject();
    while (reader.hasNext()) {
      String key = reader.nextName();
      if (reader.peek() != JsonReader.Token.STRING) {
        throw RpcError.invalidParams(field + "[\"" + key + "\"] must be a string, not " + describe(reader.peek()));
      }
      map.put(key, reader.nextString());
    }
    reader.endObject();
    return map;
  }

  static void stringMap(JsonWriter writer, Map<String, String> map) throws IOException {
    writer.beginObject();
    for (Map.Entry<String, String> e : map.entrySet()) {
      writer.name(e.getKey()).value(e.getValue());
    }
    writer.endObject();
  }

  /** Starts reading an object; null reads as an empty object. False when the value was null. */
  static boolean beginObject(JsonReader reader, String field) throws IOException, RpcError {
    JsonReader.Token t = reader.peek();
    if (t == JsonReader.Token.NULL) {
      reader.nextNull();
      return false;
    }
    if (t != JsonReader.Token.BEGIN_OBJECT) {
      throw RpcError.invalidParams(field + " must be an object, not " + describe(t));
    }
    reader.beginObject();
    return true;
  }

  static String describe(JsonReader.Token t) {
    switch (t) {
      case BEGIN_ARRAY:
        return "an array";
      case BEGIN_OBJECT:
        return "an object";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return t.toString();
    }
  }
}
