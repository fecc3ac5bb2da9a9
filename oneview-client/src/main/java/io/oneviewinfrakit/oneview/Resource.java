package io.oneviewinfrakit.oneview;

import java.util.Map;
import java.util.Objects;

/**
 * A OneView resource as the whole JSON document the appliance sent, for collections the SDK has no
 * typed model for ({@link OneView#resources}). Every field is kept, modelled or not, so a
 * read-modify-write through {@link ResourceClient#update} loses none; numbers keep their exact
 * value ({@code 5} stays {@code 5}).
 *
 * <p>Instances are immutable and thread-safe: {@link #with} and {@link #without} return changed
 * copies.
 *
 * <p>For example:
 *
 * <pre>{@code
 * ResourceClient enclosures = ov.resources("/rest/enclosures");
 * Resource enclosure = enclosures.findByName("Encl1").orElseThrow();
 * enclosures.update(enclosure.with("name", "Encl1-renamed")).await(Duration.ofMinutes(1));
 * }</pre>
 */
public final class Resource {
  private final JsonDocument document;

  private Resource(JsonDocument document) {
    this.document = document;
  }

  /** A resource holding a deep copy of {@code json}, whose values must be JSON values. */
  public static Resource of(Map<String, ?> json) {
    return new Resource(JsonDocument.of(json));
  }

  /**
   * Parses a resource from JSON text.
   *
   * @throws IllegalArgumentException if {@code json} is not a JSON object.
   */
  public static Resource fromJson(String json) {
    return new Resource(JsonDocument.parse(json));
  }

  /** The whole document, unmodifiable. Integral numbers are {@code Long}, others {@code BigDecimal}. */
  public Map<String, Object> json() {
    return document.json();
  }

  /** The whole document as compact JSON text, nulls included. */
  public String toJson() {
    return document.toJson();
  }

  /** The value of {@code field}: a String, Long, BigDecimal, Boolean, List, Map, or null if absent or null. */
  public Object get(String field) {
    return document.json().get(Objects.requireNonNull(field, "field == null"));
  }

  /**
   * The string value of {@code field}, or null if absent or null.
   *
   * @throws OneViewException if the field holds something other than a string.
   */
  public String string(String field) {
    return document.string(Objects.requireNonNull(field, "field == null"));
  }

  /** The resource's URI, or null before it is created. */
  public String uri() {
    return document.string("uri");
  }

  /** Its name, or null. */
  public String name() {
    return document.string("name");
  }

  /** Its schema, such as {@code "EnclosureV7"}, or null. */
  public String type() {
    return document.string("type");
  }

  /** The version {@link ResourceClient#update} sends as {@code If-Match}, or null. */
  public String eTag() {
    return document.string("eTag");
  }

  /** This resource with {@code field} set to {@code value}, a JSON value (null included). */
  public Resource with(String field, Object value) {
    JsonDocument changed = document.with(field, value);
    return changed == document ? this : new Resource(changed);
  }

  /** This resource without {@code field}. */
  public Resource without(String field) {
    JsonDocument changed = document.without(field);
    return changed == document ? this : new Resource(changed);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Resource that && document.equals(that.document);
  }

  @Override
  public int hashCode() {
    return document.hashCode();
  }

  @Override
  public String toString() {
    // Never the whole document: resources can carry values nobody wants in a log line.
    return "Resource{uri=" + uri() + ", name=" + name() + "}";
  }
}
