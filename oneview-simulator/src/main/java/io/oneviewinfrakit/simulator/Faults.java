package io.oneviewinfrakit.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Fault injection: what can go wrong between a client and a OneView appliance, switched on and
 * off while the simulator runs.
 *
 * <p>Random faults draw from one {@link Random} seeded by {@link OneViewSimulator.Builder#seed},
 * so a test sending the same requests in the same order sees the same faults. Thread-safe. For
 * example:
 *
 * <pre>{@code
 * sim.faults()
 *     .errorShare(503, 0.2)                                   // one request in five gets 503
 *     .failNextTask(TaskKind.PROFILE_CREATE, "ProfileAlreadyExistsInServer")
 *     .invalidateSessionsEvery(100);                          // an "appliance restart" every 100 calls
 * }</pre>
 */
public final class Faults {
  /** What the request pipeline must do before serving a request. */
  enum Action { SERVE, DROP, FAIL }

  record Decision(Action action, int status, boolean invalidateSessions) {}

  record ForeignAssignment(Instant at, long afterRequest, String hardwareUri) {}


  private final Random random;
  private final Appliance appliance;

  private Duration minLatency = Duration.ZERO;
  private Duration maxLatency = Duration.ZERO;
  private final Map<Integer, Double> errorShares = new java.util.LinkedHashMap<>();
  private final Deque<Integer> nextStatuses = new ArrayDeque<>();
  private double dropShare;
  private int dropNext;
  private volatile boolean down;
  private int invalidateEvery;
  private long requestCount;
  private final Map<TaskKind, Deque<String>> nextTaskFailures = new EnumMap<>(TaskKind.class);
  private final Map<TaskKind, TaskFailureShare> taskFailureShares = new EnumMap<>(TaskKind.class);
  private final List<ForeignAssignment> foreign = new ArrayList<>();
  private int stealNextCreates;
  private final List<LostResponse> lostResponses = new ArrayList<>();

  /** Requests to serve (changing state) whose response is then lost. */
  private static final class LostResponse {
    final String method;
    final String pathPrefix;
    int remaining;

    LostResponse(String method, String pathPrefix, int remaining) {
      this.method = method;
      this.pathPrefix = pathPrefix;
      this.remaining = remaining;
    }
  }

  private record TaskFailureShare(double share, String errorCode) {}

  Faults(long seed, Appliance appliance) {
    this.random = new Random(seed);
    this.appliance = appliance;
  }

  /**
   * Every request takes {@code latency}, as an appliance's own work does: a read ({@code GET}) is
   * worked out when it arrives and answered once its latency has passed (later if working it out
   * takes longer); a change takes effect when its latency has passed, then is answered. The other
   * faults and the expectations are decided when a request is worked out: a read's on arrival, a
   * change's after its latency (so a read sent just after a change can use them up first). No
   * thread waits meanwhile.
   */
  public Faults latency(Duration latency) {
    return latency(latency, latency);
  }

  /** As {@link #latency(Duration)}, each request's a random time between {@code min} and {@code max}, inclusive. */
  public synchronized Faults latency(Duration min, Duration max) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 <= min <= max: " + min + ", " + max);
    }
    this.minLatency = min;
    this.maxLatency = max;
    return this;
  }

  /**
   * Answers a {@code share} (0..1) of requests with {@code status} (typically 500 or 503) and a
   * OneView error body instead of serving them. Calling again for the same status replaces its
   * share.
   */
  public synchronized Faults errorShare(int status, double share) {
    checkShare(share);
    checkStatus(status);
    errorShares.put(status, share);
    return this;
  }

  /** Answers the next {@code n} requests with {@code status}, whatever they are. */
  public synchronized Faults failNextRequests(int n, int status) {
    checkStatus(status);
    for (int i = 0; i < n; i++) {
      nextStatuses.add(status);
    }
    return this;
  }

  /** Forgets the failures {@link #failNextRequests} queued and no request has used yet. */
  public synchronized Faults stopFailingNextRequests() {
    nextStatuses.clear();
    return this;
  }

  /** Closes the connection without any response for a {@code share} (0..1) of requests. */
  public synchronized Faults dropConnections(double share) {
    checkShare(share);
    this.dropShare = share;
    return this;
  }

  /** Closes the connection without any response for the next {@code n} requests. */
  public synchronized Faults dropNextConnections(int n) {
    this.dropNext += n;
    return this;
  }

  /**
   * Serves the next {@code n} requests with this method whose path starts with {@code pathPrefix}
   * (the appliance applies them: a POST creates its resource and starts its task) and then closes
   * the connection instead of sending the response, as when a proxy or the network fails after the
   * appliance accepted the request. The client cannot tell whether the request was applied; the
   * request log records it as {@link RecordedRequest#DROPPED}.
   */
  public synchronized Faults loseResponses(String method, String pathPrefix, int n) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    lostResponses.add(new LostResponse(method.toUpperCase(java.util.Locale.ROOT), pathPrefix, n));
    return this;
  }

  /** Whether the response to this (already applied) request is to be lost; counts it down. */
  synchronized boolean takeLostResponse(String method, String path) {
    for (Iterator<LostResponse> it = lostResponses.iterator(); it.hasNext(); ) {
      LostResponse l = it.next();
      if (l.method.equals(method) && path.startsWith(l.pathPrefix)) {
        if (--l.remaining == 0) {
          it.remove();
        }
        return true;
      }
    }
    return false;
  }

  /**
   * While down, every connection is closed without a response (clients see an I/O error, as when
   * an appliance reboots); state is kept and served again once back up.
   */
  public Faults applianceDown(boolean down) {
    this.down = down;
    return this;
  }

  /** Whether {@link #applianceDown(boolean)} is on. */
  public boolean applianceDown() {
    return down;
  }

  /** Forgets every login session now; clients get 401 on their next call. */
  public Faults invalidateSessions() {
    appliance.invalidateSessions();
    return this;
  }

  /**
   * Forgets every login session each {@code calls} requests, modelling an appliance restart;
   * 0 switches it off.
   */
  public synchronized Faults invalidateSessionsEvery(int calls) {
    if (calls < 0) {
      throw new IllegalArgumentException("calls < 0: " + calls);
    }
    this.invalidateEvery = calls;
    return this;
  }

  /** The next task of {@code kind} ends in {@code Error} with {@code errorCode}. */
  public Faults failNextTask(TaskKind kind, String errorCode) {
    return failNextTasks(kind, 1, errorCode);
  }

  /** The next {@code n} tasks of {@code kind} end in {@code Error} with {@code errorCode}. */
  public synchronized Faults failNextTasks(TaskKind kind, int n, String errorCode) {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(errorCode, "errorCode == null");
    Deque<String> queue = nextTaskFailures.computeIfAbsent(kind, k -> new ArrayDeque<>());
    for (int i = 0; i < n; i++) {
      queue.add(errorCode);
    }
    return this;
  }

  /** A {@code share} (0..1) of tasks of {@code kind} end in {@code Error} with {@code errorCode}. */
  public synchronized Faults failTasks(TaskKind kind, double share, String errorCode) {
    checkShare(share);
    taskFailureShares.put(kind, new TaskFailureShare(share, errorCode));
    return this;
  }

  /**
   * "Another OneView user" assigns a profile (not created through this client) to a free server
   * now; returns the new profile's URI.
   *
   * @throws IllegalStateException when no server is free
   */
  public String assignForeignProfile() {
    return appliance.drift().assignForeignProfile(null);
  }

  /**
   * "Another OneView user" assigns a profile to the server with this URI now, whatever its power
   * state; returns the new profile's URI.
   *
   * @throws IllegalStateException when that server already has a profile or does not exist
   */
  public String assignForeignProfile(String hardwareUri) {
    return appliance.drift().assignForeignProfile(Objects.requireNonNull(hardwareUri, "hardwareUri == null"));
  }

  /**
   * Schedules a foreign profile assignment for the first request at or after {@code when} (by the
   * simulator clock); {@code hardwareUri} null means any free server.
   */
  public synchronized Faults assignForeignProfileAt(Instant when, String hardwareUri) {
    foreign.add(new ForeignAssignment(Objects.requireNonNull(when, "when == null"), -1, hardwareUri));
    return this;
  }

  /**
   * Schedules a foreign profile assignment just before the {@code n}-th request from now is
   * served ({@code n} = 1: the next request); {@code hardwareUri} null means any free server.
   */
  public synchronized Faults assignForeignProfileAfterRequests(int n, String hardwareUri) {
    if (n < 1) {
      throw new IllegalArgumentException("n < 1: " + n);
    }
    foreign.add(new ForeignAssignment(null, requestCount + n, hardwareUri));
    return this;
  }

  /**
   * The race every OneView client meets: just before the next profile create is processed,
   * another user assigns a profile to the server that create targets, so the create's task ends
   * in {@code Error} with {@code ProfileAlreadyExistsInServer}.
   */
  public synchronized Faults assignForeignProfileBeforeNextCreate() {
    stealNextCreates++;
    return this;
  }

  /**
   * "Another OneView user" deletes the profile now, whatever its server's power state; its server
   * becomes free and a task in flight on it ends in {@code Error}. Not a request: the request log
   * does not show it.
   *
   * @throws IllegalArgumentException when there is no such profile
   */
  public Faults deleteProfileAsAnotherUser(String profileUri) {
    appliance.drift().deleteProfileAsAnotherUser(Objects.requireNonNull(profileUri, "profileUri == null"));
    return this;
  }

  /**
   * "Another OneView user" moves the profile to the free server {@code hardwareUri} now (same
   * hardware type and enclosure group); the old server becomes free. Not in the request log.
   *
   * @throws IllegalArgumentException when the profile or server does not exist
   * @throws IllegalStateException when the server has a profile or does not match
   */
  public Faults moveProfileAsAnotherUser(String profileUri, String hardwareUri) {
    appliance.drift().moveProfileAsAnotherUser(Objects.requireNonNull(profileUri, "profileUri == null"),
        Objects.requireNonNull(hardwareUri, "hardwareUri == null"));
    return this;
  }

  /**
   * "Another OneView user" releases the server: deletes whatever profile it carries (typically a
   * foreign one), so it becomes free. Returns the deleted profile's URI, or null if it had none.
   * Not in the request log.
   *
   * @throws IllegalArgumentException when there is no such server
   */
  public String releaseServerAsAnotherUser(String hardwareUri) {
    return appliance.drift().releaseServerAsAnotherUser(Objects.requireNonNull(hardwareUri, "hardwareUri == null"));
  }

  /**
   * The appliance fails the profile after its task had completed (as when applying it to the
   * hardware breaks later): a new task ending in {@code Error} with {@code errorCode} becomes the
   * profile's {@code taskUri}, the profile gets {@code status} {@code Critical} and {@code state}
   * {@code UpdateFailed}, its server {@code state} {@code ProfileError}. Returns the task's URI.
   * Not in the request log.
   *
   * @throws IllegalArgumentException when there is no such profile
   */
  public String failProfileAfterTheFact(String profileUri, String errorCode) {
    return appliance.drift().failProfileAfterTheFact(Objects.requireNonNull(profileUri, "profileUri == null"),
        Objects.requireNonNull(errorCode, "errorCode == null"));
  }

  /** Switches every fault off (sessions and state are kept). */
  public synchronized Faults clear() {
    minLatency = Duration.ZERO;
    maxLatency = Duration.ZERO;
    errorShares.clear();
    nextStatuses.clear();
    dropShare = 0;
    dropNext = 0;
    down = false;
    invalidateEvery = 0;
    nextTaskFailures.clear();
    taskFailureShares.clear();
    foreign.clear();
    stealNextCreates = 0;
    lostResponses.clear();
    return this;
  }

  synchronized Duration nextLatency() {
    if (maxLatency.isZero()) {
      return Duration.ZERO;
    }
    long span = maxLatency.toNanos() - minLatency.toNanos();
    long extra = span == 0 ? 0 : (long) (random.nextDouble() * (span + 1));
    return minLatency.plusNanos(extra);
  }

  /** Decides the fate of one incoming request; called once per request, in arrival order. */
  synchronized Decision decide() {
    requestCount++;
    boolean invalidate = invalidateEvery > 0 && requestCount % invalidateEvery == 0;
    if (dropNext > 0) {
      dropNext--;
      return new Decision(Action.DROP, 0, invalidate);
    }
    if (dropShare > 0 && random.nextDouble() < dropShare) {
      return new Decision(Action.DROP, 0, invalidate);
    }
    if (!nextStatuses.isEmpty()) {
      return new Decision(Action.FAIL, nextStatuses.poll(), invalidate);
    }
    for (Map.Entry<Integer, Double> e : errorShares.entrySet()) {
      if (random.nextDouble() < e.getValue()) {
        return new Decision(Action.FAIL, e.getKey(), invalidate);
      }
    }
    return new Decision(Action.SERVE, 0, invalidate);
  }

  /** Foreign assignments now due; removes them from the schedule. */
  synchronized List<ForeignAssignment> dueForeignAssignments(Instant now) {
    List<ForeignAssignment> due = new ArrayList<>();
    for (Iterator<ForeignAssignment> it = foreign.iterator(); it.hasNext(); ) {
      ForeignAssignment f = it.next();
      boolean timeDue = f.at() != null && !now.isBefore(f.at());
      boolean countDue = f.afterRequest() >= 0 && requestCount >= f.afterRequest();
      if (timeDue || countDue) {
        due.add(f);
        it.remove();
      }
    }
    return due;
  }

  synchronized boolean takeStealNextCreate() {
    if (stealNextCreates > 0) {
      stealNextCreates--;
      return true;
    }
    return false;
  }

  /** The errorCode a new task of {@code kind} must end with, if it is to fail. */
  synchronized Optional<String> taskFailure(TaskKind kind) {
    Deque<String> queue = nextTaskFailures.get(kind);
    if (queue != null && !queue.isEmpty()) {
      return Optional.of(queue.poll());
    }
    TaskFailureShare share = taskFailureShares.get(kind);
    if (share != null && random.nextDouble() < share.share()) {
      return Optional.of(share.errorCode());
    }
    return Optional.empty();
  }

  private static void checkShare(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in [0, 1]: " + share);
    }
  }

  private static void checkStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
    }
  }
}
