package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestartTest {

  private PluginHarness h;

  @BeforeEach
  void start() {
    h = PluginHarness.start(16, Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aRestartMidProvisionReportsTheSameInstancesAndTagsAndConvergesWithoutOrphansOrDuplicates() {
    h.holdProfileCreates();
    for (int i = 0; i < 4; i++) {
      h.provision(Map.of("infrakit.group", "g", "n", "" + i, "quote\"key", "välue \"q\" \\ ✓"));
    }
    await("4 profiles being created", Duration.ofSeconds(20), () -> h.envelopedProfiles().size() == 4);
    Map<InstanceId, Map<String, String>> before = tagsById(h.describe(Map.of()));

    h.restart();

    List<InstanceDescription> after = h.describe(Map.of());
    assertThat(tagsById(after)).isEqualTo(before);
    assertThat(after).allSatisfy(d ->
        assertThat(Json.field(d.properties(), "phase")).isEqualTo("ProfileBusy"));
    h.sim.releaseTasks();
    // The new run powers on what the old one could not (envelope says PowerOn).
    await("4 instances running", Duration.ofSeconds(20), () -> h.settled(4));
    assertThat(tagsById(h.describe(Map.of()))).isEqualTo(before);
    assertThat(h.profilesPerServer()).hasSize(4).allSatisfy((server, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void aRestartBeforeTheProfileExistsLeavesNoTraceAndFreesTheServer() {
    h.sim.holdTasks(TaskKind.POWER);
    h.sim.serverHardware().forEach(s -> h.sim.powerState(s.uri(), "On")); // every server needs a power-off
    h.plugin().refreshNow();
    InstanceId id = h.provision(Map.of("infrakit.group", "g"));
    await("power-off in flight", Duration.ofSeconds(10), () -> h.sim.pendingTasks() == 1);

    h.restart();
    h.sim.releaseTasks();

    assertThat(h.describe(Map.of())).isEmpty();
    await("tasks done", Duration.ofSeconds(10), () -> h.sim.pendingTasks() == 0);
    assertThat(h.envelopedProfiles()).isEmpty();
    InstanceId next = h.provision(Map.of("infrakit.group", "g"));
    assertThat(next).isNotEqualTo(id);
    await("replacement running", Duration.ofSeconds(20), () -> h.settled(1));
  }

  @Test
  void aRestartMidDestroyKeepsTheInstanceDestroyingAndTheNewRunFinishesIt() {
    InstanceId a = h.provision(Map.of("infrakit.group", "g", "n", "a"));
    InstanceId b = h.provision(Map.of("infrakit.group", "g", "n", "b"));
    await("2 instances running", Duration.ofSeconds(20), () -> h.settled(2));
    h.sim.holdTasks(TaskKind.PROFILE_DELETE);

    h.client().destroy(a, DestroyContext.TERMINATE);
    assertThat(h.describe(Map.of())).extracting(InstanceDescription::id).containsExactly(b);
    await("delete task running", Duration.ofSeconds(10),
        () -> h.envelopedProfiles().stream().anyMatch(p -> "Deleting".equals(p.state())));

    h.restart();
    // The intent is in OneView: the new run never lists a, and a repeated destroy is harmless.
    assertThat(h.describe(Map.of())).extracting(InstanceDescription::id).containsExactly(b);
    h.client().destroy(a, DestroyContext.TERMINATE);
    assertThat(h.describe(Map.of())).extracting(InstanceDescription::id).containsExactly(b);
    h.sim.releaseTasks();

    await("a is gone", Duration.ofSeconds(20), () -> h.envelopedProfiles().size() == 1
        && h.sim.pendingTasks() == 0);
    h.plugin().refreshNow();
    assertThat(h.describe(Map.of())).extracting(InstanceDescription::id).containsExactly(b);
    assertThat(h.sim.tasks()).filteredOn(t -> t.name().equals("Delete")).hasSize(1);
  }

  private static Map<InstanceId, Map<String, String>> tagsById(List<InstanceDescription> list) {
    return list.stream().collect(Collectors.toMap(InstanceDescription::id, InstanceDescription::tags));
  }
}
