package io.oneviewinfrakit.simulator;

import java.util.Map;

/**
 * A read-only snapshot of one simulated task, for assertions.
 *
 * @param name {@code Create}, {@code Update}, {@code Delete}, {@code Power on}, {@code Power off}
 *     or {@code Reset}
 * @param taskState {@code New}, {@code Running}, {@code Completed} or {@code Error}
 * @param json the whole task document (unmodifiable)
 */
public record TaskView(String uri, String name, String taskState, long percentComplete,
    Map<String, Object> json) {

  static TaskView of(Map<String, Object> d) {
    return new TaskView((String) d.get("uri"), (String) d.get("name"), (String) d.get("taskState"),
        ((Number) d.get("percentComplete")).longValue(), d);
  }
}
