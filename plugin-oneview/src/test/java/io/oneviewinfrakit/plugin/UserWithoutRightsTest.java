package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user whose role may read but not change (OneView's read-only role): the plugin starts and
 * lists; the first provision's create gets a 403, and later provisions are refused at once with
 * what to fix instead of asking OneView at every group poll, until a backoff of minutes ends.
 */
class UserWithoutRightsTest {

  private OneViewSimulator sim;
  private Path dir;
  private OneView oneView;
  private OneViewInstancePlugin plugin;
  private PluginServer server;
  private InstancePluginClient client;
  private final ShiftedClock clock = new ShiftedClock();

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(4).taskDurations(Duration.ofMillis(20))
        .readOnlyUser("viewer", "viewer-Passw0rd").build().start();
    dir = PrivateDirectory.create("ovr");
    oneView = OneView.builder().url(sim.url()).credentials("viewer", "viewer-Passw0rd".toCharArray())
        .trust(sim.certificatePem()).taskPolling(Duration.ofMillis(20), Duration.ofMillis(100))
        .retries(2, Duration.ofMillis(20), Duration.ofMillis(50)).build();
    plugin = OneViewInstancePlugin.builder().oneView(oneView).clock(clock).refreshInterval(Duration.ofMillis(200))
        .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).build().start();
    server = PluginServer.builder().name("instance-oneview").pluginsDirectory(dir)
        .instancePlugin(plugin).shutdownHook(false).build().start();
    client = InstancePluginClient.connect(server.socketPath());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    plugin.close();
    oneView.close();
    sim.close();
    PrivateDirectory.delete(dir);
  }

  @Test
  void aReadOnlyUsersProvisionFailsOnceThenProvisionsAreRefusedWithWhatToFixUntilTheBackoffEnds() {
    client.validate(PluginHarness.BLADE_PROPERTIES); // reading works

    client.provision(spec()); // accepted: the create runs in the background
    await("OneView's 403 for the profile create", Duration.ofSeconds(20), () -> creates() == 1
        && sim.requests().countWithStatus(403) == 1);
    await("the failed instance dropped", Duration.ofSeconds(20),
        () -> client.describeInstances(Map.of(), true).isEmpty());

    // The group controller provisions again at its next poll: refused at once, OneView not asked.
    Throwable refused = catchThrowable(() -> client.provision(spec()));
    assertThat(refused).hasMessageContaining("403").hasMessageContaining("role")
        .hasMessageContaining("--user").hasMessageContaining("refused until");
    assertThat(creates()).isEqualTo(1);

    // After the backoff one provision tries again; refused again, the next wait is longer.
    clock.advance(Duration.ofMinutes(3));
    await("a provision accepted after the backoff", Duration.ofSeconds(20), () -> {
      client.provision(spec());
      return true;
    });
    await("the second 403", Duration.ofSeconds(20), () -> creates() == 2);
    clock.advance(Duration.ofMinutes(3));
    await("the refusal in force again", Duration.ofSeconds(20),
        () -> catchThrowable(() -> client.provision(spec())) != null);
    assertThat(creates()).as("creates asked of OneView").isEqualTo(2);
    assertThat(sim.serverProfiles()).isEmpty();
  }

  private static InstanceSpec spec() {
    return InstanceSpec.builder().properties(PluginHarness.BLADE_PROPERTIES)
        .tags(Map.of("infrakit.group", "workers")).build();
  }

  private int creates() {
    return sim.requests().count("POST", "/rest/server-profiles");
  }

  /** The system clock, moved forward on demand (the plugin's backoffs read it). */
  private static final class ShiftedClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    void advance(Duration d) {
      shift = shift.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }
  }
}
