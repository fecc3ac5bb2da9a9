package io.oneviewinfrakit.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin endpoint: fault injection and task/clock controls over plain HTTP on loopback, for
 * tests that run the simulator as a separate process (the standalone jar). Off unless a port is
 * given. Every operation is a {@code POST /admin/...} with a JSON object body (empty body = no
 * arguments), answered {@code 200 {"ok":true}}; {@code GET /admin/state} reports counters.
 * Bad input is 400, an unknown path 404, always with {@code {"error": "..."}}.
 *
 * <p>It binds 127.0.0.1 only and needs no login: anyone who can reach loopback on the host can
 * already reach the simulator, and the simulator holds nothing worth protecting.
 */
final class AdminServer {
  private final OneViewSimulator sim;
  private final HttpServer server;
  private final ExecutorService executor;

  AdminServer(OneViewSimulator sim, int port) {
    this.sim = sim;
    try {
      this.server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind the admin endpoint on port " + port, e);
    }
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "oneview-simulator-admin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/admin/", this::exchange);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    int status;
    Object answer;
    try (exchange) {
      try {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String op = exchange.getRequestURI().getPath().substring("/admin/".length());
        if (method.equals("GET") && op.equals("state")) {
          answer = state();
        } else if (method.equals("POST")) {
          answer = apply(op, body(exchange.getRequestBody()));
        } else {
          throw new NotFound(method + " /admin/" + op);
        }
        status = 200;
      } catch (NotFound e) {
        status = 404;
        answer = Map.of("error", "no such admin operation: " + e.getMessage());
      } catch (RuntimeException e) {
        status = 400;
        answer = Map.of("error", String.valueOf(e.getMessage()));
      }
      byte[] bytes = Json.write(answer).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, Object> body(InputStream in) throws IOException {
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    return text.isEmpty() ? Map.of() : Json.parseObject(text);
  }

  private Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("pendingTasks", sim.pendingTasks());
    state.put("requests", sim.requests().size());
    state.put("sessions", sim.sessionCount());
    state.put("applianceDown", sim.faults().applianceDown());
    state.put("now", sim.clock().instant().toString());
    return state;
  }

  private Map<String, Object> apply(String op, Map<String, Object> args) {
    Faults faults = sim.faults();
    switch (op) {
      case "latency" -> faults.latency(Duration.ofMillis(longArg(args, "minMs")),
          Duration.ofMillis(args.containsKey("maxMs") ? longArg(args, "maxMs") : longArg(args, "minMs")));
      case "error-share" -> faults.errorShare(
          args.containsKey("status") ? (int) longArg(args, "status") : 503, doubleArg(args, "share"));
      case "fail-next-requests" -> faults.failNextRequests((int) longArg(args, "count"),
          args.containsKey("status") ? (int) longArg(args, "status") : 503);
      case "drop-next-connections" -> faults.dropNextConnections((int) longArg(args, "count"));
      case "drop-share" -> faults.dropConnections(doubleArg(args, "share"));
      case "lose-responses" -> faults.loseResponses(stringArg(args, "method"),
          stringArg(args, "pathPrefix"), (int) longArg(args, "count"));
      case "appliance-down" -> faults.applianceDown(booleanArg(args, "down"));
      case "invalidate-sessions" -> faults.invalidateSessions();
      case "fail-next-tasks" -> faults.failNextTasks(kind(stringArg(args, "kind")),
          args.containsKey("count") ? (int) longArg(args, "count") : 1, stringArg(args, "errorCode"));
      case "tasks/hold" -> sim.holdTasks(kinds(args).toArray(TaskKind[]::new));
      case "tasks/release" -> sim.releaseTasks();
      case "tasks/duration" -> {
        Duration d = Duration.ofMillis(longArg(args, "millis"));
        for (TaskKind k : kinds(args)) {
          sim.taskDuration(k, d);
        }
      }
      case "clock/advance" -> manualClock().advance(Duration.ofMillis(longArg(args, "millis")));
      case "clear-faults" -> faults.clear();
      case "reset" -> sim.reset();
      default -> throw new NotFound("POST /admin/" + op);
    }
    return Map.of("ok", true);
  }

  private ManualClock manualClock() {
    Clock clock = sim.clock();
    if (clock instanceof ManualClock manual) {
      return manual;
    }
    throw new IllegalStateException("the clock is the system clock; start with a manual clock"
        + " (--manual-clock) to move it");
  }

  /** {@code "kinds": ["PROFILE_CREATE", ...]}; absent or empty = every kind. */
  private static List<TaskKind> kinds(Map<String, Object> args) {
    Object raw = args.get("kinds");
    if (raw == null || (raw instanceof List<?> l && l.isEmpty())) {
      return List.copyOf(EnumSet.allOf(TaskKind.class));
    }
    if (!(raw instanceof List<?> list)) {
      throw new IllegalArgumentException("kinds must be an array of task kinds");
    }
    List<TaskKind> kinds = new ArrayList<>();
    for (Object o : list) {
      kinds.add(kind(String.valueOf(o)));
    }
    return kinds;
  }

  private static TaskKind kind(String name) {
    try {
      return TaskKind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown task kind " + name + "; known: "
          + EnumSet.allOf(TaskKind.class));
    }
  }

  private static long longArg(Map<String, Object> args, String name) {
    if (args.get(name) instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException(name + " must be an integer");
  }

  private static double doubleArg(Map<String, Object> args, String name) {
    if (args.get(name) instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(name + " must be a number");
  }

  private static boolean booleanArg(Map<String, Object> args, String name) {
    if (args.get(name) instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(name + " must be true or false");
  }

  private static String stringArg(Map<String, Object> args, String name) {
    if (args.get(name) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(name + " must be a string");
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String what) {
      super(what, null, false, false);
    }
  }
}
