package io.oneviewinfrakit.oneview;

import com.squareup.moshi.Json;

/** The {@code taskState} of an appliance task. Strings this SDK does not know map to {@link #UNKNOWN}. */
public enum TaskState {
  @Json(name = "New")
  NEW,
  @Json(name = "Pending")
  PENDING,
  @Json(name = "Starting")
  STARTING,
  @Json(name = "Running")
  RUNNING,
  @Json(name = "Suspended")
  SUSPENDED,
  @Json(name = "Stopping")
  STOPPING,
  @Json(name = "Completed")
  COMPLETED,
  @Json(name = "Warning")
  WARNING,
  @Json(name = "Error")
  ERROR,
  @Json(name = "Interrupted")
  INTERRUPTED,
  @Json(name = "Killed")
  KILLED,
  @Json(name = "Terminated")
  TERMINATED,
  @Json(name = "Unknown")
  UNKNOWN;

  /** The string OneView uses for this state, such as {@code "Completed"}. */
  public String wireName() {
    return ModelJson.wireName(this);
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
    return ModelJson.enumValue(TaskState.class, wireName);
  }
}
