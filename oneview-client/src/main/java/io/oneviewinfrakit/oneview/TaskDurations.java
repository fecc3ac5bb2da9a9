package io.oneviewinfrakit.oneview;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the appliance's recent tasks of each kind took, so that a watch can poll when a task
 * like it would have ended instead of at the next step of its backoff (with 200 ms doubling to 1
 * s, a 5 s task was noticed up to 0.4 s after it ended; with the default 500 ms growing to 10 s, up
 * to 1.6 s).
 *
 * <p>A kind is the task's name and the category of its resource ({@code "Power on"} of {@code
 * server-hardware}, {@code "Create"} of {@code server-profiles}). A duration is read from the
 * appliance's own {@code created} and {@code modified} timestamps of a task that completed, so it
 * does not include how late we noticed the end, and the two clocks never meet. The expectation is
 * the shortest of the last {@value #SAMPLES} durations: no recent task of the kind ended sooner, and
 * a task that runs longer costs one poll, beside the backoff. Before any task of a kind has ended (the
 * first burst of a process: siblings started together all end before the first end is noticed), the
 * task's own {@code expectedDuration} is the estimate, when the appliance gives one (it is often 0).
 *
 * <p>Not thread-safe: confined to the task tracker's thread.
 */
final class TaskDurations {
  static final int SAMPLES = 8;
  /** Kinds remembered at most (the least recently used forgotten first). */
  static final int KINDS = 128;

  private final Map<String, ArrayDeque<Long>> byKind = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
      return size() > KINDS;
    }
  };

  /**
   * Learns from {@code json}, the document of {@code task}, if the task completed and says when;
   * returns whether it did.
   */
  boolean learn(Task task, Map<String, Object> json) {
    String kind = kind(task);
    if (kind == null || !task.state().isSuccess() || json == null) return false;
    long nanos;
    try {
      String created = Json.string(json, "created");
      String modified = Json.string(json, "modified");
      if (created == null || modified == null) return false;
      nanos = Duration.between(Instant.parse(created), Instant.parse(modified)).toNanos();
    } catch (DateTimeParseException | ArithmeticException e) {
      return false; // an appliance without usable timestamps is polled on the backoff alone
    }
    if (nanos < 0) return false;
    ArrayDeque<Long> samples = byKind.computeIfAbsent(kind, k -> new ArrayDeque<>(SAMPLES));
    if (samples.size() == SAMPLES) samples.removeFirst();
    samples.addLast(nanos);
    return true;
  }

  /** The shortest recent duration of tasks of {@code task}'s kind in nanoseconds, or -1 if unknown. */
  long expectedNanos(Task task) {
    String kind = kind(task);
    ArrayDeque<Long> samples = kind == null ? null : byKind.get(kind);
    if (samples == null || samples.isEmpty()) return -1;
    long min = Long.MAX_VALUE;
    for (long sample : samples) min = Math.min(min, sample);
    return min;
  }

  /** {@code json}'s {@code expectedDuration} (whole seconds) in nanoseconds, or -1 if it gives none. */
  static long applianceExpects(Map<String, Object> json) {
    Long seconds = Json.longValue(json, "expectedDuration");
    return seconds == null || seconds <= 0 || seconds > Duration.ofDays(1).toSeconds() ? -1
        : Duration.ofSeconds(seconds).toNanos();
  }

  /**
   * How long after a task's predicted end its poll waits at most: a window in which the ends of
   * tasks started together are gathered into one listing (each is polled once its own predicted end
   * has passed). About 2% of the task, so a long task's poll waits longer.
   */
  static long windowNanos(long expectedNanos) {
    return Duration.ofMillis(50).toNanos() + expectedNanos / 50;
  }

  private static String kind(Task task) {
    if (task.name() == null) return null;
    String resource = task.associatedResourceUri();
    String category = "";
    if (resource != null && resource.startsWith("/rest/")) {
      int end = resource.indexOf('/', "/rest/".length());
      category = end < 0 ? resource.substring("/rest/".length()) : resource.substring("/rest/".length(), end);
    }
    return task.name() + " " + category;
  }
}
