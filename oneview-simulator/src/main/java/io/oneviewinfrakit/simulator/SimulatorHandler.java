package io.oneviewinfrakit.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private volatile String baseUrl = "";

  SimulatorHandler(Appliance appliance, Faults faults, RequestLog requests, Clock clock) {
    this.appliance = appliance;
    this.faults = faults;
    this.requests = requests;
    this.clock = clock;
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
    if (faults.applianceDown()) {
      return drop(request, callback, method, path, rawQuery, at);
    }
    Duration latency = faults.nextLatency();
    if (!latency.isZero()) {
      Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
    }
    Faults.Decision decision = faults.decide();
    if (decision.invalidateSessions()) {
      appliance.invalidateSessions();
    }
    if (decision.action() == Faults.Action.DROP) {
      return drop(request, callback, method, path, rawQuery, at);
    }
    ApiResponse result;
    try {
      if (decision.action() == Faults.Action.FAIL) {
        throw ErrorBodies.injected(decision.status());
      }
      String body = Content.Source.asString(request, StandardCharsets.UTF_8);
      ApiRequest api = new ApiRequest(method, path, rawQuery, QueryString.parse(rawQuery),
          name -> request.getHeaders().get(name), body, Request.getRemoteAddr(request), baseUrl);
      result = appliance.handle(api);
    } catch (SimulatorException e) {
      result = ApiResponse.json(e.status(), ErrorBodies.of(e));
    } catch (RuntimeException e) {
      log.error("Simulator failure on {} {}", method, path, e);
      result = ApiResponse.json(500, ErrorBodies.of("INTERNAL_ERROR", "Simulator failure: " + e,
          "", List.of(), Map.of()));
    }
    if (decision.action() == Faults.Action.SERVE && faults.takeLostResponse(method, path)) {
      return drop(request, callback, method, path, rawQuery, at); // applied, answer lost
    }
    requests.add(new RecordedRequest(method, path, rawQuery, result.status(), at));
    response.setStatus(result.status());
    result.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    if (result.body() == null) {
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
      Content.Sink.write(response, true, result.body(), callback);
    }
    return true;
  }

  private boolean drop(Request request, Callback callback, String method, String path,
      String rawQuery, Instant at) {
    requests.add(new RecordedRequest(method, path, rawQuery, RecordedRequest.DROPPED, at));
    request.getConnectionMetaData().getConnection().getEndPoint().close();
    callback.failed(new IOException("connection dropped by fault injection"));
    return true;
  }
}
