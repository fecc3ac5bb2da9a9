package io.oneviewinfrakit.oneview;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** {@link TaskClient} over the REST API; waiting is done by the shared {@link TaskTracker}. Thread-safe. */
final class RealTaskClient implements TaskClient {
  static final String COLLECTION = "/rest/tasks";

  /**
   * How much the polling interval grows after each poll. Doubling noticed a 3 s task 4 s late
   * (polls at 0, 1, 3, 7 s); growing by half still reaches the maximum interval within a minute, so
   * a 10-minute task costs about as few polls, while short tasks are noticed sooner.
   */
  static final double POLL_GROWTH = 1.5;

  private final OneViewApi api;
  private final TaskTracker tracker;
  private final Duration pollInitial;
  private final Duration pollMax;

  RealTaskClient(OneViewApi api, TaskTracker tracker, Duration pollInitial, Duration pollMax) {
    this.api = api;
    this.tracker = tracker;
    this.pollInitial = pollInitial;
    this.pollMax = pollMax;
  }

  @Override
  public Task get(String uri) {
    return Task.fromJson(Http.body(api.get(Uris.check(uri, "uri"))));
  }

  @Override
  public CompletableFuture<Task> watch(Task task, Duration timeout) {
    return tracker.watch(task, timeout);
  }

  @Override
  public CompletableFuture<Task> watch(Task task, Duration timeout, Consumer<Task> progress) {
    return tracker.watch(task, timeout, progress);
  }

  @Override
  public Task await(Task task, Duration timeout) {
    return await(task, timeout, t -> {});
  }

  @Override
  public Task await(Task task, Duration timeout, Consumer<Task> progress) {
    CompletableFuture<Task> done = tracker.watch(task, timeout, progress, true);
    if (!done.isDone() && tracker.isTrackerThread()) {
      done.cancel(false);
      throw new IllegalStateException("await on the task tracker's thread would wait for itself;"
          + " chain blocking work with watch(...).thenApplyAsync(..., executor)");
    }
    return Http.join(done, "waiting for task " + task.uri());
  }

  @Override
  public void observed(Task task) {
    tracker.observed(task);
  }

  @Override
  public void eventFeed(java.util.function.BooleanSupplier live, Duration fallback) {
    tracker.eventFeed(live, fallback);
  }

  TaskTracker tracker() {
    return tracker;
  }

  /** The wait after the {@code polls}-th poll (from 1) with this client's settings. */
  Duration delayAfter(int polls) {
    return pollDelay(pollInitial, pollMax, polls);
  }

  /**
   * The wait after the {@code polls}-th poll (from 1): {@code initial}, growing by {@link
   * #POLL_GROWTH} each poll, capped at {@code max}.
   */
  static Duration pollDelay(Duration initial, Duration max, int polls) {
    double nanos = initial.toNanos() * Math.pow(POLL_GROWTH, Math.max(0, polls - 1));
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }
}
