package io.oneviewinfrakit.plugin;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the plugin's background jobs run: a bounded worker pool for the steps, and one scheduler
 * thread that only hands a step to the pool when its delay is over, so a job waiting for OneView
 * (a busy profile, a backoff) holds no worker.
 */
final class BackgroundWork implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

  /**
   * How long after the last Provision call ended, with none in progress, the OneView work of those
   * just answered starts. Longer than a client's gap between the bursts of one scale-up: at 50 ms,
   * a benchmark client starting 64 threads for its next burst looked like a pause, and 8 to 21
   * provisions' first steps ran inside each burst. The work takes minutes; a scale-up's converges
   * up to 250 ms later (with a group controller polling every 2 s, sometimes a poll later).
   */
  static final Duration BURST_PAUSE = Duration.ofMillis(250);
  /**
   * The longest a provision's OneView work waits for calls to pause: only so that calls that never
   * pause cannot hold it back for good. The work takes minutes; seconds before it starts cost
   * nothing, while work released in the middle of a scale-up's calls (a group controller's
   * sequential calls, or one burst right after another) took the CPU the calls were waiting for.
   */
  static final Duration BURST_MAX_DELAY = Duration.ofSeconds(2);

  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final AfterBurst afterBurst;
  private volatile boolean closing;

  /** {@code lanes}: how many held provisions' first steps may run at once (the pool's size). */
  BackgroundWork(ExecutorService executor, ScheduledExecutorService scheduler, int lanes) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.afterBurst = new AfterBurst(BURST_PAUSE, BURST_MAX_DELAY, lanes,
        (check, nanos) -> scheduler.schedule(check, nanos, TimeUnit.NANOSECONDS), System::nanoTime, this::submit);
  }

  /** Runs {@code job} on the pool; throws {@link RejectedExecutionException} once closed. */
  void submit(Runnable job) {
    executor.execute(job);
  }

  /**
   * Runs a new provision's {@code job} on the pool once Provision calls pause (see {@link
   * AfterBurst}), at most {@code lanes} such jobs at a time, so {@code job} should do the first
   * step's work itself rather than hand it on; throws {@link RejectedExecutionException} once closed.
   */
  void submitAfterBurst(Runnable job) {
    if (closing || executor.isShutdown()) {
      throw new RejectedExecutionException("the plugin is shutting down");
    }
    afterBurst.submit(job);
  }

  /** A Provision call began: new provisions' work waits until no call is in progress. */
  void provisionCallStarted() {
    afterBurst.callStarted();
  }

  /** A Provision call ended; must follow each {@link #provisionCallStarted()}. */
  void provisionCallEnded() {
    afterBurst.callEnded();
  }

  /** Provision calls in progress, as {@link #provisionCallStarted()} and its end counted them. */
  int provisionCallsInProgress() {
    return afterBurst.callsInProgress();
  }

  /** Runs {@code job} on the pool after {@code delay}; dropped quietly once closing. */
  void schedule(Runnable job, Duration delay) {
    if (closing) {
      return;
    }
    try {
      scheduler.schedule(() -> {
        try {
          submit(job);
        } catch (RejectedExecutionException e) {
          if (!closing) {
            log.warn("A background step could not be queued: {}", e.toString());
          }
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  /**
   * The worker pool: at most {@code max} threads, a thread started only when none is idle (a plain
   * {@code ThreadPoolExecutor} starts one per task until it has {@code max}, idle or not); past
   * {@code max} steps wait in line. A worker idle for 30 s ends.
   */
  static ThreadPoolExecutor threadsOnDemand(int max, ThreadFactory threads) {
    LinkedTransferQueue<Runnable> queue = new LinkedTransferQueue<>() {
      @Override
      public boolean offer(Runnable step) {
        return tryTransfer(step); // to an idle worker, or not at all: then the pool grows
      }
    };
    return new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, queue, threads, (step, pool) -> {
      if (pool.isShutdown()) {
        throw new RejectedExecutionException("the plugin is shutting down");
      }
      queue.put(step); // every worker busy: wait in line (put does not go through offer)
    });
  }

  boolean closing() {
    return closing;
  }

  /** Stops starting new OneView work and interrupts what runs; OneView state is kept. */
  @Override
  public void close() {
    closing = true;
    scheduler.shutdownNow();
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
