package io.oneviewinfrakit.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One request the simulator received.
 *
 * <p>Secrets never reach the log: the values of {@code Auth}, {@code Authorization}, {@code
 * Cookie} and {@code Session-Id} headers and the {@code password} of a login body are replaced by
 * {@link #REDACTED}, so a test may print requests freely.
 *
 * @param method HTTP method, upper case
 * @param path decoded path, without the query
 * @param query raw query string as sent (still percent-encoded), empty when there was none
 * @param status the HTTP status answered, or {@link #DROPPED} when the connection was dropped
 * @param time when the request arrived, by the simulator clock
 * @param headers request headers (immutable; names listed in lower case, looked up in any case;
 *     several values joined by {@code ", "})
 * @param body the request body as text, empty when there was none or it was never read
 */
public record RecordedRequest(String method, String path, String query, int status, Instant time,
    Map<String, String> headers, String body) {
  /** Status recorded for a request whose connection was dropped (fault injection, appliance down). */
  public static final int DROPPED = -1;

  /** What replaces a secret header value or login password. */
  public static final String REDACTED = "<redacted>";

  public RecordedRequest {
    headers = headers instanceof HeaderMap recorded ? recorded
        : HeaderMap.copyOf(headers == null ? Map.of() : headers);
    body = body == null ? "" : body;
  }

  /** A request without headers or body (the shape of the first release). */
  public RecordedRequest(String method, String path, String query, int status, Instant time) {
    this(method, path, query, status, time, Map.of(), "");
  }

  /** {@code path}, plus {@code ?query} when there is one. */
  public String pathAndQuery() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** The value of header {@code name} (any case), or null when it was not sent. */
  public String header(String name) {
    return headers.get(name);
  }
}
