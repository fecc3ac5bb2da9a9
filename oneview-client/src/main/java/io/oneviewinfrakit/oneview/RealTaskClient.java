package io.oneviewinfrakit.oneview;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.Objects;

/** {@link TaskClient} over the REST API. Thread-safe. */
final class RealTaskClient implements TaskClient {
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
    RetryPolicyBuilder<Task> builder = RetryPolicy.<Task>builder()
        .handleIf((task, failure) -> failure == null && !task.state().isTerminal())
        .withMaxRetries(-1)
        .withMaxDuration(timeout);
    RetryPolicy<Task> polling = pollInitial.equals(pollMax)
        ? builder.withDelay(pollInitial).build()
        : builder.withBackoff(pollInitial, pollMax).build();
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
}
