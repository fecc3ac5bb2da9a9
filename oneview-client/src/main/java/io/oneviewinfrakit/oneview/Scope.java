package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scope ({@code /rest/scopes/{id}}, API 300 and later): a named set of resources that
 * permissions and listings ({@link Query.Builder#scopeUris}) are restricted to. Describe one to
 * create with {@link #builder}; change one read from the appliance with {@link #withName} and
 * {@link #withDescription}, keeping its {@code eTag} for {@link ScopeClient#update}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the scope's URI; null in a description of a scope to create.
 * @param name its name.
 * @param description what it is for, or null.
 * @param eTag its version, which an update sends as {@code If-Match}; null before it is created.
 */
public record Scope(String uri, String name, String description, String eTag) {
  static final ModelJson.Binding<Scope> DECODER =
      new ModelJson.Binding<>(Scope.class, "scope", Scope::uri);

  /** A description of a new scope named {@code name}, for {@link ScopeClient#create}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** This scope renamed. */
  public Scope withName(String name) {
    return new Scope(uri, checkName(name), description, eTag);
  }

  /** This scope with another description (null for none). */
  public Scope withDescription(String description) {
    return new Scope(uri, name, description, eTag);
  }

  /** This description without the identity of an existing scope ({@code uri}, {@code eTag}), as a create sends it. */
  Scope withoutIdentity() {
    return uri == null && eTag == null ? this : new Scope(null, name, description, null);
  }

  /** The scope a JSON document describes, as a GET returns it; values must be JSON values. */
  static Scope fromJson(Map<String, Object> json) {
    return DECODER.decode(json);
  }

  /** The POST or PUT body; {@code type} is the API version's schema. */
  Map<String, Object> body(String type) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    if (uri != null) body.put("uri", uri);
    body.put("name", name);
    body.put("description", description);
    if (eTag != null) body.put("eTag", eTag);
    return body;
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) throw new IllegalArgumentException("name is blank");
    return name;
  }

  /** Describes a scope to create. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String description;

    private Builder(String name) {
      this.name = checkName(name);
    }

    /** What the scope is for. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description == null");
      return this;
    }

    public Scope build() {
      return new Scope(null, name, description, null);
    }
  }
}
