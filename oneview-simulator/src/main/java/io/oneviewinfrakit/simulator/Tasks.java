package io.oneviewinfrakit.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OneView tasks and their progress in simulated time: New when created, Running once a later
 * request sees them, Completed or Error at the first request at or after their due time unless
 * held. Not thread-safe; guarded by the appliance lock.
 */
final class Tasks {
  /** What a task does to the appliance state when it ends. */
  interface Outcome {
    void completed();

    void failed();
  }

  static final class Task {
    final String uri;
    final TaskKind kind;
    final Map<String, Object> doc;
    final Instant created;
    final Instant due;
    final Outcome outcome;
    final String successStatus;
    final String errorCode;
    final String errorMessage;
    final String failureStatus;
    boolean terminal;
    /** When a hold on its kind ended, if one did: a held task ends then, not at its due time. */
    Instant releasedAt;

    Task(String uri, TaskKind kind, Map<String, Object> doc, Instant created, Instant due,
        Outcome outcome, String successStatus, String errorCode, String errorMessage,
        String failureStatus) {
      this.uri = uri;
      this.kind = kind;
      this.doc = doc;
      this.created = created;
      this.due = due;
      this.outcome = outcome;
      this.successStatus = successStatus;
      this.errorCode = errorCode;
      this.errorMessage = errorMessage;
      this.failureStatus = failureStatus;
    }
  }

  private final Clock clock;
  private final Ids ids;
  private final String owner;
  private final Map<TaskKind, Duration> durations;
  private final Map<String, Task> all = new LinkedHashMap<>();
  private final List<Task> pending = new ArrayList<>();
  private final Set<TaskKind> held = EnumSet.noneOf(TaskKind.class);
  private long progressIds;

  Tasks(Clock clock, Ids ids, String owner, Map<TaskKind, Duration> durations) {
    this.clock = clock;
    this.ids = ids;
    this.owner = owner;
    this.durations = new EnumMap<>(durations);
  }

