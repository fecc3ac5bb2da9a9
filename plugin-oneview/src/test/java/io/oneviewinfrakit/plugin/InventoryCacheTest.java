package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.oneviewinfrakit.oneview.AuthenticationException;
import io.oneviewinfrakit.oneview.OneViewException;
import io.oneviewinfrakit.simulator.ManualClock;
import java.net.ConnectException;
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
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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
  void aRefusedLoginBacksOffForMinutesWithoutAskingOneViewAndDoublesUpToTheCap() throws Exception {
    firstLoadMayFinish.countDown();
    ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    try (InventoryCache cache = cache(clock, Duration.ofHours(2))) {
      failWith.set(new AuthenticationException(401, null, "Login as infrakit refused (HTTP 401)"));
      assertThat(cache.refresh()).failsWithin(Duration.ofSeconds(10));
      assertThat(loads).hasValue(1);
      assertThatThrownBy(cache::usable).hasMessageContaining("Login as infrakit refused")
          .hasMessageContaining("asks OneView again at 2026-12-06T10:01:00Z");

      // Every refresh during the back-off (the 5 s ticks, provisions, unknown templates) is answered
      // with the reason, without a login attempt that could lock the account.
      for (int i = 0; i < 12; i++) {
        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.refresh()).failsWithin(Duration.ofSeconds(10));
      }
      assertThat(loads).hasValue(1);

      clock.set(Instant.parse("2026-12-06T10:01:00Z"));
      assertThat(cache.refresh()).failsWithin(Duration.ofSeconds(10));
      assertThat(loads).as("asked again once the minute passed").hasValue(2);
      assertThatThrownBy(cache::usable).hasMessageContaining("asks OneView again at 2026-12-06T10:03:00Z");

      clock.set(Instant.parse("2026-12-06T10:03:00Z"));
      failWith.set(null);
      assertThat(cache.refresh().get(10, TimeUnit.SECONDS).seq()).isEqualTo(3);
      assertThat(cache.usable().seq()).isEqualTo(3);
    }
  }

  @Test
  void anUnreachableApplianceIsOneWarnWhileItLastsAndOneInfoWhenItAnswersAgain() throws Exception {
    firstLoadMayFinish.countDown();
    Logger logger = (Logger) LoggerFactory.getLogger(InventoryCache.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (InventoryCache cache = cache(Clock.systemUTC(), Duration.ofMinutes(1))) {
      failWith.set(new OneViewException("GET /rest/server-profiles failed: java.net.ConnectException: Connection refused"));
      for (int i = 0; i < 5; i++) {
        assertThat(cache.refresh()).failsWithin(Duration.ofSeconds(10));
      }
      failWith.set(new OneViewException("GET /rest/server-profiles failed: java.net.SocketTimeoutException: timeout"));
      assertThat(cache.refresh()).failsWithin(Duration.ofSeconds(10));
      failWith.set(null);
      cache.refresh().get(10, TimeUnit.SECONDS);
      cache.refresh().get(10, TimeUnit.SECONDS);
    } finally {
      logger.detachAppender(appender);
    }
    List<String> lines = appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("WARN OneView unreachable since ").contains("Connection refused");
    assertThat(lines.get(1)).startsWith("WARN OneView unreachable since ").contains("timeout");
    assertThat(lines.get(2)).startsWith("INFO OneView answers again (failing since ");
  }

  @Test
  void onlyRefusalsThatRetryingCannotFixArePermanent() {
    assertThat(InventoryCache.isPermanent(new AuthenticationException(401, null, "refused"))).isTrue();
    assertThat(InventoryCache.isPermanent(new OneViewException(403, null, "forbidden", null))).isTrue();
    assertThat(InventoryCache.isPermanent(new OneViewException("GET /rest/x failed: untrusted",
        new SSLHandshakeException("PKIX path building failed")))).isTrue();
    assertThat(InventoryCache.isPermanent(new OneViewException("GET /rest/x failed",
        new ConnectException("Connection refused")))).isFalse();
    assertThat(InventoryCache.isPermanent(new OneViewException(503, null, "busy", null))).isFalse();
  }

  @Test
  void aListingOlderThanTheBoundIsNotTrusted() throws Exception {
    firstLoadMayFinish.countDown();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    ManualClock clock = new ManualClock(start);
    try (InventoryCache cache = cache(clock, Duration.ofSeconds(30))) {
      cache.refresh().get(10, TimeUnit.SECONDS);
      clock.set(start.plusSeconds(29));
      assertThat(cache.usable()).isNotNull();
      clock.set(start.plusSeconds(31));
      assertThatThrownBy(cache::usable).isInstanceOf(OneViewUnavailableException.class)
          .hasMessageContaining("the last OneView listing is 31s old (limit 30s)");
    }
  }
}
