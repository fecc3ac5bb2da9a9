package io.oneviewinfrakit.oneview;

import java.util.Map;
import java.util.Objects;

/**
 * An enclosure group ({@code /rest/enclosure-groups/{id}}): enclosures configured alike. Blade
 * servers name theirs in {@code serverGroupUri}, templates in {@code enclosureGroupUri}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the group's URI.
 * @param name its name, such as {@code "Enclosure-Group-1"}.
 * @param enclosureCount how many enclosures the group is laid out for, or null.
 * @param enclosureTypeUri such as {@code "/rest/enclosure-types/c7000"}, or null.
 */
public record EnclosureGroup(String uri, String name, Integer enclosureCount, String enclosureTypeUri) {

  public EnclosureGroup {
    Objects.requireNonNull(uri, "uri == null");
  }

  static EnclosureGroup fromJson(Map<String, Object> json) {
    return ModelJson.ENCLOSURE_GROUP.decode(json);
  }

  /** A builder for an {@code EnclosureGroup}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code EnclosureGroup}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.uri = uri;
    builder.name = name;
    builder.enclosureCount = enclosureCount;
    builder.enclosureTypeUri = enclosureTypeUri;
    return builder;
  }

  /**
   * Builds a {@link EnclosureGroup}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private String uri;
    private String name;
    private Integer enclosureCount;
    private String enclosureTypeUri;

    private Builder() {}

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder enclosureCount(Integer enclosureCount) {
      this.enclosureCount = enclosureCount;
      return this;
    }

    public Builder enclosureTypeUri(String enclosureTypeUri) {
      this.enclosureTypeUri = enclosureTypeUri;
      return this;
    }

    /**
     * The {@code EnclosureGroup}.
     *
     * @throws NullPointerException if {@code uri} is not set.
     */
    public EnclosureGroup build() {
      return new EnclosureGroup(uri, name, enclosureCount, enclosureTypeUri);
    }
  }
}
