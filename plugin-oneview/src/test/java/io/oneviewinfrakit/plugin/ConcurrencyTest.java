package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  @Test
  void sixtyFourSimultaneousProvisionsGetSixtyFourDifferentServers() throws Exception {
    try (PluginHarness h = PluginHarness.start(88, Duration.ofMillis(500))) { // 66 blades
      ExecutorService callers = Executors.newFixedThreadPool(64);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<InstanceId>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(callers.submit(() -> {
          go.await();
          return h.provision(Map.of("infrakit.group", "big"));
        }));
      }
      go.countDown();
      Set<InstanceId> ids = new HashSet<>();
      for (Future<InstanceId> call : calls) {
        ids.add(call.get());
      }
      callers.shutdown();
      assertThat(ids).hasSize(64);
      List<InstanceDescription> listed = h.describe(Map.of("infrakit.group", "big"));
      assertThat(listed).extracting(InstanceDescription::id).containsExactlyInAnyOrderElementsOf(ids);
      Set<String> reservedServers = new HashSet<>();
      listed.forEach(d -> reservedServers.add(Json.field(d.properties(), "server.uri")));
      assertThat(reservedServers).as("servers reserved at once").hasSize(64);

      await("64 instances running", Duration.ofSeconds(60), () -> h.settled(64));
      Map<String, Long> perServer = h.profilesPerServer();
      assertThat(perServer).hasSize(64);
      assertThat(perServer.values()).containsOnly(1L);
      assertThat(h.sim.tasks()).as("no OneView task failed (no two creates raced for a server)")
          .noneMatch(t -> "Error".equals(t.taskState()));
    }
  }

  @Test
  void manyConcurrentListingsCostNoExtraOneViewCalls() throws Exception {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(100),
        b -> b.refreshInterval(Duration.ofHours(1)).maxStaleness(Duration.ofHours(2)))) {
      h.provision(Map.of("infrakit.group", "g"));
      int before = h.sim.requests().countStartingWith("GET", "/rest/server-profiles");
      ExecutorService callers = Executors.newFixedThreadPool(32);
      List<Callable<Integer>> listings = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        listings.add(() -> h.describe(Map.of("infrakit.group", "g")).size());
      }
      for (Future<Integer> size : callers.invokeAll(listings)) {
        assertThat(size.get()).isEqualTo(1);
      }
      callers.shutdown();
      int profileReads = h.sim.requests().countStartingWith("GET", "/rest/server-profiles") - before;
      // Only the background work's own reads (one provision: name lookups, writes) may appear.
      assertThat(profileReads).isLessThan(5);
    }
  }
}
