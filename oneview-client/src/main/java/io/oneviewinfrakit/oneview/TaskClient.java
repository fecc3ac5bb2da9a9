package io.oneviewinfrakit.oneview;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads appliance tasks ({@code /rest/tasks}) and waits for them to finish.
 *
 * <p>All waiting is done by one scheduler per {@link OneView}: pending tasks are polled with the
 * builder's backoff, many at a time with one filtered task listing, and no thread is held while
 * OneView works. {@link #watch} returns at once; {@link #await} blocks only its caller.
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
 *
 * <p>For example:
 *
 * <pre>{@code
 * ov.tasks().watch(ov.serverProfiles().create(profile), Duration.ofMinutes(30))
 *     .thenComposeAsync(done -> ov.tasks().watch(ov.serverHardware().powerOn(hw), Duration.ofMinutes(5)), executor)
 *     .whenComplete((task, failure) -> report(task, failure));
 * }</pre>
 */
public interface TaskClient {
  /**
   * The current state of the task at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is no task at {@code uri}.
   */
  Task get(String uri);

  /**
   * Polls {@code task} until it ends, with the builder's polling backoff, and returns its final
   * state. A task that ends {@link TaskState#WARNING} counts as success.
   *
   * @throws TaskFailedException if the task ends Error, Killed, Terminated or Interrupted.
   * @throws TaskTimeoutException if the task has not ended after {@code timeout}; the task may
   *     still be running on the appliance.
   */
  Task await(Task task, Duration timeout);

  /**
   * Starts watching {@code task} and returns at once. The future completes with the task's final
   * state (a task that ends {@link TaskState#WARNING} counts as success), or fails with {@link
   * TaskFailedException}, {@link TaskTimeoutException} (after {@code timeout}; the task may still run),
   * {@link ResourceNotFoundException} (no such task) or {@link OneViewException} (the appliance could
   * not be asked, three polls in a row). Cancelling the future stops the watch, never the task.
   *
   * <p>The future completes on one of the SDK's threads: dependent stages that block (including
   * {@link #await}) must run on the caller's executor ({@code thenApplyAsync(fn, executor)}).
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive.
   */
  CompletableFuture<Task> watch(Task task, Duration timeout);

  /**
   * As {@link #watch(Task, Duration)}, and tells {@code progress} each state a poll reads while the
   * task runs (its {@code percentComplete}, {@code taskStatus}), on one of the SDK's threads: it must
   * return quickly and not block.
   */
  CompletableFuture<Task> watch(Task task, Duration timeout, Consumer<Task> progress);

  /**
   * Reports a task's state learned from elsewhere, typically a State-Change Message Bus event: every
   * watch of that task ends at once if the state is final (or hears it as progress). Unknown tasks
   * are ignored.
   */
  void observed(Task task);

  /**
   * While {@code live} says true, task states arrive through {@link #observed}, so pending tasks are
   * polled only every {@code fallback} (a safety net for events the feed misses); otherwise with the
   * usual backoff.
   */
  void eventFeed(java.util.function.BooleanSupplier live, Duration fallback);

  /** As {@link #await(Task, Duration)}, telling {@code progress} each state a poll reads meanwhile. */
  Task await(Task task, Duration timeout, Consumer<Task> progress);

  /**
   * {@code task} as a handle bound to this client, to {@link PendingTask#await await} or turn into
   * a {@link PendingTask#future future} without passing this client around; for the methods that
   * return a bare {@link Task}.
   */
  default PendingTask handle(Task task) {
    return new PendingTask(this, task);
  }
}
