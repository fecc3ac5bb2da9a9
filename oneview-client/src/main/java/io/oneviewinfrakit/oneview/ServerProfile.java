package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server profile: the configuration OneView applies to a server. It keeps the <em>whole</em> JSON
 * document the appliance sent, so a profile read with {@code get} or {@code new-profile} and sent
 * back with {@code create} or {@code update} loses no field, modelled or not.
 *
 * <p>Instances are immutable and thread-safe; {@code with...} methods return changed copies.
 *
 * <p>For example:
 *
 * <pre>{@code
 * ServerProfile p = ov.serverProfileTemplates().newProfile(template)
 *     .withName("web-1")
 *     .withServerHardwareUri(hardware.uri());
 * }</pre>
 */
public final class ServerProfile {
  private final JsonDocument document;

  private ServerProfile(JsonDocument document) {
    this.document = document;
  }

  /**
   * A profile holding a copy of {@code json}, whose values must be JSON values: strings, numbers,
   * booleans, null, lists and string-keyed maps of these.
   */
  public static ServerProfile of(Map<String, ?> json) {
    return new ServerProfile(JsonDocument.of(json));
  }

  /**
   * Parses a profile from JSON text.
   *
   * @throws IllegalArgumentException if {@code json} is not a JSON object.
   */
  public static ServerProfile fromJson(String json) {
    return new ServerProfile(JsonDocument.parse(json));
  }

  /** The whole document, unmodifiable. Integral numbers are {@code Long}, others {@code BigDecimal}. */
  public Map<String, Object> json() {
    return document.json();
  }

  /** The whole document as compact JSON text, nulls included. */
  public String toJson() {
    return document.toJson();
  }

  /** The profile's URI, or null if it was not created yet. */
  public String uri() {
    return document.string("uri");
  }

  /** The profile's name, or null. */
  public String name() {
    return document.string("name");
  }

  /** The profile's description, or null. */
  public String description() {
    return document.string("description");
  }

  /** The versioned resource type, such as {@code "ServerProfileV11"}, or null. */
  public String type() {
    return document.string("type");
  }

  /** The eTag identifying this revision, sent as {@code If-Match} on update; or null. */
  public String eTag() {
    return document.string("eTag");
  }

  /** The server the profile is assigned to, or null when unassigned. */
  public String serverHardwareUri() {
    return document.string("serverHardwareUri");
  }

  /** The server hardware type the profile is for, or null. */
  public String serverHardwareTypeUri() {
    return document.string("serverHardwareTypeUri");
  }

  /** The enclosure group the profile is for; null for rack servers. */
  public String enclosureGroupUri() {
    return document.string("enclosureGroupUri");
  }

  /** The template the profile follows, or null (or empty) when it follows none. */
  public String serverProfileTemplateUri() {
    return document.string("serverProfileTemplateUri");
  }

  /** The serial number assigned to the server by the profile, or null. */
  public String serialNumber() {
    return document.string("serialNumber");
  }

  /** The lifecycle state, such as {@code "Normal"}, or null. OneView's set of states is open. */
  public String state() {
    return document.string("state");
  }

  /** The profile's health. */
  public Status status() {
    return Status.of(document.string("status"));
  }

  /** True while a task is changing the profile. */
  public boolean inProgress() {
    return Boolean.TRUE.equals(Json.bool(json(), "inProgress"));
  }

  /** The last task that changed the profile, or null. */
  public String taskUri() {
    return document.string("taskUri");
  }

  /**
   * The profile's connections, read from {@code connectionSettings.connections} (API 300 and later)
   * or from top-level {@code connections} (API 200); empty when it has none.
   */
  public List<Connection> connections() {
    return Sections.connections(json());
  }

  /** The {@code bootMode} section, or null when the profile has none. */
  public BootMode bootMode() {
    return Sections.bootMode(json());
  }

  /** The boot order ({@code boot.order}), such as {@code ["PXE", "HardDisk"]}; empty when unset. */
  public List<String> bootOrder() {
    return Sections.bootOrder(json());
  }

