package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InventoryCacheTest {

  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicReference<RuntimeException> failWith = new AtomicReference<>();
  private final CountDownLatch firstLoadMayFinish = new CountDownLatch(1);

  private Inventory load(long seq, Instant startedAt) {
    loads.incrementAndGet();
    try {
      firstLoadMayFinish.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failWith.get() != null) {
      throw failWith.get();
    }
    return new Inventory(seq, startedAt, List.of(), Map.of(), Map.of(), Map.of(), 0);
  }

  private InventoryCache cache(Clock clock, Duration maxAge) {
    return new InventoryCache(this::load, inv -> {}, clock, Duration.ofHours(1), maxAge);
  }

  @Test
  void concurrentRefreshRequestsCoalesceIntoOneRunningAndOneFollowUp() throws Exception {
    try (InventoryCache cache = cache(Clock.systemUTC(), Duration.ofMinutes(1))) {
      CompletableFuture<Inventory> first = cache.refresh();
      List<CompletableFuture<Inventory>> waiting = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        waiting.add(cache.refresh());
      }
      firstLoadMayFinish.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).seq()).isEqualTo(1);
      for (CompletableFuture<Inventory> f : waiting) {
        assertThat(f.get(10, TimeUnit.SECONDS).seq()).as("started after the request").isEqualTo(2);
      }
      assertThat(loads).hasValue(2);
    }
  }

  @Test
  void aFailingRefreshListenerIsLoggedAndNeverTurnsTheListingIntoAnError() throws Exception {
    firstLoadMayFinish.countDown();
    AtomicInteger listenerCalls = new AtomicInteger();
    try (InventoryCache cache = new InventoryCache(this::load, inv -> {
      listenerCalls.incrementAndGet();
      throw new IllegalStateException("bug in the refresh listener");
    }, Clock.systemUTC(), Duration.ofHours(1), Duration.ofMinutes(1))) {
      assertThat(cache.refresh().get(10, TimeUnit.SECONDS).seq()).isEqualTo(1);
      assertThat(cache.usable().seq()).isEqualTo(1); // published, not "OneView could not be listed"
      assertThat(cache.refresh().get(10, TimeUnit.SECONDS).seq()).isEqualTo(2);
      assertThat(cache.usable().seq()).isEqualTo(2);
      assertThat(listenerCalls).hasValue(2);
    }
  }

  @Test
  void aFailedRefreshMakesTheCacheUnusableUntilOneSucceeds() throws Exception {
    firstLoadMayFinish.countDown();
    try (InventoryCache cache = cache(Clock.systemUTC(), Duration.ofMinutes(1))) {
      assertThatThrownBy(cache::usable).hasMessageContaining("has not been listed yet");
      cache.refresh().get(10, TimeUnit.SECONDS);
      assertThat(cache.usable().seq()).isEqualTo(1);

      failWith.set(new IllegalStateException("connection refused"));
      assertThat(cache.refresh()).failsWithin(Duration.ofSeconds(10));
      assertThatThrownBy(cache::usable).isInstanceOf(OneViewUnavailableException.class)
          .hasMessageContaining("OneView could not be listed: connection refused");

      failWith.set(null);
      cache.refresh().get(10, TimeUnit.SECONDS);
      assertThat(cache.usable().seq()).isEqualTo(3);
    }
  }

  @Test
  void aListingOlderThanTheBoundIsNotTrusted() throws Exception {
    firstLoadMayFinish.countDown();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    AtomicReference<Instant> now = new AtomicReference<>(start);
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    try (InventoryCache cache = cache(clock, Duration.ofSeconds(30))) {
      cache.refresh().get(10, TimeUnit.SECONDS);
      now.set(start.plusSeconds(29));
      assertThat(cache.usable()).isNotNull();
      now.set(start.plusSeconds(31));
      assertThatThrownBy(cache::usable).isInstanceOf(OneViewUnavailableException.class)
          .hasMessageContaining("the last OneView listing is 31s old (limit 30s)");
    }
  }
}
