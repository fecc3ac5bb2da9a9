package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.simulator.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Profiles and hardware this plugin does not own are never modified, deleted or powered. */
class OwnershipTest {

  private static final String OTHER_ID = "ov-bbbbbbbbbbbbbbbb";

  @Test
  void foreignProfilesAndTheirServersAreNeverTouchedWhileAGroupScalesUpAndDown() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(200))) {
      List<String> foreignProfiles = new ArrayList<>();
      foreignProfiles.add(h.sim.faults().assignForeignProfile()); // another OneView user
      try (OneView other = PluginHarness.oneViewOf(h.sim)) {
        ServerProfileTemplate template = other.serverProfileTemplates()
            .findByName(PluginHarness.BLADE_TEMPLATE).orElseThrow();
        // Another plugin deployment (namespace "other"), a garbled envelope, a look-alike text.
        foreignProfiles.add(create(other, template, "other-ns", "Encl1, bay 3",
            EnvelopeCodec.encode(new Envelope("other", OTHER_ID, null, Map.of("infrakit.group", "g"),
                true))));
        foreignProfiles.add(create(other, template, "garbled", "Encl1, bay 4",
            EnvelopeCodec.PREFIX + "{\"owner\":\"default\",\"id\":\"ov-cccccccccccccccc\",\"tags\":{"));
        foreignProfiles.add(create(other, template, "lookalike", "Encl1, bay 5",
            "managed by infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-dddddddddddddddd\","
                + "\"tags\":{}}"));
      }
      Set<String> foreignServers = Set.copyOf(h.sim.serverProfiles().stream()
          .filter(p -> foreignProfiles.contains(p.uri())).map(p -> p.serverHardwareUri()).toList());
      h.plugin().refreshNow();
      int before = h.sim.requests().size();

      assertThat(h.describe(Map.of())).isEmpty();
      List<InstanceId> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ids.add(h.provision(Map.of("infrakit.group", "g")));
      }
      await("6 running", Duration.ofSeconds(30), () -> h.settled(6) || h.describe(Map.of()).size() == 6
          && h.sim.pendingTasks() == 0 && h.envelopedProfiles().size() == 8);
      assertThat(h.describe(Map.of("infrakit.group", "g"))).extracting(InstanceDescription::id)
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThatThrownBy(() -> h.client().destroy(InstanceId.of(OTHER_ID), DestroyContext.TERMINATE))
          .isInstanceOf(PluginException.class).hasMessageContaining("belongs to namespace \"other\"");
      assertThatThrownBy(() -> h.client().label(InstanceId.of(OTHER_ID), Map.of("k", "v")))
          .isInstanceOf(PluginException.class).hasMessageContaining("belongs to namespace \"other\"");
      h.client().label(ids.get(0), Map.of("k", "v"));
      for (InstanceId id : ids) {
        h.client().destroy(id, DestroyContext.TERMINATE);
      }
      await("all ours deleted", Duration.ofSeconds(30),
          () -> h.sim.pendingTasks() == 0 && h.sim.serverProfiles().size() == foreignProfiles.size());

      List<RecordedRequest> log = h.sim.requests().all().subList(before, h.sim.requests().size());
      assertThat(log).as("writes to foreign profiles")
          .noneMatch(r -> !r.method().equals("GET") && foreignProfiles.stream().anyMatch(r.path()::startsWith));
      assertThat(log).as("power calls on servers with foreign profiles")
          .noneMatch(r -> !r.method().equals("GET") && foreignServers.stream().anyMatch(r.path()::startsWith));
      assertThat(h.sim.serverProfiles()).extracting(p -> p.uri())
          .containsExactlyInAnyOrderElementsOf(foreignProfiles);
    }
  }

  @Test
  void twoNamespacesOnOneApplianceSeeOnlyTheirOwnInstances() {
    try (PluginHarness a = PluginHarness.start(16, Duration.ofMillis(100))) {
      try (OneView ov = PluginHarness.oneViewOf(a.sim);
          OneViewInstancePlugin b = OneViewInstancePlugin.builder().oneView(ov).namespace("team-b")
              .refreshInterval(Duration.ofMillis(200)).build().start()) {
        InstanceId mine = a.provision(Map.of("infrakit.group", "g"));
        InstanceId theirs = b.provision(io.oneviewinfrakit.infrakit.spi.InstanceSpec.builder()
            .properties(PluginHarness.BLADE_PROPERTIES).tag("infrakit.group", "g").build());
        await("both created", Duration.ofSeconds(20),
            () -> a.envelopedProfiles().size() == 2 && a.sim.pendingTasks() == 0);
        a.plugin().refreshNow();
        b.refreshNow();
        assertThat(a.describe(Map.of())).extracting(InstanceDescription::id).containsExactly(mine);
        assertThat(b.describeInstances(Map.of(), false)).extracting(InstanceDescription::id)
            .containsExactly(theirs);
        assertThatThrownBy(() -> b.destroy(mine, DestroyContext.TERMINATE))
            .hasMessageContaining("belongs to namespace \"default\"");
      }
    }
  }

  private static String create(OneView ov, ServerProfileTemplate template, String name,
      String serverName, String description) {
    String hw = ov.serverHardware().list().stream().filter(s -> s.name().equals(serverName))
        .findFirst().orElseThrow().uri();
    return ov.tasks().await(ov.serverProfiles().create(ov.serverProfileTemplates().newProfile(template)
        .withName(name).withDescription(description).withServerHardwareUri(hw)), Duration.ofSeconds(20))
        .associatedResourceUri();
  }
}