  /**
   * Starts a task. A non-null {@code errorCode} makes it end in Error with that code; {@code
   * resourceUri} null means the task is not associated with a resource (validation errors).
   */
  Task start(TaskKind kind, String name, String category, String resourceUri, String resourceName,
      String runningStatus, String successStatus, String errorCode, String errorMessage,
      String failureStatus, Outcome outcome) {
    Instant now = clock.instant();
    String uri = "/rest/tasks/" + ids.upperUuid();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "TaskResourceV2");
    doc.put("data", null);
    doc.put("category", "tasks");
    doc.put("taskType", "User");
    doc.put("stateReason", "New");
    Map<String, Object> associated = new LinkedHashMap<>();
    associated.put("resourceUri", resourceUri);
    associated.put("associationType", "MANAGED_BY");
    associated.put("resourceName", resourceName);
    associated.put("resourceCategory", category);
    doc.put("associatedResource", associated);
    doc.put("hidden", false);
    doc.put("percentComplete", 0L);
    doc.put("associatedTaskUri", null);
    doc.put("completedSteps", 0L);
    doc.put("computedPercentComplete", 0L);
    Duration duration = durations.getOrDefault(kind, Duration.ZERO);
    doc.put("expectedDuration", duration.toSeconds());
    doc.put("parentTaskUri", null);
    doc.put("progressUpdates", new ArrayList<>());
    doc.put("taskErrors", new ArrayList<>());
    doc.put("taskOutput", new ArrayList<>());
    doc.put("taskState", "New");
    doc.put("taskStatus", runningStatus);
    doc.put("totalSteps", 0L);
    doc.put("userInitiated", true);
    doc.put("name", name);
    doc.put("owner", owner);
    doc.put("created", Ids.timestamp(now));
    doc.put("eTag", "1");
    doc.put("modified", Ids.timestamp(now));
    doc.put("uri", uri);
    Task task = new Task(uri, kind, doc, now, now.plus(duration), outcome, successStatus,
        errorCode, errorMessage, failureStatus);
    all.put(uri, task);
    pending.add(task);
    return task;
  }

  /**
   * A task that already ended in {@code Error}, as the appliance records one it ran on its own
   * (not on a client's request): {@code userInitiated} false, nothing pending.
   */
  Task failedBySystem(TaskKind kind, String name, String category, String resourceUri,
      String resourceName, String errorCode, String errorMessage, String failureStatus) {
    Task t = start(kind, name, category, resourceUri, resourceName, failureStatus, "", errorCode,
        errorMessage, failureStatus, new Outcome() {
          @Override
          public void completed() {}

          @Override
          public void failed() {}
        });
    t.doc.put("userInitiated", false);
    t.doc.put("taskType", "Appliance");
    pending.remove(t);
    finish(t, clock.instant());
    return t;
  }

  /**
   * Advances every pending task to the current time; runs outcomes of tasks that end. A task ends
   * (its {@code modified} and last progress update) at its due time, as on an appliance, not when a
   * request first sees it: clients that learn how long tasks take read these timestamps.
   */
  void advance() {
    Instant now = clock.instant();
    for (Iterator<Task> it = pending.iterator(); it.hasNext(); ) {
      Task t = it.next();
      if (!held.contains(t.kind) && !now.isBefore(t.due)) {
        it.remove();
        finish(t, t.releasedAt != null && t.releasedAt.isAfter(t.due) ? t.releasedAt : t.due);
      } else {
        run(t, now);
      }
    }
  }

  private void run(Task t, Instant now) {
    long total = Duration.between(t.created, t.due).toMillis();
    long elapsed = Duration.between(t.created, now).toMillis();
    long percent = total <= 0 ? 99 : Math.min(99, elapsed * 100 / total);
    boolean changed = !"Running".equals(t.doc.get("taskState"))
        || ((Long) t.doc.get("percentComplete")) != percent;
    t.doc.put("taskState", "Running");
    t.doc.put("stateReason", "Running");
    t.doc.put("percentComplete", percent);
    t.doc.put("computedPercentComplete", percent);
    if (changed) {
      touch(t, now);
    }
  }

  private void finish(Task t, Instant now) {
    t.terminal = true;
    Json.list(t.doc.get("progressUpdates")).add(Json.obj("timestamp", Ids.timestamp(now),
        "statusUpdate", t.errorCode == null ? t.successStatus : t.failureStatus,
        "id", ++progressIds));
    t.doc.put("percentComplete", 100L);
    t.doc.put("computedPercentComplete", 100L);
    if (t.errorCode == null) {
      t.outcome.completed();
      t.doc.put("taskState", "Completed");
      t.doc.put("stateReason", "Completed");
      t.doc.put("taskStatus", t.successStatus);
    } else {
      t.outcome.failed();
      t.doc.put("taskState", "Error");
      t.doc.put("stateReason", "ValidationError");
      t.doc.put("taskStatus", t.failureStatus);
      List<Object> errors = Json.list(t.doc.get("taskErrors"));
      errors.add(ErrorBodies.of(t.errorCode, t.errorMessage, "",
          List.of("Verify parameters and try again."), Map.of()));
    }
    touch(t, now);
  }

  /** Ends a pending task in Error now, without running its outcome (it was superseded). */
  void abort(Task t, String errorCode, String message) {
    if (t.terminal) {
      return;
    }
    pending.remove(t);
    t.terminal = true;
    t.doc.put("taskState", "Error");
    t.doc.put("stateReason", "Interrupted");
    t.doc.put("percentComplete", 100L);
    t.doc.put("computedPercentComplete", 100L);
    Json.list(t.doc.get("taskErrors")).add(ErrorBodies.of(errorCode, message, "", List.of(), Map.of()));
    touch(t, clock.instant());
  }

  private void touch(Task t, Instant now) {
    t.doc.put("modified", Ids.timestamp(now));
    t.doc.put("eTag", String.valueOf(Long.parseLong((String) t.doc.get("eTag")) + 1));
  }

  Task get(String uri) {
    return all.get(uri);
  }

  Iterable<Task> all() {
    return all.values();
  }

  void hold(Set<TaskKind> kinds) {
    held.addAll(kinds);
  }

  void release() {
    Instant now = clock.instant();
    for (Task t : pending) {
      if (held.contains(t.kind)) t.releasedAt = now;
    }
    held.clear();
  }

  void duration(TaskKind kind, Duration duration) {
    durations.put(kind, duration);
  }

  int pendingCount() {
    return pending.size();
  }

  void clear() {
    all.clear();
    pending.clear();
    held.clear();
  }
}
