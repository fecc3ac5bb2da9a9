package io.oneviewinfrakit.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Login sessions: credentials check, idle expiry by the simulator clock, and the per-client-IP
 * cap. Not thread-safe; guarded by the appliance lock.
 */
final class Sessions {
  private static final class Session {
    final String clientIp;
    final boolean readOnly;
    Instant lastUsed;
    Duration idleTimeout;

    Session(String clientIp, boolean readOnly, Instant lastUsed, Duration idleTimeout) {
      this.clientIp = clientIp;
      this.readOnly = readOnly;
      this.lastUsed = lastUsed;
      this.idleTimeout = idleTimeout;
    }
  }

  private static final Duration MAX_IDLE = Duration.ofHours(24);
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<String, Integer> perClient = new HashMap<>();
  private final String username;
  private final String password;
  private final Duration idleTimeout;
  private final int clientLimit;

  private final String readOnlyUsername;
  private final String readOnlyPassword;

  Sessions(String username, String password, Duration idleTimeout, int clientLimit) {
    this(username, password, null, null, idleTimeout, clientLimit);
  }

  /** {@code readOnlyUsername} null: no read-only user. */
  Sessions(String username, String password, String readOnlyUsername, String readOnlyPassword,
      Duration idleTimeout, int clientLimit) {
    this.username = username;
    this.password = password;
    this.readOnlyUsername = readOnlyUsername;
    this.readOnlyPassword = readOnlyPassword;
    this.idleTimeout = idleTimeout;
    this.clientLimit = clientLimit;
  }

  /** A new session token; the user name is matched case-insensitively, as OneView does. */
  String login(String user, String pass, String domain, String clientIp, Instant now) {
    if (domain != null && !domain.isBlank() && !domain.equalsIgnoreCase("LOCAL")) {
      throw new SimulatorException(401, "AUTHN_AUTH_FAIL_LOGINDOMAINNOTFOUND",
          "Authentication failed. The login domain " + domain + " was not found.",
          "The directory " + domain + " is not configured on the appliance.",
          List.of("Use the LOCAL login domain or a configured directory."));
    }
    boolean admin = user != null && pass != null && user.equalsIgnoreCase(username) && pass.equals(password);
    boolean readOnly = !admin && user != null && pass != null && readOnlyUsername != null
        && user.equalsIgnoreCase(readOnlyUsername) && pass.equals(readOnlyPassword);
    if (!admin && !readOnly) {
      throw new SimulatorException(401, "AUTHN_AUTH_FAIL",
          "Authentication failed. Invalid user name or password.",
          "The user name or password is incorrect.",
          List.of("Verify the user name and password, then log in again."));
    }
    expire(now);
    if (perClient.getOrDefault(clientIp, 0) >= clientLimit) {
      throw new SimulatorException(403, "AUTHN_SESSION_CLIENT_LIMIT_CROSSED",
          "Login denied. The client " + clientIp + " has too many active sessions.",
          "The client " + clientIp + " has the maximum number of active sessions allowed.",
          List.of("Do one of the following: log out of existing sessions. Log in from a different IP"
              + " address. Contact the administrator to increase the maximum number of sessions per"
              + " client IP address. Wait 24 hours for idle sessions created by scripts to time out"
              + " and then retry logging in."),
          Map.of("clientip", clientIp), List.of(clientIp));
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "LTI" + HexFormat.of().formatHex(bytes);
    sessions.put(token, new Session(clientIp, readOnly, now, idleTimeout));
    perClient.merge(clientIp, 1, Integer::sum);
    return token;
  }

  /**
   * Marks the session used now and tells whether it is the read-only user's; 401 AUTHORIZATION when
   * it is missing, unknown or idle too long.
   */
  boolean use(String token, Instant now) {
    Session s = live(token, now);
    if (s == null) {
      throw ErrorBodies.authorization();
    }
    s.lastUsed = now;
    return s.readOnly;
  }

  boolean isLive(String token, Instant now) {
    return live(token, now) != null;
  }

  Duration idleTimeout(String token, Instant now) {
    Session s = live(token, now);
    return s == null ? null : s.idleTimeout;
  }

  void setIdleTimeout(String token, Instant now, Duration timeout) {
    Session s = live(token, now);
    if (s == null) {
      throw SimulatorException.notFound("/rest/sessions/idle-timeout");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_IDLE) > 0) {
      throw SimulatorException.badRequest("INVALID_IDLE_TIMEOUT",
          "The idle timeout must be between 1 ms and 24 hours.");
    }
    s.idleTimeout = timeout;
  }

  private Session live(String token, Instant now) {
    if (token == null) {
      return null;
    }
    Session s = sessions.get(token);
    if (s == null) {
      return null;
    }
    if (now.isAfter(s.lastUsed.plus(s.idleTimeout))) {
      remove(token);
      return null;
    }
    return s;
  }

  void logout(String token) {
    if (token == null || !sessions.containsKey(token)) {
      throw ErrorBodies.authorization();
    }
    remove(token);
  }

  void clear() {
    sessions.clear();
    perClient.clear();
  }

  int count(Instant now) {
    expire(now);
    return sessions.size();
  }

  private void expire(Instant now) {
    for (Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Session> e = it.next();
      if (now.isAfter(e.getValue().lastUsed.plus(e.getValue().idleTimeout))) {
        release(e.getValue().clientIp);
        it.remove();
      }
    }
  }

  private void remove(String token) {
    Session s = sessions.remove(token);
    if (s != null) {
      release(s.clientIp);
    }
  }

  /**
   * Counts one session of {@code clientIp} as gone. The entry is dropped at zero: a long-running
   * simulator sees many client addresses, and zero counts would otherwise pile up forever.
   */
  private void release(String clientIp) {
    perClient.computeIfPresent(clientIp, (ip, n) -> n > 1 ? n - 1 : null);
  }

  /** How many client addresses currently have a session counted; for tests. */
  int trackedClients() {
    return perClient.size();
  }
}
