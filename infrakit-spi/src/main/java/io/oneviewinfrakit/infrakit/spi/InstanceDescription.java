package io.oneviewinfrakit.infrakit.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One instance as a plugin reports it ({@code instance.Description}).
 *
 * @param id the instance ID
 * @param logicalId the logical ID, or {@code null} (the controller then reads the
 *     {@code infrakit.logical_id} tag)
 * @param tags every tag the instance carries, unmodifiable
 * @param properties plugin-specific details, or {@code null} when not asked for or not available
 *     (omitted on the wire)
 */
public record InstanceDescription(InstanceId id, LogicalId logicalId, Map<String, String> tags, RawJson properties) {
  public InstanceDescription {
    Objects.requireNonNull(id, "id == null");
    tags = Map.copyOf(Objects.requireNonNull(tags, "tags == null"));
  }

  /** A description without logical ID and properties. */
  public static InstanceDescription of(InstanceId id, Map<String, String> tags) {
    return new InstanceDescription(id, null, tags, null);
  }

  /** True when this instance carries every entry of {@code filter} (the AND semantics of tag filters). */
  public boolean hasTags(Map<String, String> filter) {
    return tags.entrySet().containsAll(filter.entrySet());
  }
}
