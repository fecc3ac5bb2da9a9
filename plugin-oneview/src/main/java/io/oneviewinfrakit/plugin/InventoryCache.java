package io.oneviewinfrakit.plugin;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.oneviewinfrakit.oneview.AuthenticationException;
import io.oneviewinfrakit.oneview.OneViewException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
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

  /**
   * The failing state: since when, the latest reason, and for a permanent failure (see {@link
   * #isPermanent}) when OneView may be asked again.
   */
  private record Failure(Instant since, String reason, boolean permanent, Instant retryAt, Duration backoff) {}

  /** First wait after a refused login: long enough that retries cannot lock a OneView account. */
  static final Duration FIRST_PERMANENT_BACKOFF = Duration.ofMinutes(1);
  /** Longest wait between attempts after a refused login. */
  static final Duration MAX_PERMANENT_BACKOFF = Duration.ofMinutes(15);

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
  private Instant runningStartedAt = Instant.MIN; // guarded by lock
  private volatile Inventory current;
  private volatile Failure failure;
  private volatile boolean closed;
  /** Whether a live change feed (OneView's message bus) keeps {@link #current} up to date. */
  private volatile BooleanSupplier liveFeed = () -> false;
  private volatile Duration safetyNet = Duration.ZERO;
  /** What runs on a tick the feed made a listing unnecessary for (the background passes). */
  private volatile Consumer<Inventory> onQuietTick = inv -> {};
  /**
   * Changes applied from the feed, with when they arrived: a listing that started before a change
   * may have read the resource before it, so its result gets the later changes applied again.
   * Guarded by lock.
   */
  private final Deque<Change> changes = new ArrayDeque<>();

  private record Change(Instant at, UnaryOperator<Inventory> apply) {}

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

  /**
   * A live feed keeps the inventory current while {@code connected} says so: the periodic listing
   * then runs only every {@code safetyNet} (it still catches anything the feed missed), and a
   * listing counts as fresh for that long plus the usual staleness bound.
   */
  void liveFeed(BooleanSupplier connected, Duration safetyNet, Consumer<Inventory> onQuietTick) {
    this.safetyNet = safetyNet;
    this.onQuietTick = onQuietTick;
    this.liveFeed = connected;
  }

  /**
   * Applies one change the feed reported to the latest inventory (and again to any listing that
   * started before it and finishes later), so it shows at once, without a listing.
   */
  void apply(UnaryOperator<Inventory> change) {
    synchronized (lock) {
      Instant at = clock.instant();
      changes.addLast(new Change(at, change));
      Instant oldest = running != null ? runningStartedAt : at;
      while (!changes.isEmpty() && changes.peekFirst().at().isBefore(oldest)) {
        changes.removeFirst();
      }
      Inventory inv = current;
      if (inv != null) {
        current = change.apply(inv);
      }
    }
  }

  /** Starts the periodic refresh (the first one is the caller's business, see {@link #refresh()}). */
  void startPeriodic() {
    long millis = interval.toMillis();
    ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * A refresh that starts no earlier than now; concurrent callers share it. While a permanent failure
   * (refused login, missing rights, untrusted certificate) backs off, it fails at once with that reason
   * instead of asking OneView again.
   */
  CompletableFuture<Inventory> refresh() {
    Failure f = failure;
    if (f != null && f.permanent() && clock.instant().isBefore(f.retryAt())) {
      return CompletableFuture.failedFuture(new OneViewUnavailableException(unavailableMessage(f)));
    }
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
    Inventory quiet = null;
    boolean live = liveFeed.getAsBoolean(); // outside the lock: the feed may call refresh() under its own
    synchronized (lock) {
      Inventory inv = current;
      if (live && failure == null && inv != null
          && Duration.between(inv.startedAt(), clock.instant()).compareTo(safetyNet) < 0) {
        quiet = inv; // the feed keeps it current; the safety-net listing comes later
      } else if (running == null) {
        refresh();
      }
    }
    if (quiet != null) {
      try {
        onQuietTick.accept(quiet);
      } catch (RuntimeException e) {
        log.warn("A background pass on the event-fed inventory failed: {}", e.toString());
      }
    }
  }

  /**
   * Whether {@code failure} will repeat until a person changes something: retrying such a login every
   * few seconds can lock the account on a real appliance, so it backs off for minutes instead.
   */
  static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return failure instanceof AuthenticationException
        || (failure instanceof OneViewException e && e.httpStatus() == 403);
  }

  private String unavailableMessage(Failure f) {
    String retry = f.permanent()
        ? "; the plugin asks OneView again at " + f.retryAt() + " (fix the configuration and restart to retry now)"
        : "; instances are not reported until OneView answers again";
    return "OneView could not be listed: " + f.reason() + " (since " + f.since() + ")" + retry;
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
      throw new OneViewUnavailableException(unavailableMessage(f));
    }
    if (inv == null) {
      throw new OneViewUnavailableException("OneView has not been listed yet; try again shortly");
    }
    Duration age = Duration.between(inv.startedAt(), clock.instant());
    Duration limit = liveFeed.getAsBoolean() ? maxAge.plus(safetyNet) : maxAge;
    if (age.compareTo(limit) > 0) {
      throw new OneViewUnavailableException("the last OneView listing is " + Durations.human(age)
          + " old (limit " + Durations.human(limit) + "): OneView is answering too slowly to "
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
    synchronized (lock) {
      runningStartedAt = started;
    }
    try {
      Inventory loaded = loader.load(seq, started);
      Inventory inv;
      synchronized (lock) {
        inv = loaded;
        for (Change c : changes) {
          if (!c.at().isBefore(started)) {
            inv = c.apply().apply(inv);
          }
        }
        current = inv;
      }
      Failure was = failure;
      if (was != null) {
        log.info("OneView answers again (failing since {}); instances are reported again ({} owned "
            + "profiles)", was.since(), inv.owned().size());
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
      Failure was = failure;
      Instant now = clock.instant();
      boolean permanent = isPermanent(e);
      Duration backoff = !permanent ? null
          : was != null && was.permanent() ? min(was.backoff().multipliedBy(2), MAX_PERMANENT_BACKOFF)
          : FIRST_PERMANENT_BACKOFF;
      Failure next = new Failure(was == null ? now : was.since(), reason, permanent,
          permanent ? now.plus(backoff) : null, backoff);
      failure = next;
      // One line per change of state, never one per tick: the same reason again is DEBUG only.
      if (was == null || !was.reason().equals(reason)) {
        if (permanent) {
          log.warn("OneView refuses the plugin: {}. DescribeInstances reports this error; the plugin "
              + "asks again in {} (backing off up to {}), or restart it after fixing the configuration",
              reason, Durations.human(backoff), Durations.human(MAX_PERMANENT_BACKOFF));
        } else {
          log.warn("OneView unreachable since {}: {}. DescribeInstances reports an error until OneView "
              + "answers again; the plugin retries every {}", next.since(), reason, Durations.human(interval));
        }
      } else {
        log.debug("Listing OneView failed again: {}", reason);
      }
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
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

  static ThreadFactory daemon(String name) {
    return new ThreadFactoryBuilder()
        .setNameFormat(name + "-%d").setDaemon(true).build();
  }
}
