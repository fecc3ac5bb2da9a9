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
 * <p>Calls pause when none is in progress and none has ended or handed in work for {@code pause}.
 * Released work starts at most {@code lanes} jobs at a time, the next one when one ends, and
 * only while the calls still pause: a burst that begins while held work is being started stops it
 * after the jobs already running (a burst that came 50 ms after the previous calls used to meet all
 * of their work at once). When the oldest held job has waited {@code maxDelay}, it and every job
 * held with it start even while calls go on, still {@code lanes} at a time.
 *
 * <p>Thread-safe. Holds no thread: the release is a scheduled check, or the end of a job.
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
  private final int lanes;
  private final Timer timer;
  private final LongSupplier nanoTime;
  private final Consumer<Runnable> start;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private long lastCall;
  private boolean checkScheduled;
  /** Released jobs not yet ended. */
  private int running;
  /** Provision calls in progress. */
  private int active;
  /** Once the oldest held job is due, every job held up to {@code flushThrough} starts too. */
  private boolean flushing;
  private long flushThrough;

  /**
   * {@code start} hands a job to the workers (it may throw {@link RejectedExecutionException} once
   * closed); {@code lanes} is how many released jobs may run at once.
   */
  AfterBurst(Duration pause, Duration maxDelay, int lanes, Timer timer, LongSupplier nanoTime,
      Consumer<Runnable> start) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes < 1: " + lanes);
    }
    this.pause = pause.toNanos();
    this.maxDelay = maxDelay.toNanos();
    this.lanes = lanes;
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
      timer.schedule(this::check, pause);
    } catch (RejectedExecutionException closing) {
      synchronized (this) {
        held.remove(h);
        checkScheduled = false;
      }
      throw closing;
    }
  }

  /**
   * A Provision call began: held work waits while any call is in progress, then for the pause.
   * (A cold burst whose calls took longer than the pause to reach {@link #submit} looked like a
   * pause, and the held work started in the middle of it.)
   */
  synchronized void callStarted() {
    active++; // the pause counts from the last call's end, so its start need not be noted
  }

  /** A Provision call ended (answered or refused); the pause counts from now. */
  synchronized void callEnded() {
    active--;
    lastCall = nanoTime.getAsLong();
  }

  /** How many Provision calls are in progress. */
  synchronized int callsInProgress() {
    return active;
  }

  /** How many jobs wait for the pause. */
  synchronized int held() {
    return held.size();
  }

  /** How many released jobs run now. */
  synchronized int running() {
    return running;
  }

  private void check() {
    synchronized (this) {
      checkScheduled = false;
    }
    release();
  }

  /** Starts what may start now; schedules the next check when held work must wait for time to pass. */
  private void release() {
    List<Runnable> due = new ArrayList<>();
    long wait = -1;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long quietAt = lastCall + pause;
      boolean quiet = active == 0 && now - quietAt >= 0;
      if (!held.isEmpty() && now - (held.peek().since() + maxDelay) >= 0) {
        // The oldest came due: everything held with it goes too, as one release.
        flushThrough = held.peekLast().since();
        flushing = true;
      }
      while (running < lanes && !held.isEmpty()
          && (quiet || flushing && held.peek().since() - flushThrough <= 0)) {
        due.add(held.poll().job());
        running++;
      }
      if (held.isEmpty() || held.peek().since() - flushThrough > 0) {
        flushing = false;
      }
      // With a lane free, what is held waits for the pause or its limit; with none, for a job's end.
      if (running < lanes && !held.isEmpty() && !checkScheduled) {
        // While calls are in progress, look again a pause later.
        long untilQuiet = active > 0 ? Math.max(pause, quietAt - now) : quietAt - now;
        wait = Math.min(untilQuiet, held.peek().since() + maxDelay - now);
        checkScheduled = true;
      }
    }
    if (wait >= 0) {
      try {
        timer.schedule(this::check, wait);
      } catch (RejectedExecutionException closing) {
        synchronized (this) {
          checkScheduled = false; // so that a later submit is refused, not held for good
        }
        log.debug("Plugin closing: held provisions' OneView work was not started");
      }
    }
    for (int i = 0; i < due.size(); i++) {
      Runnable job = due.get(i);
      try {
        start.accept(() -> {
          try {
            job.run();
          } finally {
            ended();
          }
        });
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          running -= due.size() - i; // their lanes come back, whatever stopped them
        }
        if (!(e instanceof RejectedExecutionException)) {
          throw e;
        }
        log.debug("Plugin closing: a provision's OneView work was not started");
        return;
      }
    }
  }

  private void ended() {
    synchronized (this) {
      running--;
    }
    release();
  }
}
