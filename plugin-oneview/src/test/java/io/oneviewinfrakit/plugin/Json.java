package io.oneviewinfrakit.plugin;

import com.squareup.moshi.JsonReader;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okio.Buffer;

/** Reads fields of the Properties JSON of listed instances in tests. */
final class Json {

  private Json() {}

  static Map<?, ?> object(RawJson json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json.json()))) {
      return (Map<?, ?>) reader.readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A top-level string field, or a nested one as "outer.inner". */
  static String field(RawJson json, String path) {
    if (json == null) {
      return null;
    }
    Object value = object(json);
    for (String part : path.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(part);
    }
    return value == null ? null : String.valueOf(value);
  }
}
