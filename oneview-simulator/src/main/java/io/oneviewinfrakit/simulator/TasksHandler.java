package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /rest/tasks}: list (with {@code query="uri IN (...)"} looked up rather than scanned, for
 * clients that poll many tasks in one request) and get.
 */
final class TasksHandler implements Appliance.RestExtension {
  private final Appliance a;

  TasksHandler(Appliance a) {
    this.a = a;
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    Router.requireMethod(r.method(), "GET");
    Tasks tasks = a.tasks();
    if (seg.length == 2) {
      CollectionQuery q = CollectionQuery.parse(r.query());
      Set<String> wanted = q.exactUris();
      List<Map<String, Object>> docs = new ArrayList<>();
      if (wanted != null) {
        // A batched poll: look the tasks up instead of scanning them all (creation order, then URI).
        List<Tasks.Task> found = new ArrayList<>();
        for (String u : wanted) {
          Tasks.Task t = tasks.get(u);
          if (t != null) {
            found.add(t);
          }
        }
        found.sort(Comparator.comparing((Tasks.Task t) -> t.created).thenComparing(t -> t.uri));
        found.forEach(t -> docs.add(t.doc));
      } else {
        tasks.all().forEach(t -> docs.add(t.doc));
      }
      return a.listings().page(r, q, "tasks", docs, 32, version);
    }
    Tasks.Task t = seg.length == 3 ? tasks.get("/rest/tasks/" + seg[2]) : null;
    if (t == null) {
      throw SimulatorException.notFound(r.path());
    }
    return a.listings().single(r, t.doc, "tasks", version);
  }
}
