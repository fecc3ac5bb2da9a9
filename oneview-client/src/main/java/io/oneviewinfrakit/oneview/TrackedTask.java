package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.List;

/**
 * One task a {@link TaskTracker} watches, everyone waiting for it, and when to poll it next: the
 * backoff, and one poll just after its predicted end ({@link #expectEnd}) beside it. Confined to the
 * tracker's thread.
 */
final class TrackedTask {
  final String uri;
  final List<TaskTracker.Watch> watches = new ArrayList<>();
  final long watchedAt = System.nanoTime();
  Task last;
  long applianceExpects = -1; // the task's own expectedDuration in nanoseconds, when it gives one
  int polls;
  int failedPolls;
  long nextPollAt;
  long interval; // the wait before nextPollAt, in nanoseconds (0 before the first poll)
  boolean inFlight;
  boolean readAlone; // missing from a listing: read it by its URI next time

  private long lastPollSentAt = watchedAt - 1;
  private Prediction prediction = Prediction.NONE;
  private long backoffAt; // the backoff's own next poll, while SCHEDULED
  private long backoffInterval;

  /** Where the task's one predicted-end poll stands. */
  private enum Prediction {
    NONE,
    /** nextPollAt is the predicted poll; the backoff's own is saved. */
    SCHEDULED,
    IN_FLIGHT,
    SPENT
  }

  TrackedTask(String uri, Task last, long nextPollAt) {
    this.uri = uri;
    this.last = last;
    this.nextPollAt = nextPollAt;
  }

  /** A poll of this task is being sent. */
  void sending() {
    inFlight = true;
    lastPollSentAt = System.nanoTime();
    if (prediction == Prediction.SCHEDULED) prediction = Prediction.IN_FLIGHT;
  }

  /** The poll in flight answered (or failed); returns whether it was the predicted one. */
  boolean answered() {
    if (prediction != Prediction.IN_FLIGHT) return false;
    prediction = Prediction.SPENT;
    return true;
  }

  /** The predicted poll found the task running: the backoff goes on as if it had not been made. */
  void resumeBackoff() {
    polls--;
    interval = backoffInterval;
    nextPollAt = backoffAt;
  }

  /**
   * The next poll {@code backoffNanos} from now, or sooner (see {@link #expectEnd}) when the task
   * should take {@code expectedNanos} (-1: unknown).
   */
  void pollIn(long backoffNanos, long expectedNanos) {
    long now = System.nanoTime();
    if (prediction == Prediction.SCHEDULED) prediction = Prediction.NONE;
    interval = backoffNanos;
    nextPollAt = now + backoffNanos;
    expectEnd(now, expectedNanos);
  }

  /**
   * Adds one poll before the next backoff poll, just after the end {@code expectedNanos} predicts
   * (-1: none), unless a poll was sent after that end already; a predicted end that has passed
   * unpolled (learned late, from a sibling's end) is polled at once. That poll is due once the
   * predicted end has passed (its interval is twice the window), and the tracker's wake-up for it polls
   * every task whose predicted end has passed by then, in one listing. If it finds the task running,
   * the backoff goes on as it was ({@link #resumeBackoff}).
   */
  void expectEnd(long now, long expectedNanos) {
    if (inFlight || prediction != Prediction.NONE || expectedNanos < 0) return;
    long end = watchedAt + expectedNanos;
    if (lastPollSentAt - end >= 0) return;
    long window = TaskDurations.windowNanos(expectedNanos);
    long at = end + window - now < 0 ? now : end + window;
    if (at - nextPollAt < 0) {
      backoffAt = nextPollAt;
      backoffInterval = interval;
      prediction = Prediction.SCHEDULED;
      interval = 2 * window;
      nextPollAt = at;
    }
  }
}
