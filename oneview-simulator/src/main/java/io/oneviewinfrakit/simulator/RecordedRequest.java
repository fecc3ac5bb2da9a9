package io.oneviewinfrakit.simulator;

import java.time.Instant;

/**
 * One request the simulator received.
 *
 * @param method HTTP method, upper case
 * @param path decoded path, without the query
 * @param query raw query string as sent (still percent-encoded), empty when there was none
 * @param status the HTTP status answered, or {@link #DROPPED} when the connection was dropped
 * @param time when the request arrived, by the simulator clock
 */
public record RecordedRequest(String method, String path, String query, int status, Instant time) {
  /** Status recorded for a request whose connection was dropped (fault injection, appliance down). */
  public static final int DROPPED = -1;

  /** {@code path}, plus {@code ?query} when there is one. */
  public String pathAndQuery() {
    return query.isEmpty() ? path : path + "?" + query;
  }
}
