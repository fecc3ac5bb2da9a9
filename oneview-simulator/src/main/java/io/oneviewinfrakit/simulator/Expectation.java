package io.oneviewinfrakit.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted answer beside the stateful appliance, as fabric8's mock server has expectations next
 * to its CRUD mode: the next {@code times} requests matching a method and path pattern get this
 * status, headers and body (after {@code delay}) instead of what the appliance would answer.
 *
 * <p>The appliance never sees a request answered by an expectation, so nothing changes state and
 * no task advances. {@link Faults} still apply first (appliance down, latency, dropped
 * connections, injected errors; a request they answer uses up no expectation). When several expectations match, the oldest with uses left
 * answers. Build one with {@link OneViewSimulator#expect(String, String)}.
 *
 * <pre>{@code
 * sim.expect("GET", "/rest/server-profiles/*").times(2).header("Retry-After", "1")
 *     .andReturn(503, "{\"errorCode\":\"SERVICE_UNAVAILABLE\"}");
 * }</pre>
 */
public final class Expectation {
  /** {@link Builder#times(int)} value meaning "every matching request, until reset". */
  public static final int ALWAYS = Integer.MAX_VALUE;

  private final Route route;
  private final int status;
  private final Map<String, String> headers;
  private final String body;
  private final Duration delay;
  private int remaining; // guarded by the owning Expectations

  private Expectation(Builder b, int status, String body) {
    this.route = b.route;
    this.status = status;
    this.headers = Map.copyOf(b.headers);
    this.body = body;
    this.delay = b.delay;
    this.remaining = b.times;
  }

  /** The method and path pattern this answers ({@code *} = one segment, trailing {@code /**} = any rest). */
  public String route() {
    return route.toString();
  }

  /** The status it answers with. */
  public int status() {
    return status;
  }

  ApiResponse response() {
    return ApiResponse.text(status, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  Duration delay() {
    return delay;
  }

  boolean matches(String method, String path) {
    return remaining > 0 && route.matches(method, path);
  }

  void use() {
    if (remaining != ALWAYS) {
      remaining--;
    }
  }

  boolean usedUp() {
    return remaining <= 0;
  }

  /** Describes an expectation; {@link #andReturn} registers it with the simulator. Not thread-safe. */
  public static final class Builder {
    private final Route route;
    private final Expectations owner;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int times = 1;
    private Duration delay = Duration.ZERO;

    Builder(Route route, Expectations owner) {
      this.route = route;
      this.owner = owner;
    }

    /** How many matching requests it answers (1 by default; {@link #ALWAYS} for all). */
    public Builder times(int times) {
      if (times < 1) {
        throw new IllegalArgumentException("times < 1: " + times);
      }
      this.times = times;
      return this;
    }

    /** Answers every matching request until {@link OneViewSimulator#reset()}. */
    public Builder always() {
      return times(ALWAYS);
    }

    /** Waits this long (real time) before answering, as a slow appliance would. */
    public Builder delay(Duration delay) {
      if (Objects.requireNonNull(delay, "delay == null").isNegative()) {
        throw new IllegalArgumentException("delay < 0: " + delay);
      }
      this.delay = delay;
      return this;
    }

    /** Adds a response header (a {@code Content-Type} here replaces the default JSON one). */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Registers an answer with {@code status} and no body. */
    public Expectation andReturn(int status) {
      return andReturn(status, null);
    }

    /** Registers an answer with {@code status} and {@code body} (sent as is; null for none). */
    public Expectation andReturn(int status, String body) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status not in 100..599: " + status);
      }
      Expectation e = new Expectation(this, status, body);
      owner.add(e);
      return e;
    }

    /** Registers a OneView ErrorMessage answer ({@code errorCode}, {@code message}, empty rest). */
    public Expectation andReturnError(int status, String errorCode, String message) {
      return andReturn(status, Json.write(
          ErrorBodies.http(errorCode, message, "", List.of(), Map.of(), List.of())));
    }
  }
}
