package io.oneviewinfrakit.plugin;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the OneView work of new provisions back until Provision calls pause. InfraKit's group
 * controller sends a scale-up as a burst of concurrent Provision calls and waits for their answers,
 * while the OneView work behind each answer takes minutes anyway. Starting that work only once the
 * calls have paused for {@code pause} (and never later than {@code maxDelay} after its call, so a
 * steady stream of calls cannot hold it back) keeps it from competing with the burst for the CPU
 * and the appliance: the calls are answered first.
 *
 * <p>Thread-safe. Holds no thread: the release is a scheduled check.
 */
final class AfterBurst {
  /** Schedules {@code check} to run once, after {@code delayNanos}; throws {@link RejectedExecutionException} once closed. */
  interface Timer {
    void schedule(Runnable check, long delayNanos);
  }

  private record Held(Runnable job, long since) {}

  private static final Logger log = LoggerFactory.getLogger(AfterBurst.class);

  private final long pause;
  private final long maxDelay;
  private final Timer timer;
  private final LongSupplier nanoTime;
  private final Consumer<Runnable> start;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private long lastCall;
  private boolean checkScheduled;

  /** {@code start} hands a job to the workers; it may throw {@link RejectedExecutionException} once closed. */
  AfterBurst(Duration pause, Duration maxDelay, Timer timer, LongSupplier nanoTime, Consumer<Runnable> start) {
    this.pause = pause.toNanos();
    this.maxDelay = maxDelay.toNanos();
    this.timer = timer;
    this.nanoTime = nanoTime;
    this.start = start;
  }

  /**
   * Starts {@code job} once calls have paused (at once when the pause is zero).
   *
   * @throws RejectedExecutionException if the plugin is closing: the job will not run.
   */
  void submit(Runnable job) {
    if (pause <= 0) {
      start.accept(job);
      return;
    }
    Held h;
    synchronized (this) {
      lastCall = nanoTime.getAsLong();
      h = new Held(job, lastCall);
      held.add(h);
      if (checkScheduled) return;
      checkScheduled = true;
    }
    try {
      timer.schedule(this::release, pause);
    } catch (RejectedExecutionException closing) {
      synchronized (this) {
        held.remove(h);
        checkScheduled = false;
      }
      throw closing;
    }
  }

  /** How many jobs wait for the pause. */
  synchronized int held() {
    return held.size();
  }

  private void release() {
    List<Runnable> due = new ArrayList<>();
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long quietAt = lastCall + pause;
      long oldestDue = held.isEmpty() ? now : held.peek().since() + maxDelay;
      if (now - quietAt >= 0 || now - oldestDue >= 0) {
        for (Held h : held) due.add(h.job());
        held.clear();
        checkScheduled = false;
        wait = -1;
      } else {
        wait = Math.min(quietAt - now, oldestDue - now);
      }
    }
    if (wait >= 0) {
      try {
        timer.schedule(this::release, wait);
      } catch (RejectedExecutionException closing) {
        log.debug("Plugin closing: held provisions' OneView work was not started");
      }
      return;
    }
    for (Runnable job : due) {
      try {
        start.accept(job);
      } catch (RejectedExecutionException closing) {
        log.debug("Plugin closing: a provision's OneView work was not started");
        return;
      }
    }
  }
}
