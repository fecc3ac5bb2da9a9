package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisionTest {

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
  void provisionReturnsAtOnceAndTheInstanceIsListedWithItsTagsWhileOneViewWorks() {
    h.sim.holdTasks(); // every OneView task stays in flight
    Map<String, String> tags = Map.of("infrakit.group", "workers", "infrakit.config.hash", "abc",
        "custom.tag1", "demo");
    long started = System.nanoTime();
    InstanceId id = h.provision(tags);
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

    assertThat(millis).as("provision latency in ms").isLessThan(1000);
    assertThat(id.value()).matches("ov-[a-z2-7]{16}");
    List<InstanceDescription> listed = h.describe(Map.of("infrakit.group", "workers"));
    assertThat(listed).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo(id);
      assertThat(d.tags()).isEqualTo(tags);
      assertThat(Json.field(d.properties(), "phase")).isIn("Reserved", "PoweringOff", "CreatingProfile");
      assertThat(Json.field(d.properties(), "template")).isEqualTo(PluginHarness.BLADE_TEMPLATE);
    });
    h.sim.releaseTasks();
    await("instance running", Duration.ofSeconds(20), () -> h.settled(1));
  }

  @Test
  void aProvisionedInstanceEndsWithItsProfileAppliedAndItsServerPoweredOn() {
    InstanceId id = h.provision(Map.of("infrakit.group", "g"));
    await("instance running", Duration.ofSeconds(20), () -> h.settled(1));

    ServerProfileView profile = h.envelopedProfiles().get(0);
    assertThat(profile.name()).isEqualTo("infrakit-" + id.value());
    assertThat(profile.state()).isEqualTo("Normal");
    ServerHardwareView server = h.sim.serverHardware().stream()
        .filter(s -> s.uri().equals(profile.serverHardwareUri())).findFirst().orElseThrow();
    assertThat(server.powerState()).as("tasks %s", h.sim.tasks()).isEqualTo("On");
    assertThat(server.serverProfileUri()).isEqualTo(profile.uri());

    InstanceDescription d = h.describe(Map.of()).get(0);
    assertThat(Json.field(d.properties(), "profile.uri")).isEqualTo(profile.uri());
    assertThat(Json.field(d.properties(), "profile.state")).isEqualTo("Normal");
    assertThat(Json.field(d.properties(), "server.name")).isEqualTo(server.name());
    assertThat(Json.field(d.properties(), "server.powerState")).isEqualTo("On");
    assertThat(Json.field(d.properties(), "server.serialNumber")).isNotBlank();
    assertThat(Json.field(d.properties(), "server.macs")).isNotBlank();
  }

  @Test
  void powerOnFalseLeavesTheServerOffAndAPrefixNamesTheProfile() {
    InstanceId id = h.client().provision(InstanceSpec.builder()
        .properties("{\"TemplateName\":\"Docker-Gen8-Template\",\"PowerOn\":false,"
            + "\"ProfileNamePrefix\":\"web-\",\"Note\":\"anything\"}")
        .tag("infrakit.group", "g").build());
    await("profile applied", Duration.ofSeconds(20), () -> h.sim.pendingTasks() == 0
        && "PoweredOff".equals(h.phase(id).orElse("")));
    ServerProfileView profile = h.envelopedProfiles().get(0);
    assertThat(profile.name()).isEqualTo("web-" + id.value());
    assertThat(h.sim.serverHardware().stream()
        .filter(s -> s.uri().equals(profile.serverHardwareUri())).findFirst().orElseThrow()
        .powerState()).isEqualTo("Off");
  }

  @Test
  void theLogicalIdIsKeptAndReturned() {
    InstanceId id = h.client().provision(InstanceSpec.builder().properties(PluginHarness.BLADE_PROPERTIES)
        .logicalId(LogicalId.of("10.0.0.7")).tag("infrakit.group", "pets")
        .tag("infrakit.logical_id", "10.0.0.7").build());
    assertThat(h.describe(Map.of()).get(0).logicalId()).isEqualTo(LogicalId.of("10.0.0.7"));
    await("instance running", Duration.ofSeconds(20), () -> h.settled(1));
    h.restart();
    InstanceDescription d = h.describe(Map.of()).get(0);
    assertThat(d.id()).isEqualTo(id);
    assertThat(d.logicalId()).isEqualTo(LogicalId.of("10.0.0.7"));
  }

  @Test
  void theTagFilterIsAnAnd() {
    InstanceId a = h.provision(Map.of("infrakit.group", "g", "role", "db"));
    h.provision(Map.of("infrakit.group", "g", "role", "web"));
    h.provision(Map.of("infrakit.group", "other", "role", "db"));
    assertThat(h.describe(Map.of("infrakit.group", "g", "role", "db")))
        .extracting(InstanceDescription::id).containsExactly(a);
    assertThat(h.describe(Map.of("infrakit.group", "g"))).hasSize(2);
    assertThat(h.describe(Map.of())).hasSize(3);
    await("instances running", Duration.ofSeconds(20), () -> h.settled(3));
  }

  @Test
  void noFreeServerIsAnErrorNamingTheTemplateAndTheCounts() {
    h.sim.holdTasks(TaskKind.PROFILE_CREATE);
    String maintenance = h.sim.serverHardware().get(0).uri();
    h.sim.maintenanceMode(maintenance, true);
    h.sim.faults().assignForeignProfile(h.sim.serverHardware().get(1).uri());
    h.plugin().refreshNow();
    for (int i = 0; i < 10; i++) {
      h.provision(Map.of("infrakit.group", "g"));
    }
    assertThatThrownBy(() -> h.provision(Map.of("infrakit.group", "g")))
        .isInstanceOf(PluginException.class)
        .hasMessage("no free server for template \"Docker-Gen8-Template\": 0 of 12 compatible servers "
            + "free (1 in use, 10 reserved by in-flight provisions, 1 in maintenance)");
    assertThat(h.describe(Map.of())).hasSize(10);
    // A refused call ends like an answered one: held work waits for calls in progress, and a
    // call counted as in progress for good would hold it to its 2 s limit every time.
    assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder()
        .properties(RawJson.of("{\"TemplateName\":\"No-Such-Template\"}")).build()))
        .hasMessageContaining("No-Such-Template");
    assertThat(h.plugin().provisionCallsInProgress()).isZero();
    h.sim.releaseTasks();
  }

  @Test
  void aRackTemplateProvisionsOnRackServers() {
    InstanceId id = h.client().provision(InstanceSpec.builder()
        .properties(RawJson.of("{\"TemplateName\":\"Rack-DL360-Template\"}")).build());
    await("instance running", Duration.ofSeconds(20), () -> h.settled(1));
    assertThat(Json.field(h.describe(Map.of()).get(0).properties(), "server.name")).startsWith("DL360-");
    assertThat(id.value()).startsWith("ov-");
  }
}
