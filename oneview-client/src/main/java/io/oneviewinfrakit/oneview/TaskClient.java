package io.oneviewinfrakit.oneview;

import java.time.Duration;

/**
 * Reads appliance tasks ({@code /rest/tasks}) and waits for them to finish.
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
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
}
