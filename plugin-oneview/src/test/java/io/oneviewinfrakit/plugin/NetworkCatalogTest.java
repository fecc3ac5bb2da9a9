package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NetworkCatalogTest {

  @Test
  void concurrentProvisionsWithAStaleCatalogShareOneListing() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(2).build().start();
        OneView ov = PluginHarness.oneViewOf(sim)) {
      NetworkCatalog catalog = new NetworkCatalog(
          new OneViewGateway(ov, Duration.ofSeconds(10), Duration.ofSeconds(10)),
          Clock.systemUTC(), Duration.ofSeconds(30));
      ov.serverHardware().list(); // log in before the race, so only the listings are timed
      sim.faults().latency(Duration.ofMillis(200)); // each listing outlasts the callers' arrival
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<List<String>>> resolved = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          resolved.add(pool.submit(() -> {
            go.await();
            return catalog.resolve(List.of("Deploy-PXE"));
          }));
        }
        go.countDown();
        for (Future<List<String>> uris : resolved) {
          assertThat(uris.get()).singleElement().asString().startsWith("/rest/ethernet-networks/");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(sim.requests().count("GET", "/rest/ethernet-networks")).isEqualTo(1);
      assertThat(sim.requests().count("GET", "/rest/network-sets")).isEqualTo(1);
    }
  }

  /** A clock tests move by hand. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-06T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

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
      return now;
    }
  }

  @Test
  void aUriNoListingCanNameIsCachedAsUnknownInsteadOfListingOnEveryRefresh() {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(2).build().start();
        OneView ov = PluginHarness.oneViewOf(sim)) {
      MovableClock clock = new MovableClock();
      NetworkCatalog catalog = new NetworkCatalog(
          new OneViewGateway(ov, Duration.ofSeconds(10), Duration.ofSeconds(10)), clock, Duration.ofSeconds(30));
      String gone = "/rest/ethernet-networks/deleted-long-ago";
      assertThat(catalog.wouldRefreshFor(gone)).isTrue(); // nothing listed yet
      catalog.fresh(true);
      assertThat(catalog.nameOf(gone)).isNull();
      clock.advance(Duration.ofMinutes(1)); // the listing is old now, but it did not know the URI
      assertThat(catalog.wouldRefreshFor(gone)).isFalse();
      assertThat(catalog.wouldRefreshFor("/rest/ethernet-networks/another")).isTrue(); // a new URI may
      clock.advance(NetworkCatalog.UNKNOWN_FOR.plusSeconds(1)); // unknown only for a while
      assertThat(catalog.wouldRefreshFor(gone)).isTrue();
      assertThat(sim.requests().count("GET", "/rest/ethernet-networks")).isEqualTo(1);
    }
  }

  @Test
  void fibreChannelNetworksAreNamedToo() {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(2).build().start();
        OneView ov = PluginHarness.oneViewOf(sim)) {
      NetworkCatalog catalog = new NetworkCatalog(
          new OneViewGateway(ov, Duration.ofSeconds(10), Duration.ofSeconds(10)), Clock.systemUTC(),
          Duration.ofSeconds(30));
      NetworkCatalog.Snapshot snapshot = catalog.fresh(true);
      String san = snapshot.fcNetworks().get("SAN-A");
      assertThat(san).startsWith("/rest/fc-networks/");
      assertThat(catalog.nameOf(san)).isEqualTo("SAN-A");
      assertThat(catalog.wouldRefreshFor(san)).isFalse();
      assertThat(catalog.nameOf(snapshot.networks().get("Deploy-PXE"))).isEqualTo("Deploy-PXE");
    }
  }
}
