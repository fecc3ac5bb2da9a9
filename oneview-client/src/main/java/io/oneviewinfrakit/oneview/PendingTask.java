package io.oneviewinfrakit.oneview;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An asynchronous change the appliance accepted: its {@link Task} bound to the {@link TaskClient}
 * that waits for it, so the caller needs no second object to wait with. Returned by the changes of
 * {@link ResourceClient} and the typed clients added with it; wrap a {@link Task} from older
 * methods with {@link TaskClient#handle}.
 *
 * <p>A change the appliance made synchronously (it answered 200, 201 or 204 instead of 202 with a
 * task) is a handle that is already {@link TaskState#COMPLETED}: its task's URI is the request's
 * target and its {@code associatedResourceUri} the resource the answer named.
 *
 * <p>Immutable and thread-safe. For example:
 *
 * <pre>{@code
 * String scope = ov.scopes().create(Scope.builder("lab").build()).awaitResourceUri(Duration.ofMinutes(1));
 * // Any collection, without blocking: the future completes when OneView's task ends.
 * ov.resources("/rest/scopes").delete(scope).future(Duration.ofMinutes(10))
 *     .whenComplete((task, failure) -> report(task, failure));
 * }</pre>
 */
public final class PendingTask {
  private final TaskClient tasks;
  private final Task task;

  PendingTask(TaskClient tasks, Task task) {
    this.tasks = Objects.requireNonNull(tasks, "tasks == null");
    this.task = Objects.requireNonNull(task, "task == null");
  }

  /** The task as the appliance first answered it. */
  public Task task() {
    return task;
  }

  /** The task's URI, such as {@code /rest/tasks/DCB672A9-...}. */
  public String uri() {
    return task.uri();
  }

  /**
   * Waits until the task ends and returns its final state; see {@link TaskClient#await(Task, Duration)}.
   *
   * @throws TaskFailedException if the task failed.
   * @throws TaskTimeoutException if it has not ended after {@code timeout} (it may still run).
   */
  public Task await(Duration timeout) {
    return tasks.await(task, timeout);
  }

  /** As {@link #await(Duration)}, telling {@code progress} each state a poll reads meanwhile. */
  public Task await(Duration timeout, Consumer<Task> progress) {
    return tasks.await(task, timeout, progress);
  }

  /**
   * Waits until the task ends and returns the URI of the resource it acted on (for a create: the
   * new resource), without reading {@link Task#associatedResourceUri()} by hand.
   *
   * @throws OneViewException if the completed task names no resource.
   */
  public String awaitResourceUri(Duration timeout) {
    return resourceUri(await(timeout));
  }

  /**
   * Starts watching the task and returns at once; see {@link TaskClient#watch(Task, Duration)}: the
   * future completes on one of the SDK's threads, so blocking dependent stages need an executor.
   */
  public CompletableFuture<Task> future(Duration timeout) {
    return tasks.watch(task, timeout);
  }

  /** As {@link #future(Duration)}, completing with the URI of the resource the task acted on. */
  public CompletableFuture<String> futureResourceUri(Duration timeout) {
    return future(timeout).thenApply(PendingTask::resourceUri);
  }

  /** The task's current state, read from the appliance (without waiting). */
  public Task refresh() {
    return task.state().isTerminal() ? task : tasks.get(task.uri());
  }

  private static String resourceUri(Task done) {
    String uri = done.associatedResourceUri();
    if (uri == null || uri.isBlank()) {
      throw new OneViewException("Task " + done.uri() + " (" + done.name() + ") ended " + done.state()
          + " without naming a resource (associatedResource.resourceUri)");
    }
    return uri;
  }

  @Override
  public String toString() {
    return "PendingTask{" + task.uri() + ", " + task.state() + "}";
  }
}
