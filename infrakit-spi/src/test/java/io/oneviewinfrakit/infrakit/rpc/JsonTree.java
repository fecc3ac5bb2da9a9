package io.oneviewinfrakit.infrakit.rpc;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okio.Buffer;

/** Parses a response into plain maps and lists, to assert on shapes. */
final class JsonTree {
  private JsonTree() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(json))) {
      return (Map<String, Object>) r.readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
