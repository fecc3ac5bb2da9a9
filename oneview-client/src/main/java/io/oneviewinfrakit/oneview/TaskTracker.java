package io.oneviewinfrakit.oneview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every pending task of one {@link OneView} with a single scheduler thread: no thread waits
 * while OneView works. Each watch is polled with the client's backoff ({@link RealTaskClient#pollDelay});
 * watches that fall due together are served by one request, a task listing filtered to their URIs
 * ({@code GET /rest/tasks?query="uri IN ('…','…')"&count=n}, the {@code query} parameter's {@code IN}
 * of the REST API reference), one request per {@value #BATCH} tasks; a lone due task, or a task the
 * listing did not return, is read with {@code GET} on its URI. An appliance that refuses the listing
 * (HTTP 400) is asked task by task from then on. Several watches of the same task share its polls.
 * When recent tasks of the same kind, or else the task itself, say when it should end ({@link
 * TaskDurations}), it is also polled once just after that, if that comes before its next backoff
 * poll: the backoff alone noticed ends late (up to 0.4 s of a 5 s task at 200 ms doubling to 1 s,
 * 1.6 s with the defaults). That poll is beside the backoff, which it leaves as it was: a wrong
 * expectation (a slower task) costs one poll and never delays a watch.
 *
 * <p>A watch ends with the task's final state, {@link TaskFailedException}, {@link
 * TaskTimeoutException}, {@link ResourceNotFoundException} (no such task) or, after {@value
 * #MAX_FAILED_POLLS} failed polls in a row (each already retried by the HTTP layer), a {@link
 * OneViewException}. Futures complete on the scheduler thread or on an OkHttp thread, so dependent
 * stages that block must use the {@code *Async} variants with their own executor.
 *
 * <p>Thread-safe. All state is confined to the scheduler thread; HTTP answers hop back onto it.
 */
final class TaskTracker implements AutoCloseable {
  /** At most this many task URIs per filtered listing (one page of the appliance's task listing). */
  static final int BATCH = 32;
  /** Polls that may fail in a row (after the HTTP layer's own retries) before a watch gives up. */
  static final int MAX_FAILED_POLLS = 3;
  /**
   * Requests the tracker has in flight at most. Tasks that fall due meanwhile wait for an answer and
   * then go together in one listing: a burst of new tasks costs a few requests and a few of the
   * dispatcher's threads, not one of each per task.
   */
  static final int MAX_REQUESTS_IN_FLIGHT = 4;

  private static final Logger log = LoggerFactory.getLogger(OneView.class);

