package io.oneviewinfrakit.oneview.scmb;

import java.util.List;
import java.util.Map;

/**
 * One State-Change Message Bus message: a resource was created, updated or deleted.
 *
 * @param routingKey the AMQP routing key, such as {@code
 *     scmb.server-profiles.Created./rest/server-profiles/…}, or {@code scmb.tasks} for tasks
 * @param category the resource category ({@code server-profiles}, {@code tasks}, …)
 * @param resourceUri the URI of the resource that changed
 * @param changeType what happened
 * @param eTag the resource's eTag at the moment of the change; null if the message had none
 * @param newState the resource's new state ({@code taskState} for tasks); null if none
 * @param newSubState a resource-specific sub-state; usually null
 * @param timestamp when the appliance sent the message, as it wrote it ({@code …T…Z}); may be null
 * @param resource the full resource document as a GET returns it, an unmodifiable JSON tree with
 *     integral numbers as {@link Long} and others as {@link java.math.BigDecimal} (lossless);
 *     empty if the message had none
 * @param associatedTask the URI of the task that caused the change, or null
 * @param userInitiatedTask whether that task (or, for a task message, the task itself) was
 *     started by a user rather than by the appliance
 * @param changedAttributes names of the changed attributes; often empty
 */
public record ChangeEvent(
    String routingKey,
    String category,
    String resourceUri,
    ChangeType changeType,
    String eTag,
    String newState,
    String newSubState,
    String timestamp,
    Map<String, Object> resource,
    String associatedTask,
    boolean userInitiatedTask,
    List<String> changedAttributes) {

  public ChangeEvent {
    resource = resource == null ? Map.of() : resource;
    changedAttributes = changedAttributes == null ? List.of() : List.copyOf(changedAttributes);
  }

  /** Whether this message is about a task ({@code scmb.tasks}). */
  public boolean isTask() {
    return "tasks".equals(category);
  }
}
