package io.oneviewinfrakit.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every request the simulator received, oldest first, so tests can assert call counts.
 *
 * <p>Two views of the same requests: the log ({@link #all()}, {@link #count}, ...) keeps them
 * until {@link #clear()}; the queue ({@link #takeRequest()}) hands each out once, in arrival order,
 * and waits for one that has not arrived yet, as OkHttp's MockWebServer does.
 *
 * <p>Paths given to {@link #matching(String, String)} and {@link #count(String, String)} may be
 * route patterns: {@code *} stands for one path segment, a trailing {@code **} for any rest
 * (including nothing). A path without {@code *} must match exactly, as before patterns existed.
 *
 * <p>Thread-safe; methods return snapshots.
 */
public final class RequestLog {
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final LinkedBlockingQueue<RecordedRequest> queue = new LinkedBlockingQueue<>();

  RequestLog() {}

  synchronized void add(RecordedRequest request) {
    // Both under the lock, so the queue hands requests out in the order the log lists them.
    requests.add(request);
    queue.add(request);
  }

  /** All recorded requests, oldest first. */
  public synchronized List<RecordedRequest> all() {
    return List.copyOf(requests);
  }

  /** Recorded requests matching {@code predicate}, oldest first. */
  public synchronized List<RecordedRequest> matching(Predicate<RecordedRequest> predicate) {
    return requests.stream().filter(predicate).toList();
  }

  /** Requests with this method whose path matches {@code path} (exactly, or as a route pattern). */
  public List<RecordedRequest> matching(String method, String path) {
    Route route = Route.of(method, path);
    return matching(route::matches);
  }

  /** How many requests had this method and a path matching {@code path} (exact or pattern). */
  public int count(String method, String path) {
    return matching(method, path).size();
  }

  /** How many requests had this method and a path starting with {@code pathPrefix}. */
  public int countStartingWith(String method, String pathPrefix) {
    return matching(r -> r.method().equalsIgnoreCase(method) && r.path().startsWith(pathPrefix))
        .size();
  }

  /** How many requests were answered with {@code status}. */
  public int countWithStatus(int status) {
    return matching(r -> r.status() == status).size();
  }

  /** Total number of recorded requests. */
  public synchronized int size() {
    return requests.size();
  }

  /** The most recent request, or null when none was received. */
  public synchronized RecordedRequest last() {
    return requests.isEmpty() ? null : requests.get(requests.size() - 1);
  }

  /**
   * The oldest request not yet taken, waiting as long as it takes for one to arrive. A request is
   * queued once its answer is decided (or its connection dropped).
   */
  public RecordedRequest takeRequest() throws InterruptedException {
    return queue.take();
  }

  /** As {@link #takeRequest()}, but null when none arrives within {@code timeout}. */
  public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Forgets every recorded request, in the log and in the queue. */
  public synchronized void clear() {
    requests.clear();
    queue.clear();
  }
}
