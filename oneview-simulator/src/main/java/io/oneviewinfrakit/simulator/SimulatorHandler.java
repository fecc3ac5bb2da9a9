package io.oneviewinfrakit.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: injects transport faults, hands the request to the {@link Appliance}, renders
 * every {@link SimulatorException} as a OneView ErrorMessage (the one place that happens), and
 * records the exchange.
 */
final class SimulatorHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(SimulatorHandler.class);
  private final Appliance appliance;
  private final Faults faults;
  private final RequestLog requests;
  private final Clock clock;
  private final Expectations expectations;
  private volatile String baseUrl = "";

  SimulatorHandler(Appliance appliance, Faults faults, RequestLog requests, Clock clock,
      Expectations expectations) {
    this.appliance = appliance;
    this.faults = faults;
    this.requests = requests;
    this.clock = clock;
    this.expectations = expectations;
  }

  void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Instant at = clock.instant();
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String path = request.getHttpURI().getDecodedPath();
    String rawQuery = request.getHttpURI().getQuery() == null ? "" : request.getHttpURI().getQuery();
    Map<String, String> headers = recordedHeaders(request);
    if (faults.applianceDown()) {
      return drop(request, callback, method, path, rawQuery, at, headers, "", NOW);
    }
    Duration latency = faults.nextLatency();
    if (!latency.isZero() && method.equals("GET")) {
      // A read is worked out as it arrives and answered once its latency has passed (or when
      // worked out, if later): an appliance's own work is part of its answer's time, and reads
      // waiting side by side are worked out meanwhile, not one after another once all have waited.
      long due = System.nanoTime() + latency.toNanos();
      return serve(request, response, callback, method, path, rawQuery, at, headers, due);
    }
    if (!latency.isZero()) {
      // A change takes effect when its latency has passed, then is answered.
      later(request, callback, latency.toNanos(),
          () -> serve(request, response, callback, method, path, rawQuery, at, headers, NOW));
      return true;
    }
    return serve(request, response, callback, method, path, rawQuery, at, headers, NOW);
  }

  /** A {@code due} time that has passed: answer at once. */
  private static final long NOW = Long.MIN_VALUE;

  /**
   * Runs {@code step} on the server's pool after {@code delayNanos}, without holding a thread
   * meanwhile: an appliance's latency must not be capped by the simulator's own thread pool (64
   * requests in flight would otherwise take two waits).
   */
  private static void later(Request request, Callback callback, long delayNanos, Step step) {
    org.eclipse.jetty.server.Components components = request.getComponents();
    if (!components.getScheduler().isRunning()) { // stopping: nothing scheduled would ever run
      callback.failed(new IOException("the simulator is stopping"));
      return;
    }
    components.getScheduler().schedule(() -> {
      try {
        components.getThreadPool().execute(() -> {
          try {
            step.run();
          } catch (Throwable t) {
            callback.failed(t);
          }
        });
      } catch (RuntimeException stopping) { // the pool refuses work while the simulator stops
        callback.failed(stopping);
      }
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** {@code answer} (an answer leaving) now, or once {@code due} ({@link System#nanoTime}) has passed. */
  private static void at(Request request, Callback callback, long due, Step answer) throws Exception {
    long wait = due == NOW ? 0 : due - System.nanoTime();
    if (wait <= 0) {
      answer.run();
    } else {
      later(request, callback, wait, answer);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  /**
   * Faults, expectations, the appliance, the answer (sent at {@code due}): a read's when it
   * arrives, a change's once its latency has passed.
   */
  private boolean serve(Request request, Response response, Callback callback, String method, String path,
      String rawQuery, Instant at, Map<String, String> headers, long due) throws Exception {
    Faults.Decision decision = faults.decide();
    if (decision.invalidateSessions()) {
      appliance.invalidateSessions();
    }
    if (decision.action() == Faults.Action.DROP) {
      return drop(request, callback, method, path, rawQuery, at, headers, "", due);
    }
    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
    String recordedBody = redactBody(method, path, body);
    // Faults come first (an injected error consumes no expectation); expectations only replace
    // the appliance's own answer.
    Expectation scripted = decision.action() == Faults.Action.SERVE
        ? expectations.take(method, path) : null;
    if (scripted != null) {
      // The scripted delay comes on top of any latency, and holds no thread either.
      long scriptedDue = (due == NOW ? System.nanoTime() : due) + scripted.delay().toNanos();
      return respond(request, response, callback, scripted.response(),
          new RecordedRequest(method, path, rawQuery, scripted.status(), at, headers, recordedBody),
          scriptedDue);
    }
    ApiResponse result;
    try {
      if (decision.action() == Faults.Action.FAIL) {
        throw ErrorBodies.injected(decision.status());
      }
      ApiRequest api = new ApiRequest(method, path, rawQuery, QueryString.parse(rawQuery),
          name -> request.getHeaders().get(name), body, Request.getRemoteAddr(request), baseUrl);
      result = appliance.handle(api);
    } catch (SimulatorException e) {
      result = ApiResponse.json(e.status(), ErrorBodies.of(e));
    } catch (RuntimeException e) {
      log.error("Simulator failure on {} {}", method, path, e);
      result = ApiResponse.json(500, ErrorBodies.http("INTERNAL_ERROR", "Simulator failure: " + e,
          "", List.of(), Map.of(), List.of()));
    }
    if (decision.action() == Faults.Action.SERVE && faults.takeLostResponse(method, path)) {
      // applied, answer lost
      return drop(request, callback, method, path, rawQuery, at, headers, recordedBody, due);
    }
    return respond(request, response, callback, result,
        new RecordedRequest(method, path, rawQuery, result.status(), at, headers, recordedBody), due);
  }

  private boolean respond(Request request, Response response, Callback callback, ApiResponse result,
      RecordedRequest recorded, long due) throws Exception {
    at(request, callback, due, () -> respond(response, callback, result, recorded));
    return true;
  }

  private void respond(Response response, Callback callback, ApiResponse result, RecordedRequest recorded) {
    // Recorded before the answer leaves, so a client that got its answer finds its request logged.
    requests.add(recorded);
    response.setStatus(result.status());
    byte[] body = result.body();
    if (body != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
    }
    result.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    if (body == null) {
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    } else {
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  /** Header names whose values are credentials: never kept in the request log. */
  private static final java.util.Set<String> SECRET_HEADERS =
      java.util.Set.of("auth", "authorization", "cookie", "session-id", "x-auth-token");

  /** One array of names and values, the Jetty strings themselves: recording must stay cheap. */
  private static Map<String, String> recordedHeaders(Request request) {
    org.eclipse.jetty.http.HttpFields fields = request.getHeaders();
    String[] namesAndValues = new String[fields.size() * 2];
    int i = 0;
    for (org.eclipse.jetty.http.HttpField field : fields) {
      String name = field.getName();
      namesAndValues[i++] = name;
      namesAndValues[i++] = isSecret(name) ? RecordedRequest.REDACTED : field.getValue();
    }
    return new HeaderMap(namesAndValues);
  }

  private static boolean isSecret(String headerName) {
    for (String secret : SECRET_HEADERS) {
      if (secret.equalsIgnoreCase(headerName)) {
        return true;
      }
    }
    return false;
  }

  /** A login body keeps its user name and domain but loses its password. */
  static String redactBody(String method, String path, String body) {
    if (body.isEmpty() || !path.startsWith("/rest/login-sessions")) {
      return body;
    }
    try {
      Map<String, Object> doc = new java.util.LinkedHashMap<>(Json.parseObject(body));
      if (doc.containsKey("password")) {
        doc.put("password", RecordedRequest.REDACTED);
      }
      return Json.write(doc);
    } catch (RuntimeException notJson) {
      return RecordedRequest.REDACTED; // cannot tell where the secret is: keep none of it
    }
  }

  /** Hangs up instead of answering, at {@code due}. */
  private boolean drop(Request request, Callback callback, String method, String path,
      String rawQuery, Instant at, Map<String, String> headers, String body, long due) throws Exception {
    at(request, callback, due, () -> {
      requests.add(new RecordedRequest(method, path, rawQuery, RecordedRequest.DROPPED, at, headers,
          body));
      request.getConnectionMetaData().getConnection().getEndPoint().close();
      callback.failed(new IOException("connection dropped by fault injection"));
    });
    return true;
  }
}