  /** Whether OneView manages the boot order ({@code boot.manageBoot}); false when absent. */
  public boolean manageBoot() {
    return Sections.manageBoot(json());
  }

  /** The {@code firmware} section; nothing managed when the profile has none. */
  public Firmware firmware() {
    return Sections.firmware(json());
  }

  /** Whether the profile matches its template; {@link TemplateCompliance#UNKNOWN} when not reported. */
  public TemplateCompliance templateCompliance() {
    return TemplateCompliance.of(document.string("templateCompliance"));
  }

  /**
   * A copy with the connection {@code spec} added (numbered after the highest {@code id} unless
   * {@code spec} names one), in the place the document keeps its connections (see {@link
   * #connections()}; a document with neither gets {@code connectionSettings.connections}).
   *
   * @throws IllegalArgumentException if {@code spec} names an id a connection already has.
   */
  public ServerProfile withConnection(ConnectionSpec spec) {
    return changed(Sections.withConnection(json(), spec));
  }

  /** A copy without the connection numbered {@code id}; this profile if it has none. */
  public ServerProfile withoutConnection(int id) {
    return changed(Sections.withoutConnections(json(),
        connection -> connection.id() != null && connection.id() == id));
  }

  /** A copy without any connection to {@code networkUri}; this profile if it has none. */
  public ServerProfile withoutConnection(String networkUri) {
    Objects.requireNonNull(networkUri, "networkUri == null");
    return changed(Sections.withoutConnections(json(),
        connection -> networkUri.equals(connection.networkUri())));
  }

  /**
   * A copy with {@code bootMode} written into the {@code bootMode} section (its other fields, such
   * as {@code secureBoot}, are kept).
   *
   * @throws IllegalArgumentException if the mode is {@link BootMode.Mode#UNKNOWN}.
   */
  public ServerProfile withBootMode(BootMode bootMode) {
    return changed(Sections.withBootMode(json(), bootMode));
  }

  /**
   * A copy booting from {@code order} (such as {@code ["PXE", "HardDisk"]}); also sets {@code
   * boot.manageBoot}, since OneView applies only an order it manages.
   */
  public ServerProfile withBootOrder(List<String> order) {
    return changed(Sections.withBootOrder(json(), order));
  }

  /** A copy with {@code boot.manageBoot} set. */
  public ServerProfile withManageBoot(boolean manageBoot) {
    return changed(Sections.withManageBoot(json(), manageBoot));
  }

  /** A copy with {@code name} set. */
  public ServerProfile withName(String name) {
    return with("name", Objects.requireNonNull(name, "name == null"));
  }

  /** A copy with {@code description} set. */
  public ServerProfile withDescription(String description) {
    return with("description", Objects.requireNonNull(description, "description == null"));
  }

  /** A copy assigned to the server at {@code serverHardwareUri}, or unassigned if it is null. */
  public ServerProfile withServerHardwareUri(String serverHardwareUri) {
    return with("serverHardwareUri", serverHardwareUri);
  }

  /** A copy following the template at {@code uri}; null or empty detaches it from any template. */
  public ServerProfile withServerProfileTemplateUri(String uri) {
    return with("serverProfileTemplateUri", uri);
  }

  /** A copy with the top-level field {@code field} set to the JSON value {@code value}. */
  public ServerProfile with(String field, Object value) {
    return new ServerProfile(document.with(field, value));
  }

  /** A copy without the top-level field {@code field}. */
  public ServerProfile without(String field) {
    return new ServerProfile(document.without(field));
  }

  /** This profile when {@code changed} is its own document, else a profile holding a copy of it. */
  private ServerProfile changed(Map<String, Object> changed) {
    JsonDocument result = document.changed(changed);
    return result == document ? this : new ServerProfile(result);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServerProfile that && document.equals(that.document);
  }

  @Override
  public int hashCode() {
    return document.json().hashCode();
  }

  @Override
  public String toString() {
    return "ServerProfile{name=" + name() + ", uri=" + uri() + "}";
  }
}
