package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
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
   */
  @SuppressWarnings("unchecked")
  public static Task of(Map<String, ?> json) {
    return fromJson((Map<String, Object>) json);
  }

  static Task fromJson(Map<String, Object> json) {
    String uri = Json.string(json, "uri");
    if (uri == null) throw new OneViewException("task has no uri: " + Json.string(json, "name"));
    List<OneViewError> errors = new ArrayList<>();
    for (Map<String, Object> e : Json.objects(json, "taskErrors")) {
      errors.add(OneViewError.fromJson(e));
    }
    Long percent = Json.longValue(json, "percentComplete");
    Map<String, Object> associated = Json.object(json, "associatedResource");
    return new Task(
        uri,
        Json.string(json, "name"),
        TaskState.of(Json.string(json, "taskState")),
        Json.string(json, "stateReason"),
        percent == null ? 0 : (int) Math.max(0, Math.min(100, percent)),
        associated == null ? null : Json.string(associated, "resourceUri"),
        errors,
        Json.string(json, "taskStatus"));
  }
}
