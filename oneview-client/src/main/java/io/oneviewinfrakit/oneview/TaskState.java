package io.oneviewinfrakit.oneview;

/** The {@code taskState} of an appliance task. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum TaskState {
  NEW("New"),
  PENDING("Pending"),
  STARTING("Starting"),
  RUNNING("Running"),
  SUSPENDED("Suspended"),
  STOPPING("Stopping"),
  COMPLETED("Completed"),
  WARNING("Warning"),
  ERROR("Error"),
  INTERRUPTED("Interrupted"),
  KILLED("Killed"),
  TERMINATED("Terminated"),
  UNKNOWN("Unknown");

  private final String wireName;

  TaskState(String wireName) {
    this.wireName = wireName;
  }

  /** The string OneView uses for this state, such as {@code "Completed"}. */
  public String wireName() {
    return wireName;
  }

  /** True if the task ended successfully: {@link #COMPLETED} or {@link #WARNING}. */
  public boolean isSuccess() {
    return this == COMPLETED || this == WARNING;
  }

  /** True if the task ended unsuccessfully: Error, Interrupted, Killed or Terminated. */
  public boolean isFailure() {
    return this == ERROR || this == INTERRUPTED || this == KILLED || this == TERMINATED;
  }

  /** True if the task will not change state any more. {@link #UNKNOWN} is not terminal. */
  public boolean isTerminal() {
    return isSuccess() || isFailure();
  }

  static TaskState of(String wireName) {
    return Json.enumOf(TaskState.class, wireName, TaskState::wireName, UNKNOWN);
  }
}
