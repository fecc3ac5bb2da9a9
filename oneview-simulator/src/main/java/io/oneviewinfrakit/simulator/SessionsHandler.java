package io.oneviewinfrakit.simulator;

import static io.oneviewinfrakit.simulator.Appliance.blankToNull;
import static io.oneviewinfrakit.simulator.Appliance.existing;
import static io.oneviewinfrakit.simulator.Listings.find;
import static io.oneviewinfrakit.simulator.Router.methodNotAllowed;
import static io.oneviewinfrakit.simulator.AcceptedTasks.noOutcome;
import static io.oneviewinfrakit.simulator.Router.requireMethod;
import static io.oneviewinfrakit.simulator.Appliance.string;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /rest/login-sessions} (log in, re-use a token, log out) and
 * {@code /rest/sessions/idle-timeout} (read with the {@code Session-ID} header, change it per
 * session); the session rules themselves are in {@link Sessions}.
 */
final class SessionsHandler {
  private final Appliance a;
  private final Clock clock;

  SessionsHandler(Appliance a) {
    this.a = a;
    this.clock = a.clock();
  }

  static String authToken(ApiRequest r) {
    String token = r.header("auth");
    return token == null || token.isBlank() ? null : token.trim();
  }

  ApiResponse loginSessions(ApiRequest r, String m) {
    Instant now = clock.instant();
    switch (m) {
      case "POST" -> {
        Map<String, Object> body = Json.parseObject(r.body() == null || r.body().isBlank() ? "{}" : r.body());
        String token = a.sessions().login(string(body.get("userName")), string(body.get("password")),
            string(body.get("authLoginDomain")), r.clientIp(), now);
        return ApiResponse.json(200, sessionBody(token));
      }
      case "PUT" -> {
        String token = authToken(r);
        a.sessions().use(token, now);
        return ApiResponse.json(200, sessionBody(token));
      }
      case "DELETE" -> {
        a.sessions().logout(authToken(r));
        return ApiResponse.empty(204);
      }
      default -> throw methodNotAllowed(m);
    }
  }

  private static Map<String, Object> sessionBody(String token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sessionID", token);
    body.put("partnerData", new LinkedHashMap<>());
    return body;
  }

  ApiResponse idleTimeout(ApiRequest r, String m) {
    String token = r.header("Session-ID");
    Instant now = clock.instant();
    if (m.equals("GET")) {
      Duration timeout = a.sessions().idleTimeout(token, now);
      if (timeout == null) {
        throw SimulatorException.notFound("/rest/sessions/idle-timeout");
      }
      return ApiResponse.json(200, Map.of("idleTimeout", timeout.toMillis()));
    }
    requireMethod(m, "POST");
    Object value = Json.parseObject(r.body()).get("idleTimeout");
    if (!(value instanceof Long ms)) {
      throw SimulatorException.badRequest("INVALID_IDLE_TIMEOUT", "idleTimeout must be an integer (ms).");
    }
    a.sessions().setIdleTimeout(token, now, Duration.ofMillis(ms));
    return ApiResponse.empty(204);
  }
}
