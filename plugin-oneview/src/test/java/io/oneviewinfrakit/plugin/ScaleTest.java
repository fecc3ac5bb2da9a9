package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import java.time.Duration;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A group scaled 0 -> 16 -> 4 -> 0 the way InfraKit's scaler does it, with non-zero task durations. */
class ScaleTest {

  private static final Map<String, String> GROUP = Map.of("infrakit.group", "workers",
      "infrakit.config.hash", "h7qqowwvts4tjb65q4aw3qggw3hfgs5u");

  @Test
  void aGroupScalesFromZeroToSixteenToFourToZero() throws Exception {
    try (PluginHarness h = PluginHarness.start(24, Duration.ofMillis(300))) { // 18 blades
      ExecutorService goroutines = Executors.newCachedThreadPool();
      try {
        for (int size : new int[] {16, 4, 0}) {
          converge(h, goroutines, size);
          assertThat(h.describe(GROUP)).hasSize(size);
          assertThat(h.envelopedProfiles()).hasSize(size);
          assertThat(h.profilesPerServer().values()).allMatch(n -> n == 1);
        }
      } finally {
        goroutines.shutdownNow();
      }
      assertThat(h.sim.tasks().stream().filter(t -> "Error".equals(t.taskState())).count()).isZero();
      // Every create and delete happened exactly once per instance: no duplicates were provisioned.
      assertThat(h.sim.tasks().stream().filter(t -> t.name().equals("Create")).count()).isEqualTo(16);
      assertThat(h.sim.tasks().stream().filter(t -> t.name().equals("Delete")).count()).isEqualTo(16);
    }
  }

  /**
   * Ticks like the group controller until settled: list; provision the missing instances in
   * parallel, or destroy the surplus lowest IDs; wait for those calls before the next tick.
   */
  private static void converge(PluginHarness h, ExecutorService goroutines, int size) {
    await("group at size " + size, Duration.ofSeconds(60), () -> {
      List<InstanceDescription> listed = h.describe(GROUP);
      if (listed.size() < size) {
        List<Callable<InstanceId>> provisions = new ArrayList<>();
        for (int i = listed.size(); i < size; i++) {
          provisions.add(() -> h.provision(GROUP));
        }
        try {
          for (Future<InstanceId> call : goroutines.invokeAll(provisions)) {
            call.get();
          }
        } catch (InterruptedException | ExecutionException e) {
          throw new AssertionError(e);
        }
      } else if (listed.size() > size) {
        listed.stream().map(InstanceDescription::id).sorted().limit(listed.size() - size)
            .forEach(id -> h.client().destroy(id, DestroyContext.TERMINATE));
      }
      return listed.size() == size && h.sim.pendingTasks() == 0 && h.envelopedProfiles().size() == size
          && listed.stream().allMatch(d -> "Running".equals(Json.field(d.properties(), "phase")));
    });
  }
}
