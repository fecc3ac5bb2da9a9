package io.oneviewinfrakit.oneview;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes a JSON document into a model record with Moshi's record adapter: unknown fields are
 * ignored (OneView adds fields over versions), a field of the wrong JSON type and a document
 * without {@code uri} fail with a {@link OneViewException} naming the resource. Thread-safe.
 */
final class RecordDecoder<T> implements Function<Map<String, Object>, T> {
  private final JsonAdapter<T> adapter;
  private final Function<T, String> uri;
  private final String what;

  private RecordDecoder(Class<T> type, Function<T, String> uri, String what) {
    this.adapter = Json.MOSHI.adapter(type);
    this.uri = uri;
    this.what = what;
  }

  /** The decoder of {@code type}, whose {@code uri} accessor is {@code uri}; {@code what} names it in errors. */
  static <T> RecordDecoder<T> of(Class<T> type, Function<T, String> uri, String what) {
    return new RecordDecoder<>(type, uri, what);
  }

  @Override
  public T apply(Map<String, Object> json) {
    T result;
    try {
      result = adapter.fromJsonValue(json);
    } catch (JsonDataException | IllegalArgumentException e) {
      throw new OneViewException(what + " " + json.get("uri") + " is unreadable: " + e.getMessage(), e);
    }
    if (result == null || uri.apply(result) == null) {
      throw new OneViewException(what + " has no uri: " + json.get("name"));
    }
    return result;
  }
}
