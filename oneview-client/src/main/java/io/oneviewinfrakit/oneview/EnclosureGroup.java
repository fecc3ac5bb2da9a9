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
    String uri = Json.string(json, "uri");
    if (uri == null) throw new OneViewException("enclosure group has no uri: " + Json.string(json, "name"));
    Long count = Json.longValue(json, "enclosureCount");
    return new EnclosureGroup(uri, Json.string(json, "name"), count == null ? null : count.intValue(),
        Json.string(json, "enclosureTypeUri"));
  }
}
