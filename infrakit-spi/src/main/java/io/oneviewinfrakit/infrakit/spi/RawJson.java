package io.oneviewinfrakit.infrakit.spi;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Objects;
import okio.Buffer;

/**
 * One JSON value kept as its exact text (InfraKit's {@code types.Any}), so properties pass through a
 * plugin and back to the group controller byte for byte: number precision, key order and unknown fields
 * survive.
 *
 * <p>The text is checked to be exactly one well-formed JSON value when the record is created, which is
 * why a {@code RawJson} can always be spliced into a response unchanged.
 *
 * <p>For example:
 * <pre>{@code
 * RawJson props = RawJson.of("{\"TemplateName\":\"web\"}");
 * props.isObject();   // true
 * }</pre>
 *
 * @param json the JSON text, exactly as received or given
 */
public record RawJson(String json) {
  /** The JSON {@code null} literal, what an absent {@code Properties} becomes. */
  public static final RawJson NULL = new RawJson("null");

  /** An empty JSON object. */
  public static final RawJson EMPTY_OBJECT = new RawJson("{}");

  public RawJson {
    Objects.requireNonNull(json, "json == null");
    String problem = syntaxProblem(json);
    if (problem != null) {
      throw new IllegalArgumentException("not a single JSON value: " + problem);
    }
  }

  /** Wraps JSON text; throws {@link IllegalArgumentException} when it is not exactly one JSON value. */
  public static RawJson of(String json) {
    return new RawJson(json);
  }

  /** True for the {@code null} literal (surrounding white space ignored). */
  public boolean isNull() {
    return json.strip().equals("null");
  }

  /** True when the value is a JSON object. */
  public boolean isObject() {
    return json.strip().startsWith("{");
  }

  @Override
  public String toString() {
    return json;
  }

  private static String syntaxProblem(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      reader.skipValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        return "trailing data after the value";
      }
      return null;
    } catch (IOException | JsonDataException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // Moshi's advice to its own programmer means nothing to whoever wrote the JSON.
      return message.replace("Use JsonReader.setLenient(true) to accept malformed JSON", "not valid JSON");
    }
  }
}