  private final OneViewApi api;
  private final Duration pollInitial;
  private final Duration pollMax;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Thread[] schedulerThread = new Thread[1];
  // Confined to the scheduler thread:
  private final Map<String, TrackedTask> tracked = new LinkedHashMap<>();
  private final TaskDurations durations = new TaskDurations();
  private ScheduledFuture<?> wakeUp;
  private long wakeUpAt = Long.MAX_VALUE;
  private boolean listingRefused;
  /** While it says true, another source (OneView's message bus) reports task ends: poll slowly. */
  private volatile java.util.function.BooleanSupplier eventsLive = () -> false;
  private volatile Duration fallbackPoll = Duration.ZERO;
  /**
   * Final states reported by {@link #observed} for tasks nobody watched yet: a fast task's end can
   * arrive before its watch is added. Confined to the scheduler thread; the newest few thousand.
   */
  private final Map<String, Task> endedUnwatched = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Task> eldest) {
      return size() > 4096;
    }
  };
  private boolean tickQueued;
  private long requests;
  private int requestsInFlight;

  TaskTracker(OneViewApi api, Duration pollInitial, Duration pollMax, ThreadFactory threads) {
    this.api = api;
    this.pollInitial = pollInitial;
    this.pollMax = pollMax;
    this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = threads.newThread(runnable);
      schedulerThread[0] = thread;
      return thread;
    });
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() ends the thread at once
  }

  /** Whether the calling thread is the tracker's own (where blocking on a task would deadlock). */
  boolean isTrackerThread() {
    return Thread.currentThread() == schedulerThread[0];
  }

  /** Starts watching {@code task}; see {@link TaskClient#watch}. */
  CompletableFuture<Task> watch(Task task, Duration timeout) {
    return watch(task, timeout, t -> {});
  }

  /** As {@link #watch(Task, Duration)}, telling {@code progress} each state a poll reads. */
  CompletableFuture<Task> watch(Task task, Duration timeout, Consumer<Task> progress) {
    return watch(task, timeout, progress, false);
  }

  /**
   * As {@link #watch(Task, Duration, Consumer)}; {@code pollNow} polls at once instead of after the
   * first interval. A watch started right after the task was read (the answer to the request that
   * started it) waits the interval: a poll at once would almost never find a OneView task over. A
   * caller that blocks in {@code await} on a task it read a while ago (a script that starts many
   * tasks, then awaits each) polls at once.
   */
  CompletableFuture<Task> watch(Task task, Duration timeout, Consumer<Task> progress,
      boolean pollNow) {
    Objects.requireNonNull(task, "task == null");
    Objects.requireNonNull(progress, "progress == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    CompletableFuture<Task> future = new CompletableFuture<>();
    if (task.state().isTerminal()) {
      finish(future, task);
      return future;
    }
    Watch watch = new Watch(future, timeout, System.nanoTime() + timeout.toNanos(), progress,
        pollNow);
    try {
      scheduler.execute(() -> add(task, watch));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      future.completeExceptionally(new IllegalStateException("OneView client is closed"));
      return future;
    }
    future.whenComplete((t, e) -> {
      if (future.isCancelled()) runOnScheduler(() -> remove(task.uri(), watch));
    });
    return future;
  }

  /** See {@link TaskClient#eventFeed}. */
  void eventFeed(java.util.function.BooleanSupplier live, Duration fallback) {
    this.fallbackPoll = Objects.requireNonNull(fallback, "fallback == null");
    this.eventsLive = Objects.requireNonNull(live, "live == null");
  }

  /** See {@link TaskClient#observed}: a state learned elsewhere, applied on the tracker's thread. */
  void observed(Task task) {
    Objects.requireNonNull(task, "task == null");
    runOnScheduler(() -> {
      TrackedTask t = tracked.get(task.uri());
      if (t == null) {
        if (task.state().isTerminal()) {
          endedUnwatched.put(task.uri(), task);
        }
      } else if (!t.inFlight) {
        seen(t, task, null);
        t.polls--; // not a poll: the backoff is the polls'
        scheduleWakeUp();
      }
    });
  }

  /** The wait before a poll: the backoff, or while events report task ends, at least the fallback. */
  private long pollWait(long backoffNanos) {
    return eventsLive.getAsBoolean() ? Math.max(backoffNanos, fallbackPoll.toNanos()) : backoffNanos;
  }

  /** How many HTTP requests the tracker has sent (task reads and filtered listings). */
  long requests() {
    return call(() -> requests);
  }

  /** The most threads the tracker ever had (its pool is one thread, whatever is watched). */
  int largestThreadCount() {
    return scheduler.getLargestPoolSize();
  }

  /** How many distinct tasks are being watched now. */
  int pending() {
    return call(tracked::size);
  }

  private <T> T call(java.util.concurrent.Callable<T> callable) {
    try {
      return scheduler.submit(callable).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OneViewException("Interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw Http.unwrap(e.getCause(), "reading the task tracker");
    }
  }

  @Override
  public void close() {
    runOnScheduler(() -> {
      for (TrackedTask t : tracked.values()) {
        for (Watch w : t.watches) w.future.completeExceptionally(new IllegalStateException("OneView client is closed"));
      }
      tracked.clear();
    });
    scheduler.shutdown();
  }

  private void runOnScheduler(Runnable runnable) {
    try {
      scheduler.execute(runnable);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // Closed: nothing is watched any more.
    }
  }

  record Watch(CompletableFuture<Task> future, Duration timeout, long deadline,
      Consumer<Task> progress, boolean pollNow) {}

  private void add(Task task, Watch watch) {
    if (watch.future.isDone()) return;
    Task ended = endedUnwatched.get(task.uri());
    if (ended != null) { // its end was reported before anyone watched it
      finish(watch.future, ended);
      return;
    }
    TrackedTask t = tracked.computeIfAbsent(task.uri(), uri -> new TrackedTask(uri, task, System.nanoTime()));
    t.watches.add(watch);
    if (!t.inFlight && t.polls == 0) {
      // The first poll after the first interval, or at once when the watch asks for it (see
      // watch(..., pollNow)); later while events report task ends.
      long interval = pollWait(watch.pollNow ? 0 : pollInitial.toNanos());
      long at = System.nanoTime() + interval;
      if (t.watches.size() == 1) {
        schedule(t, interval);
      } else if (at - t.nextPollAt < 0) {
        t.interval = interval;
        t.nextPollAt = at;
      }
    }
    // One tick for a burst of new watches already queued behind this one, so their first polls share a listing.
    if (!tickQueued) {
      tickQueued = true;
      scheduler.execute(() -> {
        tickQueued = false;
        tick();
      });
    }
  }

  private void remove(String uri, Watch watch) {
    TrackedTask t = tracked.get(uri);
    if (t == null) return;
    t.watches.remove(watch);
    if (t.watches.isEmpty() && !t.inFlight) tracked.remove(uri);
  }

  /** Ends timed-out watches, polls what is due (coalescing what is nearly due), and sleeps until the next. */
  private void tick() {
    long now = System.nanoTime();
    List<TrackedTask> due = new ArrayList<>();
    for (var it = tracked.values().iterator(); it.hasNext(); ) {
      TrackedTask t = it.next();
      t.watches.removeIf(w -> {
        if (w.future.isDone()) return true;
        // A poll in flight answers first, so the timeout reports the freshest state (the answer ticks again).
        if (now - w.deadline >= 0 && !t.inFlight) {
          w.future.completeExceptionally(new TaskTimeoutException(t.last, w.timeout));
          return true;
        }
        return false;
      });
      if (t.watches.isEmpty() && !t.inFlight) {
        it.remove();
        continue;
      }
      // Due now, or in the second half of its wait: polled a little early, with the others due,
      // so pending tasks fall into one cadence and one listing serves them together.
      if (!t.inFlight && t.nextPollAt - now <= t.interval / 2) due.add(t);
    }
    List<TrackedTask> alone = new ArrayList<>();
    List<TrackedTask> together = new ArrayList<>();
    for (TrackedTask t : due) (t.readAlone || listingRefused ? alone : together).add(t);
    if (together.size() == 1) {
      alone.addAll(together);
      together.clear();
    }
    // Listings first (each serves many), then lone reads, while requests may still be sent; the
    // rest stay due and go when an answer comes back.
    for (int i = 0; i < together.size() && requestsInFlight < MAX_REQUESTS_IN_FLIGHT; i += BATCH) {
      readMany(together.subList(i, Math.min(together.size(), i + BATCH)));
    }
    for (int i = 0; i < alone.size() && requestsInFlight < MAX_REQUESTS_IN_FLIGHT; i++) {
      readOne(alone.get(i));
    }
    scheduleWakeUp();
  }

  private void scheduleWakeUp() {
    long next = Long.MAX_VALUE;
    // With every request slot taken, the next answer ticks: wake up only for deadlines.
    boolean canSend = requestsInFlight < MAX_REQUESTS_IN_FLIGHT;
    for (TrackedTask t : tracked.values()) {
      if (!t.inFlight && canSend) next = Math.min(next, t.nextPollAt);
      for (Watch w : t.watches) next = Math.min(next, w.deadline);
    }
    if (next == Long.MAX_VALUE) return;
    long now = System.nanoTime();
    // Keep a pending wake-up that comes first (not the one running now, whose time has passed).
    if (wakeUp != null && !wakeUp.isDone() && wakeUpAt - now > 0 && wakeUpAt - next <= 0) return;
    if (wakeUp != null) wakeUp.cancel(false);
    wakeUpAt = next;
    wakeUp = scheduler.schedule(this::tick, Math.max(0, next - now), TimeUnit.NANOSECONDS);
  }

  private void readOne(TrackedTask t) {
    t.sending();
    requests++;
    requestsInFlight++;
    Http.bodyAsync(api.get(t.uri)).whenComplete((json, failure) -> runOnScheduler(() -> {
      requestsInFlight--;
      t.inFlight = false;
      t.readAlone = false;
      if (failure != null) {
        failed(t, Http.unwrap(failure, "reading task " + t.uri));
      } else {
        seen(t, Task.fromJson(json), json);
      }
      tick();
    }));
  }

  private void readMany(List<TrackedTask> batch) {
    List<TrackedTask> tasks = List.copyOf(batch);
    for (TrackedTask t : tasks) t.sending();
    requests++;
    requestsInFlight++;
    String query = "\"uri IN (" + tasks.stream().map(t -> "'" + t.uri + "'").collect(Collectors.joining(",")) + ")\"";
    Http.bodyAsync(api.listTasks(RealTaskClient.COLLECTION, query, tasks.size())).whenComplete((json, failure) ->
        runOnScheduler(() -> {
          requestsInFlight--;
          for (TrackedTask t : tasks) t.inFlight = false;
          if (failure != null) {
            RuntimeException e = Http.unwrap(failure, "listing tasks");
            if (e instanceof OneViewException ov && ov.httpStatus() == 400) {
              log.info("The appliance refused a filtered task listing ({}); polling tasks one by one", e.getMessage());
              listingRefused = true;
              for (TrackedTask t : tasks) t.nextPollAt = System.nanoTime();
            } else {
              for (TrackedTask t : tasks) failed(t, e);
            }
          } else {
            Map<String, Task> byUri = new HashMap<>();
            Map<String, Map<String, Object>> byUriJson = new HashMap<>();
            for (Map<String, Object> member : Json.objects(json, "members")) {
              Task task = Task.fromJson(member);
              byUri.put(task.uri(), task);
              byUriJson.put(task.uri(), member);
            }
            for (TrackedTask t : tasks) {
              Task task = byUri.get(t.uri);
              if (task != null) {
                seen(t, task, byUriJson.get(t.uri));
              } else {
                t.readAlone = true; // not in the listing (yet): read it by its URI
                t.nextPollAt = System.nanoTime();
              }
            }
          }
          tick();
        }));
  }

  /** A poll (or an event) read {@code task}; {@code json} is its document when a poll read it. */
  private void seen(TrackedTask t, Task task, Map<String, Object> json) {
    t.last = task;
    boolean predictedPoll = json != null && t.answered();
    if (json != null) t.applianceExpects = TaskDurations.applianceExpects(json);
    t.polls++;
    t.failedPolls = 0;
    if (task.state().isTerminal()) {
      tracked.remove(t.uri);
      if (durations.learn(task, json)) {
        // Tasks started in one burst learn from the first of them to end, not only from the next burst.
        long now = System.nanoTime();
        for (TrackedTask other : tracked.values()) other.expectEnd(now, expectedNanos(other));
      }
      for (Watch w : t.watches) finish(w.future, task);
      t.watches.clear();
    } else {
      for (Watch w : t.watches) {
        try {
          w.progress.accept(task);
        } catch (RuntimeException e) {
          log.warn("A task progress listener failed: {}", e.toString()); // never stops the polling
        }
      }
      if (predictedPoll) {
        t.resumeBackoff(); // it ran past the prediction
      } else {
        schedule(t, pollWait(RealTaskClient.pollDelay(pollInitial, pollMax, t.polls).toNanos()));
      }
    }
  }

  /** Schedules {@code t}'s next poll {@code backoffNanos} from now, or sooner at its predicted end. */
  private void schedule(TrackedTask t, long backoffNanos) {
    t.pollIn(backoffNanos, expectedNanos(t));
  }

  /**
   * How long {@code t} should take by recent tasks of its kind, else by its own {@code
   * expectedDuration}, in nanoseconds; -1 when unknown, or while events report task ends (they come
   * sooner than any poll).
   */
  private long expectedNanos(TrackedTask t) {
    if (eventsLive.getAsBoolean()) return -1;
    long learned = durations.expectedNanos(t.last);
    return learned >= 0 ? learned : t.applianceExpects;
  }

  /** When {@code uri}'s next poll is, from when it was first watched; null if it is not watched. */
  Duration nextPollSinceWatched(String uri) {
    return call(() -> {
      TrackedTask t = tracked.get(uri);
      return t == null ? null : Duration.ofNanos(t.nextPollAt - t.watchedAt);
    });
  }

  private void failed(TrackedTask t, RuntimeException e) {
    t.failedPolls++;
    t.answered();
    if (e instanceof ResourceNotFoundException || t.failedPolls >= MAX_FAILED_POLLS) {
      tracked.remove(t.uri);
      RuntimeException failure = e instanceof ResourceNotFoundException ? e
          : new OneViewException("Waiting for task " + t.uri + " failed: " + e.getMessage(), e);
      for (Watch w : t.watches) w.future.completeExceptionally(failure);
      t.watches.clear();
    } else {
      log.warn("Polling task {} failed ({} of {} in a row): {}", t.uri, t.failedPolls, MAX_FAILED_POLLS, e.getMessage());
      t.interval = RealTaskClient.pollDelay(pollInitial, pollMax, Math.max(1, t.polls)).toNanos();
      t.nextPollAt = System.nanoTime() + t.interval;
    }
  }

  private static void finish(CompletableFuture<Task> future, Task task) {
    if (task.state().isSuccess()) {
      future.complete(task);
    } else {
      future.completeExceptionally(new TaskFailedException(task));
    }
  }
}
