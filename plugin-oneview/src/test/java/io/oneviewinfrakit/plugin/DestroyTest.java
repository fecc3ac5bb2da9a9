package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DestroyTest {

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
  void everyDestroyContextHidesTheInstanceAtOnceThenPowersOffAndDeletesItsProfile() {
    InstanceId terminate = h.provision(Map.of("infrakit.group", "g"));
    InstanceId rolling = h.provision(Map.of("infrakit.group", "g"));
    InstanceId none = h.provision(Map.of("infrakit.group", "g"));
    await("3 running", Duration.ofSeconds(20), () -> h.settled(3));
    h.sim.holdTasks(); // OneView is slow: destroy must still answer at once

    long started = System.nanoTime();
    h.client().destroy(terminate, DestroyContext.TERMINATE);
    h.client().destroy(rolling, DestroyContext.ROLLING_UPDATE);
    h.client().destroy(none, DestroyContext.NONE); // Instance 0.5.0: no context
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(h.describe(Map.of())).isEmpty();

    h.sim.releaseTasks();
    await("profiles deleted", Duration.ofSeconds(20),
        () -> h.envelopedProfiles().isEmpty() && h.sim.pendingTasks() == 0);
    assertThat(h.sim.serverHardware()).allSatisfy(s -> assertThat(s.serverProfileUri()).isNull());
    assertThat(h.sim.requests().matching(r -> r.method().equals("PUT")
        && r.path().endsWith("/powerState") && r.status() >= 400)).isEmpty();
    h.plugin().refreshNow();
    assertThat(h.describe(Map.of())).isEmpty();
  }

  @Test
  void destroyingAnInstanceOfOursThatIsAlreadyGoneSucceeds() {
    InstanceId id = h.provision(Map.of());
    await("running", Duration.ofSeconds(20), () -> h.settled(1));
    h.client().destroy(id, DestroyContext.TERMINATE);
    await("deleted", Duration.ofSeconds(20), () -> h.envelopedProfiles().isEmpty());
    h.plugin().refreshNow();
    h.client().destroy(id, DestroyContext.TERMINATE);
    h.client().destroy(InstanceId.of("ov-aaaaaaaaaaaaaaaa"), DestroyContext.TERMINATE);
  }

  @Test
  void destroyingAnIdThatIsNotOneOfOursIsRefused() {
    assertThatThrownBy(() -> h.client().destroy(InstanceId.of("InfraKit-12345"), DestroyContext.TERMINATE))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("\"InfraKit-12345\" is not an instance ID of the OneView plugin");
  }

  @Test
  void aFailedDeleteTaskIsRetriedUntilTheProfileIsGoneWithoutTheInstanceReappearing() {
    InstanceId id = h.provision(Map.of("infrakit.group", "g"));
    await("running", Duration.ofSeconds(20), () -> h.settled(1));
    h.sim.faults().failNextTask(TaskKind.PROFILE_DELETE, "ProfileDeleteFailed");

    h.client().destroy(id, DestroyContext.TERMINATE);

    await("deleted", Duration.ofSeconds(20), () -> h.envelopedProfiles().isEmpty());
    assertThat(h.sim.requests().countStartingWith("DELETE", "/rest/server-profiles/"))
        .as("deletes sent").isEqualTo(2);
    h.plugin().refreshNow();
    assertThat(h.describe(Map.of())).isEmpty();
  }

  @Test
  void destroyingAnInstanceStillProvisioningStopsItAndRemovesWhatItCreated() {
    h.holdProfileCreates();
    InstanceId id = h.provision(Map.of("infrakit.group", "g"));
    await("create running", Duration.ofSeconds(10), () -> h.envelopedProfiles().size() == 1);

    h.client().destroy(id, DestroyContext.TERMINATE);
    assertThat(h.describe(Map.of())).isEmpty();
    h.sim.releaseTasks();

    await("nothing left", Duration.ofSeconds(20),
        () -> h.envelopedProfiles().isEmpty() && h.sim.pendingTasks() == 0);
    h.plugin().refreshNow();
    assertThat(h.describe(Map.of())).isEmpty();
    // Its server is free again for the next provision.
    h.provision(Map.of("infrakit.group", "g"));
    await("replacement running", Duration.ofSeconds(20), () -> h.settled(1));
  }
}
