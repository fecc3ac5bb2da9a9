package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Work in progress is bounded: past the limit a call is refused at once, saying why. */
class BacklogTest {

  private static final Map<String, String> GROUP = Map.of("infrakit.group", "workers");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void provisionsPastTheBacklogAreRefusedAtOnceAndAcceptedAgainOnceWorkFinishes() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(20), b -> b.maxBacklog(2))) {
      h.holdProfileCreates(); // OneView does not finish anything
      h.provision(GROUP);
      h.provision(GROUP);

      assertThatThrownBy(() -> h.provision(GROUP)).isInstanceOf(PluginException.class)
          .hasMessageContaining("refused: 2 provisions are already in progress (the limit is 2)")
          .hasMessageContaining("Nothing was changed");
      assertThat(h.envelopedProfiles()).hasSizeLessThanOrEqualTo(2);

      h.sim.releaseTasks();
      PluginHarness.await("2 Running instances", WAIT, () -> h.settled(2));
      h.provision(GROUP);
      PluginHarness.await("3 Running instances", WAIT, () -> h.settled(3));
    }
  }

  @Test
  void destroysPastTheBacklogAreRefusedWhileOneViewFinishesNothing() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(20), b -> b.maxBacklog(2))) {
      List<InstanceId> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(h.provision(GROUP));
        int n = i + 1;
        PluginHarness.await(n + " Running instances", WAIT, () -> h.settled(n));
      }
      h.sim.holdTasks(TaskKind.PROFILE_UPDATE); // the Destroying intents are written, never finish

      h.client().destroy(ids.get(0), DestroyContext.TERMINATE);
      h.client().destroy(ids.get(1), DestroyContext.TERMINATE);
      assertThatThrownBy(() -> h.client().destroy(ids.get(2), DestroyContext.TERMINATE))
          .hasMessageContaining("refused: 2 destroys are already in progress");
      assertThat(h.describe(GROUP)).extracting(d -> d.id()).containsExactly(ids.get(2));

      h.sim.releaseTasks();
      PluginHarness.await("the two destroyed", WAIT, () -> h.envelopedProfiles().size() == 1);
      PluginHarness.await("the destroyer idle", WAIT, () -> {
        try {
          h.client().destroy(ids.get(2), DestroyContext.TERMINATE);
          return true;
        } catch (PluginException e) {
          return false;
        }
      });
      PluginHarness.await("all gone", WAIT, () -> h.envelopedProfiles().isEmpty());
    }
  }
}
