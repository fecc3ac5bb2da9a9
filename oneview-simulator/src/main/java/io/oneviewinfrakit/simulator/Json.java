package io.oneviewinfrakit.simulator;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * JSON documents as ordered {@code Map}/{@code List} trees, with integral numbers as {@code Long}
 * and others as {@code BigDecimal}, so a document is written back exactly as it was read.
 *
 * <p>Deliberately not shared with the SDK's own {@code Json}: the simulator must not depend on the
 * SDK, so that the two cannot agree on the same mistake.
 */
final class Json {
  private Json() {}

  /** Parses one JSON value; throws {@link SimulatorException} (400) on malformed input. */
  static Object parse(String text) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IOException("trailing content");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SimulatorException se) {
        throw se;
      }
      throw new SimulatorException(400, "INVALID_JSON", "The request body is not valid JSON: " + e.getMessage());
    }
  }

  /** Parses a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new SimulatorException(400, "INVALID_JSON", "The request body must be a JSON object.");
    }
    return (Map<String, Object>) value;
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.put(name, read(reader));
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      }
      case STRING -> {
        return reader.nextString();
      }
      case NUMBER -> {
        return number(reader.nextString());
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      case NULL -> {
        return reader.nextNull();
      }
      default -> throw new IOException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  private static Object number(String text) {
    if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooBig) {
        return new BigDecimal(text);
      }
    }
    return new BigDecimal(text);
  }

  /** Compact JSON text, nulls included (see {@link JsonText}). */
  static String write(Object value) {
    return new String(JsonText.write(value), StandardCharsets.UTF_8);
  }

  /** {@link #write} as UTF-8 bytes. */
  static byte[] writeBytes(Object value) {
    return JsonText.write(value);
  }

  /** An ordered, mutable JSON object from alternating keys and values. */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** A deep, mutable copy of a JSON tree. */
  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(copy(v)));
      return (T) out;
    }
    return value;
  }

  /** Value at a dotted path ("a.b.c"); lists on the way yield a list of the values found. */
  static Object at(Object doc, String dottedPath) {
    Object current = doc;
    for (String part : dottedPath.split("\\.")) {
      current = step(current, part);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private static Object step(Object current, String part) {
    if (current instanceof Map<?, ?> map) {
      return map.get(part);
    }
    if (current instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object v = step(item, part);
        if (v instanceof List<?> inner) {
          out.addAll(inner);
        } else if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List ? (List<Object>) value : null;
  }
}
