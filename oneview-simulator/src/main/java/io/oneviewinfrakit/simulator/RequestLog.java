package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request the simulator received, oldest first, so tests can assert call counts.
 *
 * <p>Thread-safe; methods return snapshots.
 */
public final class RequestLog {
  private final List<RecordedRequest> requests = new ArrayList<>();

  RequestLog() {}

  synchronized void add(RecordedRequest request) {
    requests.add(request);
  }

  /** All recorded requests, oldest first. */
  public synchronized List<RecordedRequest> all() {
    return List.copyOf(requests);
  }

  /** Recorded requests matching {@code predicate}, oldest first. */
  public synchronized List<RecordedRequest> matching(Predicate<RecordedRequest> predicate) {
    return requests.stream().filter(predicate).toList();
  }

  /** Requests with this method whose path equals {@code path} exactly. */
  public List<RecordedRequest> matching(String method, String path) {
    return matching(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path));
  }

  /** How many requests had this method and exactly this path. */
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

  /** Forgets every recorded request. */
  public synchronized void clear() {
    requests.clear();
  }
}
