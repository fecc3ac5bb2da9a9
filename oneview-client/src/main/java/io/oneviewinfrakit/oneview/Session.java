package io.oneviewinfrakit.oneview;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Response;

/**
 * Owns the login session: logs in lazily, renews an expired session at most once per expiry even
 * when many threads notice it together, and logs out.
 *
 * <p>Thread-safe. Reads of the current token are lock-free; login and logout hold this object's
 * lock, so concurrent callers wait for one login instead of each starting their own.
 */
final class Session {
  private static final Logger log = LoggerFactory.getLogger(OneView.class);

  private final OneViewApi api;
  private final ApiVersions apiVersions;
  private final String userName;
  private final char[] password;
  private final String authLoginDomain;
  /** The embedding application's session IDs, when it logs in itself; null when we do. */
  private final Supplier<String> external;
  private volatile String token;
  private boolean closed;

  Session(OneViewApi api, ApiVersions apiVersions, String userName, char[] password, String authLoginDomain) {
    this.api = api;
    this.apiVersions = apiVersions;
    this.userName = userName;
    this.password = password.clone();
    this.authLoginDomain = authLoginDomain;
    this.external = null;
  }

  private Session(OneViewApi api, ApiVersions apiVersions, Supplier<String> external) {
    this.api = api;
    this.apiVersions = apiVersions;
    this.userName = null;
    this.password = null;
    this.authLoginDomain = null;
    this.external = external;
  }

  /** A session whose IDs {@code external} supplies: never logs in or out. */
  static Session external(OneViewApi api, ApiVersions apiVersions, Supplier<String> external) {
    return new Session(api, apiVersions, external);
  }

  /** The next ID from the embedding application's supplier. */
  private String supplied() {
    String supplied;
    try {
      supplied = external.get();
    } catch (RuntimeException e) {
      throw new AuthenticationException(401, null, "The application's session supplier failed: " + e);
    }
    if (supplied == null || supplied.isBlank()) {
      throw new AuthenticationException(401, null, "The application's session supplier gave no session ID");
    }
    return supplied;
  }

  /** The current session token, logging in first if there is none. */
  String token() {
    String result = token;
    if (result != null) return result;
    synchronized (this) {
      if (closed) throw new IllegalStateException("OneView client is closed");
      if (token == null) token = external != null ? supplied() : login();
      return token;
    }
  }

  /**
   * A token to replace {@code rejected}, which the appliance answered 401 to. Logs in again only if
   * {@code rejected} is still the current token: if another thread already renewed it, its token
   * is returned without a second login.
   */
  synchronized String renew(String rejected) {
    if (closed) throw new IllegalStateException("OneView client is closed");
    if (token != null && !token.equals(rejected)) return token;
    token = null;
    if (external != null) {
      String renewed = supplied();
      if (renewed.equals(rejected)) {
        throw new AuthenticationException(401, null, "The appliance rejected the application's session"
            + " (sessionId/sessionToken) and the supplier has no other; this client does not log in itself");
      }
      token = renewed;
      return token;
    }
    log.info("Session rejected by the appliance; logging in again as {}", userName);
    token = login();
    return token;
  }

  /** Deletes the session on the appliance, if there is one. */
  synchronized void logout() {
    String current = token;
    token = null;
    if (current == null || external != null) return; // The application owns its session.
    Response<Void> response = Http.send(api.logout(apiVersions.version(), current));
    // 401/404: the session already expired or was deleted, which is what we wanted.
    if (!response.isSuccessful() && response.code() != 401 && response.code() != 404) {
      throw Http.error(response);
    }
    log.debug("Logged out {}", userName);
  }

  /** Logs out and refuses further logins. */
  synchronized void close() {
    try {
      logout();
    } finally {
      closed = true;
      if (password != null) Arrays.fill(password, '\0');
    }
  }

  private String login() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userName", userName);
    body.put("password", new String(password));
    if (authLoginDomain != null) body.put("authLoginDomain", authLoginDomain);
    body.put("loginMsgAck", true);
    Response<Map<String, Object>> response = Http.send(api.login(apiVersions.version(), body));
    if (!response.isSuccessful()) {
      OneViewException failure = Http.error(response);
      OneViewError error = failure.error();
      int code = response.code();
      boolean refused = code == 400 || code == 401 || code == 403
          || (error != null && error.errorCode() != null
              && (error.errorCode().startsWith("AUTHN") || error.errorCode().startsWith("AUTHORIZATION")));
      if (!refused) throw failure;
      String reason = error != null ? error.summary() : "HTTP " + code;
      throw new AuthenticationException(code, error, "Login as " + userName + " refused (HTTP " + code + "): " + reason);
    }
    Map<String, Object> answer = response.body();
    String sessionId = answer == null ? null : Json.string(answer, "sessionID");
    if (sessionId == null || sessionId.isEmpty()) {
      throw new AuthenticationException(response.code(), null,
          "Login as " + userName + " answered HTTP " + response.code() + " without a sessionID");
    }
    log.debug("Logged in as {}", userName);
    return sessionId;
  }
}
