package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A server profile template: the blueprint new profiles are derived from with {@link
 * ServerProfileTemplateClient#newProfile}. It keeps the whole JSON document the appliance sent.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ServerProfileTemplate {
  private final Map<String, Object> json;

  private ServerProfileTemplate(Map<String, Object> json) {
    this.json = json;
  }

  /** A template holding a copy of {@code json}, whose values must be JSON values. */
  public static ServerProfileTemplate of(Map<String, ?> json) {
    return new ServerProfileTemplate(Json.copyObject(Objects.requireNonNull(json, "json == null")));
  }

  /**
   * Parses a template from JSON text.
   *
   * @throws IllegalArgumentException if {@code json} is not a JSON object.
   */
  public static ServerProfileTemplate fromJson(String json) {
    return new ServerProfileTemplate(Json.parseObject(Objects.requireNonNull(json, "json == null")));
  }

  /** The whole document, unmodifiable. Integral numbers are {@code Long}, others {@code BigDecimal}. */
  public Map<String, Object> json() {
    return json;
  }

  /** The whole document as compact JSON text, nulls included. */
  public String toJson() {
    return Json.toJson(json);
  }

  /** The template's URI, or null. */
  public String uri() {
    return Json.string(json, "uri");
  }

  /** The template's name, or null. */
  public String name() {
    return Json.string(json, "name");
  }

  /** The template's description, or null. */
  public String description() {
    return Json.string(json, "description");
  }

  /** The description given to profiles made from this template, or null. */
  public String serverProfileDescription() {
    return Json.string(json, "serverProfileDescription");
  }

  /** The versioned resource type, such as {@code "ServerProfileTemplateV7"}, or null. */
  public String type() {
    return Json.string(json, "type");
  }

  /** The eTag identifying this revision, or null. */
  public String eTag() {
    return Json.string(json, "eTag");
  }

  /** The server hardware type the template is for, or null. */
  public String serverHardwareTypeUri() {
    return Json.string(json, "serverHardwareTypeUri");
  }

  /** The enclosure group the template is for; null for rack servers. */
  public String enclosureGroupUri() {
    return Json.string(json, "enclosureGroupUri");
  }

  /** A copy with the top-level field {@code field} set to the JSON value {@code value}. */
  public ServerProfileTemplate with(String field, Object value) {
    Objects.requireNonNull(field, "field == null");
    Map<String, Object> copy = new LinkedHashMap<>(json);
    copy.put(field, value);
    return new ServerProfileTemplate(Json.copyObject(copy));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServerProfileTemplate that && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "ServerProfileTemplate{name=" + name() + ", uri=" + uri() + "}";
  }
}
