package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.simulator.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Groups recorded OneView requests by method and path class ({@code /rest/tasks/{id}}). */
public final class RequestClasses {
  private RequestClasses() {}

  /** "GET /rest/server-hardware/{id}/powerState": the third path segment becomes {id}. */
  public static String classify(RecordedRequest r) {
    String[] parts = r.path().split("/");
    StringBuilder out = new StringBuilder(r.method()).append(' ');
    for (int i = 1; i < parts.length; i++) {
      out.append('/').append(i == 3 ? "{id}" : parts[i]);
    }
    return out.toString();
  }

  /** Count per class, sorted by class. */
  public static Map<String, Long> count(List<RecordedRequest> requests) {
    return requests.stream().collect(Collectors.groupingBy(RequestClasses::classify, TreeMap::new,
        Collectors.counting()));
  }

  /** "GET /rest/tasks/{id}: 120, POST /rest/server-profiles: 64, ...". */
  public static String format(Map<String, Long> counts) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** True for a GET of a whole collection (a listing page), e.g. {@code GET /rest/server-profiles}. */
  public static boolean isListing(RecordedRequest r) {
    return "GET".equals(r.method()) && r.path().matches("/rest/[a-z-]+/?")
        && !r.path().startsWith("/rest/version") && !r.path().startsWith("/rest/login-sessions");
  }
}
