package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts the task a change request runs as (failing it when a fault is injected for its kind) and
 * answers 202 Accepted with it, its {@code Location} relative or absolute as configured. Call under
 * the appliance's lock.
 */
final class AcceptedTasks {
  private final Appliance a;
  private final boolean absoluteLocation;

  AcceptedTasks(Appliance a, boolean absoluteLocation) {
    this.a = a;
    this.absoluteLocation = absoluteLocation;
  }

  /** The error code a task of {@code kind} is to fail with by fault injection, or null. */
  String injectedFailure(TaskKind kind) {
    Faults faults = a.faults();
    return faults == null ? null : faults.taskFailure(kind).orElse(null);
  }

  /** A task outcome that runs {@code completed} when the task completes and does nothing when it fails. */
  static Tasks.Outcome whenCompleted(Runnable completed) {
    return new Tasks.Outcome() {
      @Override
      public void completed() {
        completed.run();
      }

      @Override
      public void failed() {}
    };
  }

  static Tasks.Outcome noOutcome() {
    return whenCompleted(() -> {});
  }

  ApiResponse accepted(ApiRequest r, Tasks.Task t, int version) {
    String location = absoluteLocation ? r.baseUrl() + t.uri : t.uri;
    return ApiResponse.json(202, Documents.render(t.doc, "tasks", version),
        Map.of("Location", location));
  }

  /**
   * Starts a task of {@code kind} (honouring injected failures) and answers 202 with it, for a
   * {@link Appliance.RestExtension}.
   */
  ApiResponse startTask(ApiRequest r, TaskKind kind, String name, String category, String resourceUri,
      String resourceName, Tasks.Outcome outcome, int version) {
    String failure = injectedFailure(kind);
    Tasks.Task t = a.tasks().start(kind, name, category, resourceUri, resourceName, "Running",
        "Completed", failure, failure == null ? null : "Injected failure " + failure, "Failed", outcome);
    return accepted(r, t, version);
  }

  /**
   * {@code DELETE /rest/<collection>?filter=...}: every selected resource goes in one Delete task
   * (oneview-python's {@code delete_all(filter)}). {@code refuse} throws for a resource that cannot
   * go (the whole request is refused, nothing is deleted); {@code remove} runs for each when the
   * task completes. Without a filter or query the request is refused rather than emptying the
   * collection.
   */
  ApiResponse deleteMatching(ApiRequest r, Store store, TaskKind kind, int version,
      Consumer<Map<String, Object>> refuse, Consumer<Map<String, Object>> remove) {
    CollectionQuery q = CollectionQuery.parse(r.query());
    if (!q.selects()) {
      throw SimulatorException.badRequest("INVALID_FILTER",
          "Deleting from " + store.category + " needs a filter naming what to delete.");
    }
    List<Map<String, Object>> matches = q.select(new ArrayList<>(store.all()));
    matches.forEach(refuse);
    String failure = injectedFailure(kind);
    Tasks.Task t = a.tasks().start(kind, "Delete", store.category, null, null,
        "Deleting " + matches.size() + " " + store.category,
        "Deleted " + matches.size() + " " + store.category + ".", failure,
        "Simulated failure of the delete task.", "Unable to delete " + store.category,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            for (Map<String, Object> d : matches) {
              if (store.get((String) d.get("uri")) == d) {
                remove.accept(d);
              }
            }
          }

          @Override
          public void failed() {}
        });
    return accepted(r, t, version);
  }
}
