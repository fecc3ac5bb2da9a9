package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Objects;

/**
 * A task ended Error, Killed, Terminated or Interrupted. {@link #errors()} carries OneView's error
 * codes, messages and recommended actions.
 */
public final class TaskFailedException extends OneViewException {
  private static final long serialVersionUID = 1L;

  private final transient Task task;

  public TaskFailedException(Task task) {
    super(0, task.errors().isEmpty() ? null : task.errors().get(0), message(task), null);
    this.task = Objects.requireNonNull(task, "task == null");
  }

  /** The task in its final state. */
  public Task task() {
    return task;
  }

  /** The task's errors; possibly empty. */
  public List<OneViewError> errors() {
    return task.errors();
  }

  private static String message(Task task) {
    StringBuilder result = new StringBuilder()
        .append("Task ").append(task.name() != null ? task.name() + " " : "").append(task.uri())
        .append(" ended ").append(task.state().wireName());
    if (task.stateReason() != null) result.append(" (").append(task.stateReason()).append(')');
    for (OneViewError error : task.errors()) {
      result.append("; ").append(error.summary());
      if (!error.recommendedActions().isEmpty()) {
        result.append(" Recommended: ").append(String.join(" ", error.recommendedActions()));
      }
    }
    return result.toString();
  }
}
