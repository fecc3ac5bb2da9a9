package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The group controller's view of the plugin: every call goes to the current client (a crashed and
 * restarted plugin gets a new one) and every answer or failure is recorded, so a test can assert the
 * plugin never answered a provision with a null or foreign-shaped ID, or a listing with null, blank
 * or duplicate IDs. A failure (any exception) is what the plugin must answer when it cannot tell the
 * truth; it is counted, not an error.
 */
final class RecordingPlugin implements InstancePlugin {

  private final Supplier<? extends InstancePlugin> target;
  final List<String> violations = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  /** Distinct failure messages (trimmed), for the report when something goes wrong. */
  final Set<String> failureMessages = ConcurrentHashMap.newKeySet();

  RecordingPlugin(Supplier<? extends InstancePlugin> target) {
    this.target = target;
  }

  @Override
  public void validate(RawJson properties) {
    call("validate", () -> {
      target.get().validate(properties);
      return null;
    });
  }

  @Override
  public InstanceId provision(InstanceSpec spec) {
    InstanceId id = call("provision", () -> target.get().provision(spec));
    if (id == null || id.value() == null || !InstanceIds.hasOurShape(id.value())) {
      violations.add("provision answered ID " + id);
    }
    return id;
  }

  @Override
  public void label(InstanceId id, Map<String, String> labels) {
    call("label", () -> {
      target.get().label(id, labels);
      return null;
    });
  }

  @Override
  public void destroy(InstanceId id, DestroyContext context) {
    call("destroy", () -> {
      target.get().destroy(id, context);
      return null;
    });
  }

  @Override
  public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
    List<InstanceDescription> listed = call("describe",
        () -> target.get().describeInstances(tags, properties));
    if (listed == null) {
      violations.add("describe answered null");
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    for (InstanceDescription d : listed) {
      if (d.id() == null || d.id().value() == null || d.id().value().isBlank()) {
        violations.add("describe listed an instance without ID: " + d);
      } else if (!seen.add(d.id().value())) {
        violations.add("describe listed " + d.id().value() + " twice");
      } else if (!d.tags().entrySet().containsAll(tags.entrySet())) {
        violations.add("describe listed " + d.id().value() + " whose tags " + d.tags()
            + " do not match the filter " + tags);
      }
    }
    return listed;
  }

  int answers(String method) {
    AtomicInteger n = answers.get(method);
    return n == null ? 0 : n.get();
  }

  int failures(String method) {
    AtomicInteger n = failures.get(method);
    return n == null ? 0 : n.get();
  }

  private <T> T call(String method, Supplier<T> call) {
    try {
      T result = call.get();
      answers.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
      return result;
    } catch (RuntimeException e) {
      failures.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
      String message = String.valueOf(e.getMessage());
      if (failureMessages.size() < 200) {
        failureMessages.add(method + ": " + e.getClass().getSimpleName() + ": "
            + message.substring(0, Math.min(200, message.length())));
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "answers " + answers + ", failures " + failures;
  }
}
