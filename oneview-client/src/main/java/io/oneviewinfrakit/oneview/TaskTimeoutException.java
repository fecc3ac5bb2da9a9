package io.oneviewinfrakit.oneview;

import java.time.Duration;
import java.util.Objects;

/**
 * We stopped waiting for a task that had not ended within the timeout. The task may still be
 * running on the appliance; {@link #task()} is the last state seen.
 */
public final class TaskTimeoutException extends OneViewException {
  private static final long serialVersionUID = 1L;

  private final transient Task task;

  public TaskTimeoutException(Task task, Duration timeout) {
    super("Stopped waiting for task " + task.uri() + " after " + timeout
        + "; it was still " + task.state().wireName() + " (" + task.percentComplete()
        + "% complete) and may still be running on the appliance");
    this.task = Objects.requireNonNull(task, "task == null");
  }

  /** The last state seen, not a final state. */
  public Task task() {
    return task;
  }
}
