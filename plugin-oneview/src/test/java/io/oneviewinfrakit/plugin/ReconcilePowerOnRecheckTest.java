package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconcile power-on is decided from a listing and runs later on the shared worker pool, possibly
 * behind long provisions. With a single worker held busy by a provision whose profile create is held,
 * the power-on job waits in the queue deterministically while the test changes the world under it.
 */
class ReconcilePowerOnRecheckTest {

  private PluginHarness h;

  @BeforeEach
  void start() {
    h = PluginHarness.start(16, Duration.ofMillis(50), b -> b.workers(1));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aQueuedPowerOnDoesNotPowerAServerThatNowCarriesAForeignProfile() {
    InstanceId a = h.provision(Map.of("infrakit.group", "g", "n", "a"));
    InstanceId c = h.provision(Map.of("infrakit.group", "g", "n", "c"));
    await("2 instances running", Duration.ofSeconds(20), () -> h.settled(2));
    ServerProfileView profileA = profileOf(a);
    String serverS = profileA.serverHardwareUri();
    h.restart(); // a new run: its reconcile has powered on nothing yet

    int powerRequestsBefore = queuePowerOnBehindAHeldProvision(serverS);

    // Meanwhile another OneView user moves our profile away and puts theirs on the server.
    h.sim.faults().moveProfileAsAnotherUser(profileA.uri(), freeServerLike(serverS).uri());
    h.sim.faults().assignForeignProfile(serverS);
    // Queued behind the power-on job on the single worker: once c is gone, the job has run.
    h.client().destroy(c, DestroyContext.TERMINATE);
    h.sim.releaseTasks();

    await("c destroyed", Duration.ofSeconds(20), () -> h.sim.pendingTasks() == 0
        && h.envelopedProfiles().stream().noneMatch(p -> carries(p, c)));
    assertThat(h.sim.requests().count("PUT", serverS + "/powerState"))
        .as("power requests for the server now carrying a foreign profile")
        .isEqualTo(powerRequestsBefore);
    assertThat(h.sim.serverHardware().stream().filter(s -> s.uri().equals(serverS)).findFirst()
        .orElseThrow().powerState()).isEqualTo("Off");
  }

  @Test
  void aDestroyRequestedBeforeAQueuedPowerOnRunsIsNotUndoneByIt() {
    InstanceId a = h.provision(Map.of("infrakit.group", "g", "n", "a"));
    await("a running", Duration.ofSeconds(20), () -> h.settled(1));
    String serverS = profileOf(a).serverHardwareUri();
    h.restart();

    int powerRequestsBefore = queuePowerOnBehindAHeldProvision(serverS);

    h.client().destroy(a, DestroyContext.TERMINATE);
    h.sim.releaseTasks();

    await("a destroyed", Duration.ofSeconds(20), () -> h.sim.pendingTasks() == 0
        && h.envelopedProfiles().stream().noneMatch(p -> carries(p, a)));
    // The server was off when the destroy came: neither a power-on nor a power-off is needed.
    assertThat(h.sim.requests().count("PUT", serverS + "/powerState"))
        .as("power requests for the destroyed instance's server").isEqualTo(powerRequestsBefore);
    h.plugin().refreshNow();
    assertThat(h.describe(Map.of())).extracting(InstanceDescription::id).doesNotContain(a);
  }

  /**
   * Occupies the only worker with a provision whose profile create is held, then has the operator
   * power {@code serverUri} off and lists: the reconcile pass queues a power-on behind that provision.
   * Returns how many power requests the server had had by then.
   */
  private int queuePowerOnBehindAHeldProvision(String serverUri) {
    int profiles = h.envelopedProfiles().size();
    h.holdProfileCreates();
    h.provision(Map.of("infrakit.group", "g", "n", "busy"));
    await("the worker is busy with a held create", Duration.ofSeconds(10),
        () -> h.envelopedProfiles().size() == profiles + 1);
    int before = h.sim.requests().count("PUT", serverUri + "/powerState");
    h.sim.powerState(serverUri, "Off");
    h.plugin().refreshNow(); // its reconcile pass queues the power-on (it completes after that pass)
    return before;
  }

  private ServerProfileView profileOf(InstanceId id) {
    return h.envelopedProfiles().stream().filter(p -> carries(p, id)).findFirst().orElseThrow();
  }

  private static boolean carries(ServerProfileView profile, InstanceId id) {
    return profile.description().contains("\"" + id.value() + "\"");
  }

  private ServerHardwareView freeServerLike(String serverUri) {
    ServerHardwareView s = h.sim.serverHardware().stream().filter(x -> x.uri().equals(serverUri))
        .findFirst().orElseThrow();
    return h.sim.serverHardware().stream()
        .filter(x -> x.serverProfileUri() == null || x.serverProfileUri().isEmpty())
        .filter(x -> Objects.equals(x.json().get("serverHardwareTypeUri"),
            s.json().get("serverHardwareTypeUri")))
        .filter(x -> Objects.equals(x.json().get("serverGroupUri"), s.json().get("serverGroupUri")))
        .findFirst().orElseThrow();
  }
}
