package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Background failures: the instance disappears, leftovers are removed, the server cools down. */
class FailureTest {

  @Test
  void aProfileTaskErrorDropsTheInstanceCleansUpAndTheNextProvisionAvoidsThatServer() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(200))) {
      h.sim.faults().failNextTask(TaskKind.PROFILE_CREATE, "MacTypeDiffGlobalMacType");
      InstanceId failed = h.provision(Map.of("infrakit.group", "g"));
      String failedServer = Json.field(h.describe(Map.of()).get(0).properties(), "server.uri");

      await("failed instance gone", Duration.ofSeconds(20),
          () -> h.describe(Map.of()).isEmpty() && h.sim.pendingTasks() == 0);
      assertThat(h.envelopedProfiles()).isEmpty();

      InstanceId next = h.provision(Map.of("infrakit.group", "g"));
      assertThat(next).isNotEqualTo(failed);
      assertThat(Json.field(h.describe(Map.of()).get(0).properties(), "server.uri"))
          .isNotEqualTo(failedServer);
      await("replacement running", Duration.ofSeconds(20), () -> h.settled(1));
    }
  }

  @Test
  void aProfileTaskTimeoutDropsTheInstanceAndTheProfileItCreatesLaterIsRemoved() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(200),
        b -> b.profileTaskTimeout(Duration.ofMillis(700)))) {
      h.holdProfileCreates();
      h.provision(Map.of("infrakit.group", "g"));
      String stuckServer = Json.field(h.describe(Map.of()).get(0).properties(), "server.uri");

      await("timed-out instance gone", Duration.ofSeconds(20), () -> h.describe(Map.of()).isEmpty());
      assertThat(h.envelopedProfiles()).as("the create task still runs").hasSize(1);
      h.sim.releaseTasks();
      await("its late profile removed", Duration.ofSeconds(20),
          () -> h.envelopedProfiles().isEmpty() && h.sim.pendingTasks() == 0);
      h.plugin().refreshNow();
      assertThat(h.describe(Map.of())).isEmpty();

      h.provision(Map.of("infrakit.group", "g"));
      assertThat(Json.field(h.describe(Map.of()).get(0).properties(), "server.uri"))
          .isNotEqualTo(stuckServer);
      await("replacement running", Duration.ofSeconds(20), () -> h.settled(1));
    }
  }

  @Test
  void aFailedPowerOnKeepsTheInstanceSaysWhyAndIsRetriedOnce() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(200))) {
      h.sim.faults().failNextTask(TaskKind.POWER, "PowerTaskFailed"); // the chosen server is off
      InstanceId id = h.provision(Map.of("infrakit.group", "g"));
      await("instance running after the retry", Duration.ofSeconds(20), () -> h.settled(1));
      assertThat(h.describe(Map.of()).get(0).id()).isEqualTo(id);
      assertThat(h.sim.tasks()).filteredOn(t -> "Error".equals(t.taskState())).hasSize(1);
    }
  }

  @Test
  void whenOneViewIsDownListingFailsWithTheReasonAndRecoversWithoutARestart() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(100))) {
      InstanceId id = h.provision(Map.of("infrakit.group", "g"));
      await("running", Duration.ofSeconds(20), () -> h.settled(1));

      h.sim.faults().applianceDown(true);
      await("listing fails", Duration.ofSeconds(20), () -> {
        try {
          h.describe(Map.of());
          return false;
        } catch (PluginException e) {
          return e.getMessage().startsWith("OneView could not be listed");
        }
      });
      assertThatThrownBy(() -> h.provision(Map.of("infrakit.group", "g")))
          .isInstanceOf(PluginException.class).hasMessageContaining("OneView could not be listed");

      h.sim.faults().applianceDown(false);
      await("listing recovers", Duration.ofSeconds(20), () -> {
        try {
          List<InstanceDescription> list = h.describe(Map.of());
          return list.size() == 1 && list.get(0).id().equals(id);
        } catch (PluginException e) {
          return false;
        }
      });
    }
  }

  @Test
  void aPluginStartedWhileOneViewIsDownServesErrorsThenItsInstances() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(100))) {
      InstanceId id = h.provision(Map.of("infrakit.group", "g"));
      await("running", Duration.ofSeconds(20), () -> h.settled(1));
      h.sim.faults().applianceDown(true);
      h.restart();
      assertThatThrownBy(() -> h.describe(Map.of())).isInstanceOf(PluginException.class)
          .hasMessageContaining("OneView could not be listed");
      h.sim.faults().applianceDown(false);
      await("instances reported", Duration.ofSeconds(20), () -> {
        try {
          return h.describe(Map.of()).stream().map(InstanceDescription::id).toList().equals(List.of(id));
        } catch (PluginException e) {
          return false;
        }
      });
    }
  }
}
