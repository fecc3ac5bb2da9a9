package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.TaskKind;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The race behind "expected On but was PoweringOn": a listing that started before the
 * plugin's own power-on finished carries a hardware snapshot older than the plugin's knowledge. The
 * plugin used to mark the in-flight entry Running as soon as its power-on returned and show it with
 * that old snapshot, so DescribeInstances said Running next to powerState PoweringOn. Now Running
 * comes only from a listing taken after the work finished.
 */
class PhaseConsistencyTest {

  @Test
  void runningIsReportedOnlyFromAListingTakenAfterThePluginsOwnPowerOnFinished() throws Exception {
    RequestGate gate = new RequestGate(request -> request.method().equals("GET")
        && request.url().encodedPath().equals("/rest/server-profiles"));
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(gate).build();
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4).build().start();
        OneView oneView = OneView.builder().url(sim.url())
            .credentials(sim.username(), sim.password().toCharArray()).trust(sim.certificatePem())
            .client(http).taskPolling(Duration.ofMillis(20), Duration.ofMillis(50)).build();
        OneViewInstancePlugin plugin = OneViewInstancePlugin.builder().oneView(oneView)
            .refreshInterval(Duration.ofHours(1)).maxStaleness(Duration.ofHours(1)) // refreshes on demand only
            .build().start()) {
      sim.holdTasks(TaskKind.POWER);
      InstanceId id = plugin.provision(InstanceSpec.builder()
          .properties(PluginHarness.BLADE_PROPERTIES).tag("infrakit.group", "g").build());
      await("the power-on in flight", Duration.ofSeconds(20), () -> "PoweringOn".equals(phase(plugin))
          && sim.pendingTasks() == 1);

      // A listing starts now: it lists the server while it is still powering on, then waits.
      gate.close();
      CompletableFuture<Void> listing = CompletableFuture.runAsync(plugin::refreshNow);
      await("the listing held after its hardware snapshot", Duration.ofSeconds(20),
          () -> gate.held.get() == 1);
      sim.releaseTasks();
      InFlightInstance instance = registryOf(plugin).inFlight.get(id.value());
      await("the plugin's own work finished", Duration.ofSeconds(20),
          () -> instance.finishedAt() != null);

      // The only listings are older than the power-on: the plugin does not claim Running.
      InstanceDescription meanwhile = plugin.describeInstances(Map.of(), true).get(0);
      assertThat(Json.field(meanwhile.properties(), "phase"))
          .as("phase while every listing predates the power-on (server.powerState %s)",
              Json.field(meanwhile.properties(), "server.powerState"))
          .isEqualTo("PoweringOn");

      gate.open();
      listing.get(20, TimeUnit.SECONDS);
      await("Running from a listing taken after the work", Duration.ofSeconds(20), () -> {
        InstanceDescription d = plugin.describeInstances(Map.of(), true).get(0);
        return "Running".equals(Json.field(d.properties(), "phase"));
      });
      InstanceDescription after = plugin.describeInstances(Map.of(), true).get(0);
      assertThat(Json.field(after.properties(), "server.powerState")).isEqualTo("On");
      assertThat(Json.field(after.properties(), "profile.state")).isEqualTo("Normal");
    }
  }

  private static String phase(OneViewInstancePlugin plugin) {
    return plugin.describeInstances(Map.of(), true).stream().findFirst()
        .map(d -> Json.field(d.properties(), "phase")).orElse(null);
  }

  private static InstanceRegistry registryOf(OneViewInstancePlugin plugin) throws Exception {
    Field field = OneViewInstancePlugin.class.getDeclaredField("registry");
    field.setAccessible(true);
    return (InstanceRegistry) field.get(plugin);
  }
}
