package io.oneviewinfrakit.oneview;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/** {@link TaskClient} over the REST API. Thread-safe. */
final class RealTaskClient implements TaskClient {
  /**
   * How much the polling interval grows after each poll. Doubling noticed a 3 s task 4 s late
   * (polls at 0, 1, 3, 7 s); growing by half still reaches the maximum interval within a minute, so
   * a 10-minute task costs about as few polls, while short tasks are noticed sooner.
   */
  static final double POLL_GROWTH = 1.5;

  private final OneViewApi api;
  private final Duration pollInitial;
  private final Duration pollMax;

  RealTaskClient(OneViewApi api, Duration pollInitial, Duration pollMax) {
    this.api = api;
    this.pollInitial = pollInitial;
    this.pollMax = pollMax;
  }

  @Override
  public Task get(String uri) {
    return Task.fromJson(Http.body(api.get(Uris.check(uri, "uri"))));
  }

  @Override
  public Task await(Task task, Duration timeout) {
    Objects.requireNonNull(task, "task == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    Task last = task.state().isTerminal() ? task : poll(task.uri(), timeout);
    if (last.state().isSuccess()) return last;
    if (last.state().isFailure()) throw new TaskFailedException(last);
    throw new TaskTimeoutException(last, timeout);
  }

  /** Polls until the task ends or {@code timeout} passes; returns the last state seen. */
  private Task poll(String uri, Duration timeout) {
    RetryPolicy<Task> polling = RetryPolicy.<Task>builder()
        .handleIf((task, failure) -> failure == null && !task.state().isTerminal())
        .withMaxRetries(-1)
        .withMaxDuration(timeout)
        .withDelayFn(context -> delayAfter(context.getAttemptCount()))
        .build();
    try {
      return Failsafe.with(polling).get(() -> get(uri));
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new OneViewException("Interrupted while waiting for task " + uri, e.getCause());
      }
      throw new OneViewException("Waiting for task " + uri + " failed: " + e.getCause(), e.getCause());
    }
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
