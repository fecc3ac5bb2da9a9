package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Clock;
import java.time.Duration;
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
}
