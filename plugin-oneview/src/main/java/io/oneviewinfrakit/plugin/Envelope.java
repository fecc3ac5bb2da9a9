package io.oneviewinfrakit.plugin;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the plugin stores on a server profile it owns (in the profile's {@code description}): the
 * owner namespace, the instance ID, the logical ID, every InfraKit tag and whether the server should
 * be powered on. This is all the state the plugin has; see {@link EnvelopeCodec} for the encoding.
 *
 * @param owner the namespace of the plugin deployment that owns the profile
 * @param id the instance ID ({@link InstanceIds} shape)
 * @param logicalId the InfraKit logical ID (pet groups), or null
 * @param tags every tag of the instance, sorted by key so the encoding is stable
 * @param powerOn whether the server is to be powered on once the profile is applied
 */
record Envelope(String owner, String id, String logicalId, Map<String, String> tags, boolean powerOn) {

  Envelope {
    requireNonNull(owner, "owner");
    requireNonNull(id, "id");
    tags = Map.copyOf(requireNonNull(tags, "tags"));
  }

  /** The tags in key order (the record keeps an unordered immutable copy). */
  Map<String, String> sortedTags() {
    return new TreeMap<>(tags);
  }

  /** A copy whose tags are these tags with {@code labels} merged over them. */
  Envelope withMergedTags(Map<String, String> labels) {
    Map<String, String> merged = new LinkedHashMap<>(tags);
    merged.putAll(labels);
    return new Envelope(owner, id, logicalId, merged, powerOn);
  }
}
