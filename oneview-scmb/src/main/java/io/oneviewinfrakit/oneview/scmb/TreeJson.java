package io.oneviewinfrakit.oneview.scmb;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Parses message bodies into unmodifiable ordered JSON trees, integral numbers as {@code Long} and
 * others as {@code BigDecimal}, so nothing is lost (the project's JSON rule). Stateless.
 */
final class TreeJson {
  private TreeJson() {}

  static Object parse(byte[] utf8) throws IOException {
    try (JsonReader reader = JsonReader.of(new Buffer().write(utf8))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) throw new IOException("trailing content");
      return value;
    }
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
        return Collections.unmodifiableMap(map);
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) list.add(read(reader));
        reader.endArray();
        return Collections.unmodifiableList(list);
      }
      case STRING -> {
        return reader.nextString();
      }
      case NUMBER -> {
        BigDecimal n = new BigDecimal(reader.nextString());
        try {
          return n.longValueExact();
        } catch (ArithmeticException e) {
          return n;
        }
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
}
