package io.oneviewinfrakit.infrakit.spi;

import java.util.List;
import java.util.Map;

/**
 * A vendor-agnostic API to create and manage instances (machines, servers...) on one kind of
 * infrastructure: InfraKit's {@code instance.Plugin}, Instance interface 0.6.1.
 *
 * <p>Implementations must be thread-safe: the server calls them concurrently (the group controller
 * provisions many instances at once). A failure is an unchecked exception whose message reaches the
 * InfraKit caller verbatim, so it should say what went wrong in the caller's terms. Calls should return
 * well within the caller's timeout (15s for current InfraKit, 1s for some 2017 builds): start long
 * backend work and report the instance as existing at once.
 *
 * <p>For example:
 * <pre>{@code
 * final class MyPlugin implements InstancePlugin {
 *   public void validate(RawJson properties) {
 *     if (!properties.isObject()) throw new IllegalArgumentException("Properties must be an object");
 *   }
 *   public InstanceId provision(InstanceSpec spec) { ... }
 *   public void label(InstanceId id, Map<String, String> labels) { ... }
 *   public void destroy(InstanceId id, DestroyContext context) { ... }
 *   public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) { ... }
 * }
 * }</pre>
 */
public interface InstancePlugin {
  /** The interface this SPI models. */
  InterfaceSpec INTERFACE = new InterfaceSpec("Instance", "0.6.1");

  /** Rejects (throws) properties this plugin could not provision from; called when a group is committed. */
  void validate(RawJson properties);

  /**
   * Creates an instance, or starts creating it, and returns its ID, never {@code null}. The new instance must
   * be listed by {@link #describeInstances} from now on, with every tag of the spec.
   */
  InstanceId provision(InstanceSpec spec);

  /** Merges {@code labels} into the instance's tags: same-named tags are replaced, others kept. */
  void label(InstanceId id, Map<String, String> labels);

  /**
   * Destroys an instance, or starts destroying it. Must fail for an ID this plugin never issued; should
   * succeed for one it issued that is already gone, so retries are harmless.
   */
  void destroy(InstanceId id, DestroyContext context);

  /**
   * Lists the instances that carry all of {@code tags} (an AND filter; empty matches all). Must throw when
   * the backend cannot be listed: an empty list makes the group controller provision replacements for
   * everything.
   *
   * @param properties whether to fill {@link InstanceDescription#properties()}
   */
  List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties);
}
