package io.oneviewinfrakit.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when told to, so tests drive session expiry and task progress without
 * sleeping.
 *
 * <p>Thread-safe. For example:
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * OneViewSimulator sim = OneViewSimulator.builder().clock(clock)
 *     .taskDuration(TaskKind.PROFILE_CREATE, Duration.ofMinutes(10)).build().start();
 * clock.advance(Duration.ofMinutes(10)); // the create task completes on the next request
 * }</pre>
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;

  /** Starts at {@code 2026-01-01T00:00:00Z}. */
  public ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start == null"));
  }

  /** Moves time forward by {@code duration} (which must not be negative). */
  public ManualClock advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration < 0: " + duration);
    }
    now.updateAndGet(i -> i.plus(duration));
    return this;
  }

  /** Sets the current instant. */
  public ManualClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant == null"));
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // Time zones do not matter to OneView timestamps (always UTC); share the same instant source.
    return this;
  }
}
