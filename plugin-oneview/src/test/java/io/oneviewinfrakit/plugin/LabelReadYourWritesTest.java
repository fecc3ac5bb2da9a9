package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.TaskKind;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The race behind LoadTest's "expected load.label=l22 but listed load.label=l337": a client labels an
 * instance while it is provisioning (the tags wait in the pending envelope), then labels it again right
 * after its profile exists. The provision's own write of the pending labels had taken a snapshot of
 * the tags before the second Label; its PUT, retried after the second Label's PUT made its eTag stale
 * (412) or the profile busy (409), re-merged that old snapshot and put the older label back into
 * OneView. Once the in-flight entry and the overlay were pruned, DescribeInstances listed the older
 * label although the newer Label had returned OK.
 */
class LabelReadYourWritesTest {

  @Test
  void aLabelGivenWhileTheProvisionWritesEarlierPendingLabelsIsTheOneListedAndStored() throws Exception {
    RequestGate gate = new RequestGate(request -> request.method().equals("PUT")
        && request.url().encodedPath().startsWith("/rest/server-profiles/")
        && Thread.currentThread().getName().startsWith("oneview-work"));
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(gate).build();
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4)
            .taskDurations(Duration.ofMillis(20)).build().start();
        OneView oneView = OneView.builder().url(sim.url())
            .credentials(sim.username(), sim.password().toCharArray()).trust(sim.certificatePem())
            .client(http).taskPolling(Duration.ofMillis(20), Duration.ofMillis(50)).build();
        OneViewInstancePlugin plugin = OneViewInstancePlugin.builder().oneView(oneView)
            .refreshInterval(Duration.ofHours(1)).maxStaleness(Duration.ofHours(1)) // refreshes on demand only
            .build().start()) {
      InstanceRegistry registry = registryOf(plugin);
      sim.holdTasks(TaskKind.PROFILE_CREATE);
      InstanceId id = plugin.provision(InstanceSpec.builder()
          .properties(PluginHarness.BLADE_PROPERTIES).tag("infrakit.group", "g").build());
      await("the profile create running", Duration.ofSeconds(20), () -> sim.serverProfiles().stream()
          .anyMatch(p -> p.description() != null && p.description().startsWith(EnvelopeCodec.PREFIX)));

      // First Label: the profile does not exist yet, so the tags wait in the pending envelope.
      plugin.label(id, Map.of("load.label", "first"));

      // The create ends; the provision writes the pending label, and its PUT is held here.
      gate.close();
      sim.releaseTasks();
      await("the pending-label write held before its PUT", Duration.ofSeconds(20),
          () -> gate.held.get() == 1);

      // Second Label: the profile exists now, so it is written at once; it returns OK.
      plugin.label(id, Map.of("load.label", "second"));
      Map<String, String> expected = Map.of("infrakit.group", "g", "load.label", "second");
      assertThat(plugin.describeInstances(Map.of(), false).get(0).tags()).isEqualTo(expected);

      // The provision's write goes on (412 and/or 409, re-read, re-merge) and the work finishes.
      gate.open();
      await("the provision finished, every task ended and the plugin's entries pruned",
          Duration.ofSeconds(30), () -> {
            plugin.refreshNow();
            return sim.pendingTasks() == 0 && registry.inFlight.isEmpty()
                && registry.labelOverlays.isEmpty();
          });

      assertThat(plugin.describeInstances(Map.of(), false).get(0).tags())
          .as("tags listed after the newer Label returned").isEqualTo(expected);
      String stored = sim.serverProfiles().stream()
          .filter(p -> p.description() != null && p.description().startsWith(EnvelopeCodec.PREFIX))
          .findFirst().orElseThrow().description();
      assertThat(EnvelopeCodec.decode(stored).orElseThrow().tags())
          .as("tags stored in OneView").isEqualTo(expected);
    }
  }

  private static InstanceRegistry registryOf(OneViewInstancePlugin plugin) throws Exception {
    Field field = OneViewInstancePlugin.class.getDeclaredField("registry");
    field.setAccessible(true);
    return (InstanceRegistry) field.get(plugin);
  }
}
