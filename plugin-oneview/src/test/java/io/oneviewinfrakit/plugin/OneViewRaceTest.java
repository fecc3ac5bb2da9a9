package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.simulator.ServerProfileView;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Another OneView user takes the server the plugin chose: the plugin moves on, no phantom. */
class OneViewRaceTest {

  @Test
  void aServerTakenJustBeforeTheProfileCreateMakesThePluginMoveToAnotherServer() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(200))) {
      h.sim.faults().assignForeignProfileBeforeNextCreate();

      InstanceId id = h.provision(Map.of("infrakit.group", "g"));
      String chosen = Json.field(h.describe(Map.of()).get(0).properties(), "server.uri");

      await("instance running", Duration.ofSeconds(20), () -> h.settled(1));
      InstanceDescription d = h.describe(Map.of()).get(0);
      assertThat(d.id()).isEqualTo(id);
      assertThat(Json.field(d.properties(), "server.uri")).isNotEqualTo(chosen);
      List<ServerProfileView> onChosen = h.sim.serverProfiles().stream()
          .filter(p -> chosen.equals(p.serverHardwareUri())).toList();
      assertThat(onChosen).singleElement().satisfies(foreign -> {
        assertThat(foreign.description()).doesNotStartWith(EnvelopeCodec.PREFIX);
        assertThat(h.sim.requests().matching(r -> !r.method().equals("GET")
            && r.path().startsWith(foreign.uri()))).isEmpty();
      });
      assertThat(h.sim.tasks()).filteredOn(t -> "Error".equals(t.taskState())).hasSize(1);
    }
  }

  @Test
  void aServerTakenWhileThePluginPowersItOffIsLeftAloneAndAnotherIsUsed() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(200))) {
      h.sim.serverHardware().forEach(s -> h.sim.powerState(s.uri(), "On"));
      h.plugin().refreshNow();
      h.sim.holdTasks(TaskKind.POWER);
      InstanceId id = h.provision(Map.of("infrakit.group", "g"));
      String chosen = Json.field(h.describe(Map.of()).get(0).properties(), "server.uri");
      await("power-off in flight", Duration.ofSeconds(10), () -> h.sim.pendingTasks() == 1);

      String foreign = h.sim.faults().assignForeignProfile(chosen); // someone else is faster
      h.sim.releaseTasks();

      await("instance running", Duration.ofSeconds(20), () -> h.settled(1));
      InstanceDescription d = h.describe(Map.of()).get(0);
      assertThat(d.id()).isEqualTo(id);
      assertThat(Json.field(d.properties(), "server.uri")).isNotEqualTo(chosen);
      assertThat(h.sim.requests().matching(r -> !r.method().equals("GET")
          && r.path().startsWith(foreign))).isEmpty();
      assertThat(h.sim.serverProfiles()).extracting(ServerProfileView::uri).contains(foreign);
    }
  }
}
