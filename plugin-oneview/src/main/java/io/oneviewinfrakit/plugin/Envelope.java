package io.oneviewinfrakit.plugin;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the plugin stores on a server profile it owns (in the profile's {@code description}): the
 * owner namespace, the instance ID, the logical ID, every InfraKit tag, whether the server should
 * be powered on, and the instance's desired state. This is all the state the plugin has; see
 * {@link EnvelopeCodec} for the encoding.
 *
 * @param owner the namespace of the plugin deployment that owns the profile
 * @param id the instance ID ({@link InstanceIds} shape)
 * @param logicalId the InfraKit logical ID (pet groups), or null
 * @param tags every tag of the instance, sorted by key so the encoding is stable
 * @param powerOn whether the server is to be powered on once the profile is applied
 * @param intent what the instance is to become: kept running, or destroyed
 */
record Envelope(String owner, String id, String logicalId, Map<String, String> tags, boolean powerOn,
    Intent intent) {

  /**
   * The desired state of an instance, written into its profile before any destructive step, so that
   * whichever plugin process of the namespace reads the profile next (this one after a crash, or
   * another manager node's) obeys it.
   */
  enum Intent {
    /** The instance is wanted: listed, labelled, powered on if it should be. */
    RUNNING("Running"),
    /**
     * The instance is being destroyed: never listed as live, never powered on; whichever plugin
     * process sees it first powers its server off and deletes the profile.
     */
    DESTROYING("Destroying");

    private final String wireName;

    Intent(String wireName) {
      this.wireName = wireName;
    }

    String wireName() {
      return wireName;
    }

    static Intent fromWire(String value) {
      for (Intent i : values()) {
        if (i.wireName.equals(value)) {
          return i;
        }
      }
      return null;
    }
  }

  Envelope {
    requireNonNull(owner, "owner");
    requireNonNull(id, "id");
    requireNonNull(intent, "intent");
    tags = Map.copyOf(requireNonNull(tags, "tags"));
  }

  /** A live instance's envelope. */
  Envelope(String owner, String id, String logicalId, Map<String, String> tags, boolean powerOn) {
    this(owner, id, logicalId, tags, powerOn, Intent.RUNNING);
  }

  /** The tags in key order (the record keeps an unordered immutable copy). */
  Map<String, String> sortedTags() {
    return new TreeMap<>(tags);
  }

  /** A copy whose tags are these tags with {@code labels} merged over them. */
  Envelope withMergedTags(Map<String, String> labels) {
    Map<String, String> merged = new LinkedHashMap<>(tags);
    merged.putAll(labels);
    return new Envelope(owner, id, logicalId, merged, powerOn, intent);
  }

  Envelope withIntent(Intent newIntent) {
    return new Envelope(owner, id, logicalId, tags, powerOn, newIntent);
  }

  boolean destroying() {
    return intent == Intent.DESTROYING;
  }
}
