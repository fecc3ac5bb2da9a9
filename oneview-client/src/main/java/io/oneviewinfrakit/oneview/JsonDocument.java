package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole JSON document behind {@link ServerProfile} and {@link ServerProfileTemplate}. Both keep
 * every field the appliance sent so that a read-modify-write loses none, modelled or not; copying
 * and changing such a document is done here so the two cannot drift apart.
 *
 * @param json a deep, unmodifiable copy (see {@link Json#copyObject}), so the record is immutable.
 */
record JsonDocument(Map<String, Object> json) {
  static JsonDocument of(Map<String, ?> json) {
    return new JsonDocument(Json.copyObject(Objects.requireNonNull(json, "json == null")));
  }

  /** @throws IllegalArgumentException if {@code json} is not a JSON object. */
  static JsonDocument parse(String json) {
    return new JsonDocument(Json.parseObject(Objects.requireNonNull(json, "json == null")));
  }

  String string(String field) {
    return Json.string(json, field);
  }

  String toJson() {
    return Json.toJson(json);
  }

  /**
   * The document {@code changed} is, frozen; this one when it is the very map this one holds (the
   * {@link Sections} functions return it unchanged when they had nothing to do).
   */
  JsonDocument changed(Map<String, Object> changed) {
    return changed == json ? this : new JsonDocument(Json.copyObject(changed));
  }

  JsonDocument with(String field, Object value) {
    Objects.requireNonNull(field, "field == null");
    Map<String, Object> copy = new LinkedHashMap<>(json);
    copy.put(field, value);
    return changed(copy);
  }

  JsonDocument without(String field) {
    Objects.requireNonNull(field, "field == null");
    Map<String, Object> copy = new LinkedHashMap<>(json);
    copy.remove(field);
    return changed(copy);
  }

  @Override
  public String toString() {
    // Never the document itself: profiles can carry values nobody wants in a log line.
    return "JsonDocument{" + json.size() + " fields}";
  }
}
