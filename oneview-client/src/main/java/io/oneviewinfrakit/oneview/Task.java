package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an appliance task ({@code /rest/tasks/{id}}), the handle of every asynchronous
 * change. Pass it to {@link TaskClient#await} to wait for the change to finish.
 *
 * @param uri the task's URI, such as {@code /rest/tasks/DCB672A9-...}.
 * @param name what the task does, such as {@code "Create"}, or null if not yet known.
 * @param state the task's state; {@link TaskState#UNKNOWN} if the appliance has not reported one.
 * @param stateReason why the task is in its state, such as {@code "ValidationError"}, or null.
 * @param percentComplete progress from 0 to 100.
 * @param associatedResourceUri the resource the task acts on (for a create: the new resource), or
 *     null.
 * @param errors the task's {@code taskErrors}; possibly empty.
 * @param status the human-readable {@code taskStatus}, or null.
 */
public record Task(
    String uri,
    String name,
    TaskState state,
    String stateReason,
    int percentComplete,
    String associatedResourceUri,
    List<OneViewError> errors,
    String status) {

  public Task {
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(state, "state == null");
    errors = List.copyOf(Objects.requireNonNull(errors, "errors == null"));
  }

  /** A handle for the task at {@code uri} whose state has not been read yet. */
  static Task pending(String uri) {
    return new Task(uri, null, TaskState.UNKNOWN, null, 0, null, List.of(), null);
  }

  /**
   * The handle of a change the appliance made synchronously (no task): already {@link
   * TaskState#COMPLETED}, its URI the request's {@code target}, naming {@code resourceUri} (or null).
   */
  static Task synchronous(String target, String resourceUri) {
    return new Task(target, null, TaskState.COMPLETED, null, 100, resourceUri, List.of(), null);
  }

  /** True if {@code json} is a task resource (has a {@code taskState} or a task URI). */
  static boolean looksLikeTask(Map<String, Object> json) {
    if (json.containsKey("taskState")) return true;
    String uri = Json.string(json, "uri");
    return uri != null && uri.contains("/rest/tasks/");
  }

  /**
   * The task a JSON document describes, as a GET returns it (for example the resource of a
   * State-Change Message Bus event); values must be JSON values.
   *
   * @throws OneViewException if the document has no {@code uri} or a field of the wrong type
   */
  public static Task of(Map<String, ?> json) {
    return ModelJson.TASK.decode(json);
  }

  static Task fromJson(Map<String, Object> json) {
    return ModelJson.TASK.decode(json);
  }

  /** A builder for a {@code Task}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code Task}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.uri = uri;
    builder.name = name;
    builder.state = state;
    builder.stateReason = stateReason;
    builder.percentComplete = percentComplete;
    builder.associatedResourceUri = associatedResourceUri;
    builder.errors = errors;
    builder.status = status;
    return builder;
  }

  /**
   * Builds a {@link Task}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private String uri;
    private String name;
    private TaskState state = TaskState.UNKNOWN;
    private String stateReason;
    private int percentComplete = 0;
    private String associatedResourceUri;
    private List<OneViewError> errors = List.of();
    private String status;

    private Builder() {}

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder state(TaskState state) {
      this.state = state;
      return this;
    }

    public Builder stateReason(String stateReason) {
      this.stateReason = stateReason;
      return this;
    }

    public Builder percentComplete(int percentComplete) {
      this.percentComplete = percentComplete;
      return this;
    }

    public Builder associatedResourceUri(String associatedResourceUri) {
      this.associatedResourceUri = associatedResourceUri;
      return this;
    }

    public Builder errors(List<OneViewError> errors) {
      this.errors = errors;
      return this;
    }

    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /**
     * The {@code Task}.
     *
     * @throws NullPointerException if {@code uri} is not set.
     */
    public Task build() {
      return new Task(uri, name, state, stateReason, percentComplete, associatedResourceUri, errors,
          status);
    }
  }
}
