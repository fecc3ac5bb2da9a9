package io.oneviewinfrakit.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest {@link Inventory}, refreshed in the background and on demand, so DescribeInstances costs
 * no OneView call however many groups poll.
 *
 * <p>Refreshes are single-flight: at most one runs, and every request made while it runs is served
 * by one follow-up refresh (that one starts after the request, so it sees the caller's writes). A
 * failed refresh or an inventory older than the staleness bound makes {@link #usable()} throw: the
 * plugin reports an error rather than an empty or outdated list.
 */
final class InventoryCache implements AutoCloseable {

  /** Lists OneView for refresh number {@code seq}. */
  interface Loader {
    Inventory load(long seq, Instant startedAt);
  }

  private record Failure(Instant at, String reason) {}

  private static final Logger log = LoggerFactory.getLogger(InventoryCache.class);

  private final Loader loader;
  private final Consumer<Inventory> onRefreshed;
  private final Clock clock;
  private final Duration interval;
  private final Duration maxAge;
  private final ExecutorService refresher;
  private final ScheduledExecutorService ticker;
  private final Object lock = new Object();
  private CompletableFuture<Inventory> running; // guarded by lock
  private CompletableFuture<Inventory> next; // guarded by lock
  private long startedSeq; // guarded by lock
  private volatile Inventory current;
  private volatile Failure failure;
  private volatile boolean closed;

  InventoryCache(Loader loader, Consumer<Inventory> onRefreshed, Clock clock, Duration interval,
      Duration maxAge) {
    this.loader = loader;
    this.onRefreshed = onRefreshed;
    this.clock = clock;
    this.interval = interval;
    this.maxAge = maxAge;
    this.refresher = Executors.newSingleThreadExecutor(daemon("oneview-refresh"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("oneview-refresh-tick"));
  }

  /** Starts the periodic refresh (the first one is the caller's business, see {@link #refresh()}). */
  void startPeriodic() {
    long millis = interval.toMillis();
    ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** A refresh that starts no earlier than now; concurrent callers share it. */
  CompletableFuture<Inventory> refresh() {
    synchronized (lock) {
      if (running == null) {
        running = new CompletableFuture<>();
        launch(running);
        return running;
      }
      if (next == null) {
        next = new CompletableFuture<>();
      }
      return next;
    }
  }

  /** The periodic tick: a refresh unless one is already running (it is just as fresh). */
  private void tick() {
    synchronized (lock) {
      if (running == null) {
        refresh();
      }
    }
  }

  /** The number of the latest refresh started; a write finished now is visible to later ones. */
  long startedSeq() {
    synchronized (lock) {
      return startedSeq;
    }
  }

  /** The latest inventory if it may be trusted; otherwise throws {@link OneViewUnavailableException}. */
  Inventory usable() {
    Failure f = failure;
    Inventory inv = current;
    if (f != null) {
      throw new OneViewUnavailableException("OneView could not be listed: " + f.reason()
          + " (since " + f.at() + "); instances are not reported until OneView answers again");
    }
    if (inv == null) {
      throw new OneViewUnavailableException("OneView has not been listed yet; try again shortly");
    }
    Duration age = Duration.between(inv.startedAt(), clock.instant());
    if (age.compareTo(maxAge) > 0) {
      throw new OneViewUnavailableException("the last OneView listing is " + Durations.human(age)
          + " old (limit " + Durations.human(maxAge) + "): OneView is answering too slowly to "
          + "report instances reliably");
    }
    return inv;
  }

  /** Now, by the clock listings are timed with (so "finished before this listing" comparisons hold). */
  Instant now() {
    return clock.instant();
  }

  /** The latest inventory even if stale or failed since (for best-effort choices); may be null. */
  Inventory latest() {
    return current;
  }

  private void launch(CompletableFuture<Inventory> result) {
    long seq = ++startedSeq;
    try {
      refresher.execute(() -> run(seq, result));
    } catch (RuntimeException e) { // shut down
      running = null;
      result.completeExceptionally(e);
    }
  }

  private void run(long seq, CompletableFuture<Inventory> result) {
    Instant started = clock.instant();
    try {
      Inventory inv = loader.load(seq, started);
      current = inv;
      if (failure != null) {
        log.info("OneView answers again; instances are reported again ({} owned profiles)",
            inv.owned().size());
      }
      failure = null;
      // The listing is published above; a bug in the listener must not turn it into a failed
      // listing (every DescribeInstances would then report "OneView could not be listed").
      try {
        onRefreshed.accept(inv);
      } catch (RuntimeException listenerBug) {
        log.error("Processing OneView listing {} failed; the listing itself is in use", seq, listenerBug);
      }
      result.complete(inv);
    } catch (RuntimeException e) {
      if (closed) {
        result.completeExceptionally(e);
        return; // interrupted by close(): not OneView's fault
      }
      String reason = OneViewGateway.describe(e);
      if (failure == null) {
        log.warn("Listing OneView failed: {}. DescribeInstances reports an error until OneView "
            + "answers again; check the appliance and the network, the plugin retries every {}",
            reason, Durations.human(interval));
      } else {
        log.debug("Listing OneView failed again: {}", reason);
      }
      failure = new Failure(clock.instant(), reason);
      result.completeExceptionally(e);
    } finally {
      synchronized (lock) {
        running = null;
        if (next != null) {
          running = next;
          next = null;
          launch(running);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    ticker.shutdownNow();
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return new com.google.common.util.concurrent.ThreadFactoryBuilder()
        .setNameFormat(name + "-%d").setDaemon(true).build();
  }
}
