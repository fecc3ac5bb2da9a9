package io.oneviewinfrakit.oneview;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The session idle-timeout endpoint ({@code /rest/sessions/idle-timeout}), which names the session
 * in a {@code Session-ID} header rather than {@code auth}. Stateless.
 */
final class SessionIdleTimeout {
  /** The longest idle timeout the appliance accepts. */
  static final Duration MAX = Duration.ofHours(24);

  private SessionIdleTimeout() {}

  static Duration read(OneViewApi api, Session session) {
    Map<String, Object> answer = Http.body(api.idleTimeout(session.token()));
    Long millis = answer == null ? null : Json.longValue(answer, "idleTimeout");
    if (millis == null) throw new OneViewException("GET /rest/sessions/idle-timeout answered without idleTimeout");
    return Duration.ofMillis(millis);
  }

  static void write(OneViewApi api, Session session, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("idle timeout must be positive and at most 24 hours: " + timeout);
    }
    if (timeout.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("idle timeout must be whole milliseconds: " + timeout);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("idleTimeout", timeout.toMillis());
    Http.body(api.setIdleTimeout(session.token(), body));
  }
}
