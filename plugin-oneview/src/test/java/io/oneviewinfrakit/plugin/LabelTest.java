package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfile;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelTest {

  private PluginHarness h;

  @BeforeEach
  void start() {
    h = PluginHarness.start(16, Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void labelMergesTagsThatAreListedAtOnceAndSurviveARestart() {
    InstanceId id = h.provision(Map.of("infrakit.group", "g", "infrakit.config.hash", "bootstrap"));
    await("running", Duration.ofSeconds(20), () -> h.settled(1));

    h.client().label(id, Map.of("infrakit.config.hash", "h2", "new", "tag"));

    Map<String, String> expected = Map.of("infrakit.group", "g", "infrakit.config.hash", "h2", "new", "tag");
    assertThat(h.describe(Map.of()).get(0).tags()).isEqualTo(expected);
    await("label written", Duration.ofSeconds(10), () -> h.sim.pendingTasks() == 0);
    h.restart();
    assertThat(h.describe(Map.of()).get(0).tags()).isEqualTo(expected);
  }

  @Test
  void labelsGivenWhileProvisioningAreWrittenToTheProfile() {
    h.holdProfileCreates();
    InstanceId id = h.provision(Map.of("infrakit.group", "g", "a", "1"));
    h.client().label(id, Map.of("a", "2", "b", "3"));
    assertThat(h.describe(Map.of()).get(0).tags()).isEqualTo(Map.of("infrakit.group", "g", "a", "2", "b", "3"));
    await("create running", Duration.ofSeconds(10), () -> h.envelopedProfiles().size() == 1);
    h.client().label(id, Map.of("c", "4")); // after the create request, before it completes
    h.sim.releaseTasks();
    await("running", Duration.ofSeconds(20), () -> h.settled(1));
    await("labels written", Duration.ofSeconds(10), () -> h.sim.pendingTasks() == 0);
    h.restart();
    assertThat(h.describe(Map.of()).get(0).tags())
        .isEqualTo(Map.of("infrakit.group", "g", "a", "2", "b", "3", "c", "4"));
  }

  @Test
  void labellingAnUnknownInstanceOrAnotherPluginsIdIsRefused() {
    assertThatThrownBy(() -> h.client().label(InstanceId.of("ov-aaaaaaaaaaaaaaaa"), Map.of("k", "v")))
        .isInstanceOf(PluginException.class).hasMessageContaining("unknown instance ov-aaaaaaaaaaaaaaaa");
    assertThatThrownBy(() -> h.client().label(InstanceId.of("i-123"), Map.of("k", "v")))
        .isInstanceOf(PluginException.class).hasMessageContaining("not an instance ID of the OneView plugin");
  }

  @Test
  void aProfileChangedByAnotherClientBetweenReadAndWriteIsReadAgainAndMerged() {
    InstanceId id = h.provision(Map.of("infrakit.group", "g"));
    await("running", Duration.ofSeconds(20), () -> h.settled(1));
    String uri = h.envelopedProfiles().get(0).uri();
    try (OneView ov = PluginHarness.oneViewOf(h.sim)) {
      OneViewGateway gateway = new OneViewGateway(ov, Duration.ofSeconds(10), Duration.ofSeconds(10));
      AtomicInteger reads = new AtomicInteger();
      var task = gateway.updateDescription(uri, profile -> {
        Envelope envelope = EnvelopeCodec.decode(profile.description()).orElseThrow();
        if (reads.incrementAndGet() == 1) { // someone else labels it now: our eTag goes stale
          ServerProfile current = ov.serverProfiles().get(uri);
          ov.tasks().await(ov.serverProfiles().update(current.withDescription(EnvelopeCodec.encode(
              envelope.withMergedTags(Map.of("other", "writer"))))), Duration.ofSeconds(10));
        }
        return EnvelopeCodec.encode(envelope.withMergedTags(Map.of("mine", "too")));
      });
      gateway.awaitProfileTask(task);
      assertThat(reads).hasValue(2);
      assertThat(h.sim.requests().countWithStatus(412)).isEqualTo(1);
    }
    h.plugin().refreshNow();
    assertThat(h.describe(Map.of()).get(0).tags())
        .isEqualTo(Map.of("infrakit.group", "g", "other", "writer", "mine", "too"));
    assertThat(h.describe(Map.of()).get(0).id()).isEqualTo(id);
  }
}
