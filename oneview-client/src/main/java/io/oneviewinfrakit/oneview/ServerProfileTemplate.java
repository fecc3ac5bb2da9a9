package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;

/**
 * A server profile template: the blueprint new profiles are derived from with {@link
 * ServerProfileTemplateClient#newProfile}. It keeps the whole JSON document the appliance sent.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ServerProfileTemplate {
  private final JsonDocument document;

  private ServerProfileTemplate(JsonDocument document) {
    this.document = document;
  }

  /** A template holding a copy of {@code json}, whose values must be JSON values. */
  public static ServerProfileTemplate of(Map<String, ?> json) {
    return new ServerProfileTemplate(JsonDocument.of(json));
  }

  /**
   * Parses a template from JSON text.
   *
   * @throws IllegalArgumentException if {@code json} is not a JSON object.
   */
  public static ServerProfileTemplate fromJson(String json) {
    return new ServerProfileTemplate(JsonDocument.parse(json));
  }

  /** The whole document, unmodifiable. Integral numbers are {@code Long}, others {@code BigDecimal}. */
  public Map<String, Object> json() {
    return document.json();
  }

  /** The whole document as compact JSON text, nulls included. */
  public String toJson() {
    return document.toJson();
  }

  /** The template's URI, or null. */
  public String uri() {
    return document.string("uri");
  }

  /** The template's name, or null. */
  public String name() {
    return document.string("name");
  }

  /** The template's description, or null. */
  public String description() {
    return document.string("description");
  }

  /** The description given to profiles made from this template, or null. */
  public String serverProfileDescription() {
    return document.string("serverProfileDescription");
  }

  /** The versioned resource type, such as {@code "ServerProfileTemplateV7"}, or null. */
  public String type() {
    return document.string("type");
  }

  /** The eTag identifying this revision, or null. */
  public String eTag() {
    return document.string("eTag");
  }

  /** The server hardware type the template is for, or null. */
  public String serverHardwareTypeUri() {
    return document.string("serverHardwareTypeUri");
  }

  /** The enclosure group the template is for; null for rack servers. */
  public String enclosureGroupUri() {
    return document.string("enclosureGroupUri");
  }

  /**
   * The template's connections, read from {@code connectionSettings.connections} (API 300 and
   * later) or from top-level {@code connections} (API 200); empty when it has none.
   */
  public List<Connection> connections() {
    return Sections.connections(json());
  }

  /**
   * Whether profiles from this template may have their connections managed ({@code
   * connectionSettings.manageConnections}). API 200 templates have no such flag and always manage
   * the top-level {@code connections} they carry, so those answer true when they have the list.
   */
  public boolean manageConnections() {
    Map<String, Object> settings = Json.object(json(), "connectionSettings");
    if (settings != null) return Boolean.TRUE.equals(Json.bool(settings, "manageConnections"));
    return json().get("connections") instanceof List;
  }

  /** The {@code bootMode} section, or null when the template has none. */
  public BootMode bootMode() {
    return Sections.bootMode(json());
  }

  /** The boot order ({@code boot.order}), such as {@code ["PXE", "HardDisk"]}; empty when unset. */
  public List<String> bootOrder() {
    return Sections.bootOrder(json());
  }

  /** Whether the template manages the boot order ({@code boot.manageBoot}); false when absent. */
  public boolean manageBoot() {
    return Sections.manageBoot(json());
  }

  /** The firmware baseline settings; nothing managed when the template has no {@code firmware}. */
  public Firmware firmware() {
    return Sections.firmware(json());
  }

  /** A copy with {@code bootMode} written into the {@code bootMode} section, other fields kept. */
  public ServerProfileTemplate withBootMode(BootMode bootMode) {
    return changed(Sections.withBootMode(json(), bootMode));
  }

  /** A copy booting from {@code order}; also sets {@code boot.manageBoot}. */
  public ServerProfileTemplate withBootOrder(List<String> order) {
    return changed(Sections.withBootOrder(json(), order));
  }

  /** A copy with the top-level field {@code field} set to the JSON value {@code value}. */
  public ServerProfileTemplate with(String field, Object value) {
    return new ServerProfileTemplate(document.with(field, value));
  }

  private ServerProfileTemplate changed(Map<String, Object> changed) {
    JsonDocument result = document.changed(changed);
    return result == document ? this : new ServerProfileTemplate(result);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServerProfileTemplate that && document.equals(that.document);
  }

  @Override
  public int hashCode() {
    return document.json().hashCode();
  }

  @Override
  public String toString() {
    return "ServerProfileTemplate{name=" + name() + ", uri=" + uri() + "}";
  }
}
