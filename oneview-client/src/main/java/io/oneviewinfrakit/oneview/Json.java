package io.oneviewinfrakit.oneview;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okio.Buffer;

/**
 * Reads and writes OneView JSON as trees of maps, lists, strings, booleans, nulls and numbers, where
 * numbers are {@code Long} when integral and {@code BigDecimal} otherwise, so that a document read
 * and written back is unchanged ({@code 5} never becomes {@code 5.0}).
 *
 * <p>Thread-safe.
 */
final class Json {
  static final Type OBJECT_TYPE = Types.newParameterizedType(Map.class, String.class, Object.class);

  static final JsonAdapter<Object> TREE = new TreeAdapter();

  static final Moshi MOSHI = new Moshi.Builder()
      .add((type, annotations, moshi) -> {
        if (!annotations.isEmpty()) return null;
        if (type == Object.class || type == Map.class || type.equals(OBJECT_TYPE)) return TREE;
        return null;
      })
      .build();

  private Json() {}

  /** Parses {@code json}, which must be a JSON object. */
  static Map<String, Object> parseObject(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      Object tree = TREE.fromJson(reader);
      // JsonAdapter.fromJson stops after the first value; "{...} garbage" is not a JSON object.
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("content after the JSON value");
      }
      if (!(tree instanceof Map)) {
        throw new IllegalArgumentException("Expected a JSON object but was " + kind(tree));
      }
      return asObject(tree);
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("Malformed JSON: " + e.getMessage(), e);
    }
  }

  static String toJson(Object tree) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      TREE.toJson(writer, tree);
    } catch (IOException e) {
      throw new AssertionError(e); // Writing to a Buffer does not fail.
    }
    return buffer.readUtf8();
  }

  /** A deep, unmodifiable copy of {@code json}, rejecting values that are not JSON values. */
  static Map<String, Object> copyObject(Map<String, ?> json) {
    return asObject(copy(json, "$"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object tree) {
    return (Map<String, Object>) tree;
  }

  private static Object copy(Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) return value;
    if (value instanceof Long || value instanceof BigDecimal) return value;
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) return normalize(new BigDecimal(big));
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("Not a JSON number at " + path + ": " + value);
      }
      return normalize(new BigDecimal(value.toString()));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException("Not a JSON object key at " + path + ": " + entry.getKey());
        }
        result.put(key, copy(entry.getValue(), path + "." + key));
      }
      return Collections.unmodifiableMap(result);
    }
    if (value instanceof List<?> list) {
      List<Object> result = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        result.add(copy(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(result);
    }
    throw new IllegalArgumentException(
        "Not a JSON value at " + path + ": " + value.getClass().getName());
  }

  /** Integral values become {@code Long} so that equal documents compare equal. */
  private static Object normalize(BigDecimal value) {
    if (value.scale() <= 0) {
      try {
        return value.longValueExact();
      } catch (ArithmeticException tooBig) {
        return value;
      }
    }
    return value;
  }

  private static String kind(Object tree) {
    if (tree == null) return "null";
    if (tree instanceof List) return "an array";
    return "a " + tree.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** The field as a string; numbers and booleans are converted, objects and arrays are written as JSON. */
  static String string(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null || value instanceof String) return (String) value;
    if (value instanceof Number || value instanceof Boolean) return value.toString();
    return toJson(value);
  }

  /** The field as a long, or null when absent, null, fractional or not a number. */
  static Long longValue(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value instanceof Long l) return l;
    if (value instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The field as a boolean, or null when absent, null or not a boolean. */
  static Boolean bool(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value instanceof Boolean b) return b;
    if ("true".equals(value)) return true;
    if ("false".equals(value)) return false;
    return null;
  }

  /** The field as an object, or null when absent or not an object. */
  static Map<String, Object> object(Map<String, Object> json, String field) {
    Object value = json.get(field);
    return value instanceof Map ? asObject(value) : null;
  }

  /** The objects in the array field; empty when absent. Non-object elements are skipped. */
  static List<Map<String, Object>> objects(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (!(value instanceof List<?> list)) return List.of();
    List<Map<String, Object>> result = new ArrayList<>(list.size());
    for (Object element : list) {
      if (element instanceof Map) result.add(asObject(element));
    }
    return result;
  }

  /** The non-null scalars in the array field, as strings; empty when absent. */
  static List<String> strings(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (!(value instanceof List<?> list)) return List.of();
    List<String> result = new ArrayList<>(list.size());
    for (Object element : list) {
      if (element instanceof String s) result.add(s);
      else if (element != null) result.add(element instanceof Map || element instanceof List ? toJson(element) : element.toString());
    }
    return result;
  }

  /** Reads any JSON value into a tree; writes a tree back. */
  private static final class TreeAdapter extends JsonAdapter<Object> {
    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      switch (reader.peek()) {
        case BEGIN_OBJECT: {
          Map<String, Object> result = new LinkedHashMap<>();
          reader.beginObject();
          while (reader.hasNext()) {
            String name = reader.nextName();
            result.put(name, fromJson(reader));
          }
          reader.endObject();
          return Collections.unmodifiableMap(result);
        }
        case BEGIN_ARRAY: {
          List<Object> result = new ArrayList<>();
          reader.beginArray();
          while (reader.hasNext()) {
            result.add(fromJson(reader));
          }
          reader.endArray();
          return Collections.unmodifiableList(result);
        }
        case STRING:
          return reader.nextString();
        case NUMBER:
          return number(reader.nextString(), reader.getPath());
        case BOOLEAN:
          return reader.nextBoolean();
        case NULL:
          return reader.nextNull();
        default:
          throw new JsonDataException("Unexpected " + reader.peek() + " at " + reader.getPath());
      }
    }

    private static Object number(String literal, String path) {
      boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
      if (integral && literal.length() <= 18) {
        try {
          return Long.parseLong(literal); // the common case, without a BigDecimal
        } catch (NumberFormatException notDigits) {
          // fall through to BigDecimal's own error
        }
      }
      try {
        BigDecimal value = new BigDecimal(literal);
        if (integral) {
          try {
            return value.longValueExact();
          } catch (ArithmeticException tooBig) {
            return value;
          }
        }
        return value;
      } catch (NumberFormatException e) {
        throw new JsonDataException("Not a number at " + path + ": " + literal);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      if (value == null) {
        writer.nullValue();
      } else if (value instanceof Map<?, ?> map) {
        writer.beginObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          writer.name(String.valueOf(entry.getKey()));
          toJson(writer, entry.getValue());
        }
        writer.endObject();
      } else if (value instanceof List<?> list) {
        writer.beginArray();
        for (Object element : list) {
          toJson(writer, element);
        }
        writer.endArray();
      } else if (value instanceof String s) {
        writer.value(s);
      } else if (value instanceof Boolean b) {
        writer.value(b);
      } else if (value instanceof Number n) {
        // Moshi writes Number.toString(): Long as digits, BigDecimal with its exact scale.
        writer.value(n);
      } else {
        throw new JsonDataException("Not a JSON value at " + writer.getPath() + ": " + value.getClass().getName());
      }
    }
  }
}
