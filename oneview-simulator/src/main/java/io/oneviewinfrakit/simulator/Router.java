package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes {@code /rest/...} to one handler per collection, after the checks every request passes:
 * {@code /rest/version} and login need no session, every other path needs a live one, and a
 * read-only session may only GET.
 */
final class Router {
  private final Appliance appliance;
  private final SessionsHandler sessionsHandler;
  private final Map<String, Appliance.RestExtension> extensions = new ConcurrentHashMap<>();
  /** The appliance's own handlers, each once (one may serve several collections), for reset. */
  private final List<Appliance.RestExtension> handlers = new ArrayList<>();

  Router(Appliance appliance, SessionsHandler sessionsHandler) {
    this.appliance = appliance;
    this.sessionsHandler = sessionsHandler;
  }

  /** Serves {@code /rest/<collection>/...} with one of the appliance's own handlers. */
  void handler(String collection, Appliance.RestExtension handler) {
    if (!handlers.contains(handler)) {
      handlers.add(handler);
    }
    extensions.put(collection, handler);
  }

  /** Serves {@code /rest/<collection>/...} with {@code handler}, which resets itself. */
  void extension(String collection, Appliance.RestExtension handler) {
    extensions.put(collection, handler);
  }

  /** Resets the appliance's own handlers; call under the lock after the stores are seeded. */
  void resetHandlers() {
    handlers.forEach(Appliance.RestExtension::reset);
  }

  /** Call under the lock. */
  ApiResponse route(ApiRequest r) {
    String path = r.path().length() > 1 && r.path().endsWith("/")
        ? r.path().substring(0, r.path().length() - 1) : r.path();
    String m = r.method();
    int currentVersion = appliance.currentApiVersion();
    if (path.equals("/rest/version")) {
      requireMethod(m, "GET");
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("currentVersion", (long) currentVersion);
      v.put("minimumVersion", (long) ApiVersions.OLDEST_ACCEPTED);
      return ApiResponse.json(200, v);
    }
    int version = ApiVersions.parse(r.header("X-API-Version"), currentVersion);
    if (path.equals("/rest/login-sessions")) {
      return sessionsHandler.loginSessions(r, m);
    }
    if (path.equals("/rest/sessions/idle-timeout")) {
      return sessionsHandler.idleTimeout(r, m);
    }
    boolean readOnly = appliance.sessions().use(SessionsHandler.authToken(r),
        appliance.clock().instant());
    if (readOnly && !m.equals("GET")) {
      throw ErrorBodies.forbidden(m, path);
    }
    String[] seg = path.substring(1).split("/");
    if (seg.length < 2 || !seg[0].equals("rest")) {
      throw SimulatorException.notFound(path);
    }
    Appliance.RestExtension extension = extensions.get(seg[1]);
    if (extension == null) {
      throw SimulatorException.notFound(path);
    }
    return extension.handle(r, seg, version);
  }

  static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw methodNotAllowed(actual);
    }
  }

  static SimulatorException methodNotAllowed(String method) {
    return new SimulatorException(405, "METHOD_NOT_ALLOWED",
        "The method " + method + " is not supported on this resource.", "", List.of());
  }
}
