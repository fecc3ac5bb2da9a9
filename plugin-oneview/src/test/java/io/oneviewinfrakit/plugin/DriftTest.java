package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Availability and drift (ironic-oneviewd parity). Other OneView users and the hardware
 * change things behind the plugin's back; the listing says so, and leaves out what the group must
 * replace.
 */
class DriftTest {

  private static final Map<String, String> GROUP = Map.of("infrakit.group", "workers");

  private PluginHarness h;
  private InstanceId id;

  @BeforeEach
  void start() {
    h = PluginHarness.start(16, Duration.ofMillis(50));
    id = h.provision(GROUP);
    await("instance running", Duration.ofSeconds(20), () -> h.settled(1));
    await("its profile listed", Duration.ofSeconds(10), () -> {
      h.plugin().refreshNow();
      return field("profile.uri") != null;
    });
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Optional<InstanceDescription> listed() {
    return h.describe(GROUP).stream().filter(d -> d.id().equals(id)).findFirst();
  }

  private String field(String path) {
    return Json.field(listed().orElseThrow().properties(), path);
  }

  @Test
  void aProfileDeletedByAnotherUserIsDroppedFromTheListingSoTheGroupReplacesIt() {
    h.sim.faults().deleteProfileAsAnotherUser(field("profile.uri"));
    h.plugin().refreshNow();
    assertThat(listed()).isEmpty();
    assertThat(h.describe(Map.of())).isEmpty();
  }

  @Test
  void anInstanceOnAFailedServerIsLostAndUnlistedUntilTheServerRecovers() {
    String server = field("server.uri");
    h.sim.serverStatus(server, "Critical");
    h.plugin().refreshNow();
    assertThat(listed()).as("lost: left out so the group provisions a replacement").isEmpty();
    assertThat(h.envelopedProfiles()).as("the profile is kept: the plugin never deletes on its own")
        .hasSize(1);

    h.sim.serverStatus(server, "OK");
    h.plugin().refreshNow();
    assertThat(listed()).isPresent();
    assertThat(field("phase")).isEqualTo("Running");
    assertThat(field("reason")).isNull();
  }

  @Test
  void anInstanceWhoseServerIsInMaintenanceIsListedUnhealthyWithTheReason() {
    String server = field("server.uri");
    String name = field("server.name");
    h.sim.maintenanceMode(server, true);
    h.plugin().refreshNow();
    assertThat(field("phase")).isEqualTo("Unhealthy");
    assertThat(field("reason")).isEqualTo("server " + name + " is in maintenance");

    h.sim.maintenanceMode(server, false);
    h.plugin().refreshNow();
    assertThat(field("phase")).isEqualTo("Running");
  }

  @Test
  void aProfileFailedAfterTheFactIsUnhealthyWithOneViewsError() {
    h.sim.faults().failProfileAfterTheFact(field("profile.uri"), "ServerProfileApplyFailed");
    h.plugin().refreshNow();
    assertThat(field("phase")).isEqualTo("Unhealthy");
    assertThat(field("reason")).contains("is Critical (state UpdateFailed)");
    // The task's error is read once in the background, then named in the reason.
    await("the task's error in the reason", Duration.ofSeconds(10), () -> {
      h.plugin().refreshNow();
      return field("reason").contains("ServerProfileApplyFailed");
    });
    assertThat(listed()).as("still listed: the flavor's health check decides").isPresent();
  }

  @Test
  void aProfileMovedByAnotherUserIsUnhealthyNamingBothServers() {
    String from = field("server.name");
    var target = h.sim.serverHardware().stream()
        .filter(s -> s.name().startsWith("Encl") && s.serverProfileUri() == null
            && "Off".equals(s.powerState()))
        .findFirst().orElseThrow();
    h.sim.faults().moveProfileAsAnotherUser(field("profile.uri"), target.uri());
    h.plugin().refreshNow();
    assertThat(field("phase")).isEqualTo("Unhealthy");
    assertThat(field("reason")).endsWith("was moved by another OneView user from server " + from
        + " to server " + target.name());
    assertThat(field("server.name")).isEqualTo(target.name());
  }
}
