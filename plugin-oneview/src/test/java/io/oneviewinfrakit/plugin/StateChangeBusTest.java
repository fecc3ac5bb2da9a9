package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With OneView's State-Change Message Bus the plugin's inventory follows OneView from events: drift
 * shows at once without a listing, a reconnect costs one listing, and the inventory kept from events
 * equals a full listing. Against the simulator's embedded AMQP broker, through the plugin's socket.
 */
class StateChangeBusTest {

  private static final Map<String, String> GROUP = Map.of("infrakit.group", "workers");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TEMPLATES = "/rest/server-profile-templates";

  private static PluginHarness withBus(int servers) {
    OneViewSimulator sim = OneViewSimulator.builder().servers(servers).scmb(true)
        .taskDurations(Duration.ofMillis(30)).build().start();
    return PluginHarness.on(sim, b -> b.powerOffFreeServers(true)
        .stateChangeBus(true, Duration.ofMinutes(10)).stateChangeBusPort(sim.scmbPort()));
  }

  /** Full listings since {@code from}: each lists the templates once. */
  private static long listingsSince(PluginHarness h, int from) {
    return DurableIntentTest.requestsSince(h.sim, from).stream()
        .filter(r -> r.method().equals("GET") && r.path().equals(TEMPLATES)).count();
  }

  @Test
  void aProfileDeletedBySomeoneElseDisappearsFromTheEventWithoutAnyListing() {
    try (PluginHarness h = withBus(8)) {
      assertThat(h.plugin().changeFeed()).startsWith("State-Change Message Bus, full listing every");
      InstanceId id = h.provision(GROUP);
      PluginHarness.await("one Running instance", WAIT, () -> h.settled(1));
      h.plugin().refreshNow();
      int from = h.sim.requests().size();

      h.sim.faults().deleteProfileAsAnotherUser(h.envelopedProfiles().get(0).uri());

      PluginHarness.await("the instance gone from the listing", WAIT,
          () -> h.describe(Map.of()).stream().noneMatch(d -> d.id().equals(id)));
      List<RecordedRequest> since = DurableIntentTest.requestsSince(h.sim, from);
      assertThat(since.stream().filter(r -> r.method().equals("GET")
          && (r.path().equals("/rest/server-profiles") || r.path().equals(TEMPLATES)
              || r.path().equals("/rest/server-hardware"))))
          .as("listings after the delete").isEmpty();
    }
  }

  @Test
  void aProvisionsTasksEndFromBusEventsWithoutBeingPolled() {
    try (PluginHarness h = withBus(8)) {
      h.plugin().refreshNow();
      int from = h.sim.requests().size();

      h.provision(GROUP);

      PluginHarness.await("one Running instance", WAIT, () -> h.settled(1));
      assertThat(DurableIntentTest.requestsSince(h.sim, from).stream()
          .filter(r -> r.method().equals("GET") && r.path().startsWith("/rest/tasks")))
          .as("task polls for the create and the power-on").isEmpty();
    }
  }

  @Test
  void withTheBusConnectedThePeriodicListingWaitsForTheSafetyNet() {
    try (PluginHarness h = withBus(8)) {
      h.plugin().refreshNow();
      int from = h.sim.requests().size();
      long applied = h.plugin().busEventsApplied();
      // A change whose event arrives proves time passed for many 200 ms refresh ticks meanwhile.
      List<ServerHardwareView> off = DurableIntentTest.blades(h.sim).stream()
          .filter(s -> "Off".equals(s.powerState())).toList();
      for (int i = 0; i < 5; i++) {
        h.sim.powerState(off.get(0).uri(), i % 2 == 0 ? "On" : "Off");
      }
      PluginHarness.await("the plugin to apply bus events", WAIT,
          () -> h.plugin().busEventsApplied() > applied);
      assertThat(listingsSince(h, from)).as("listings while the bus is connected").isZero();
    }
  }

  @Test
  void aDroppedBusConnectionTriggersExactlyOneResyncAndEventsFlowAgain() {
    try (PluginHarness h = withBus(8)) {
      h.plugin().refreshNow();
      int from = h.sim.requests().size();

      h.sim.dropScmbConnections();

      PluginHarness.await("the bus connected again", WAIT, () -> h.plugin().busResyncs() >= 1
          && h.plugin().changeFeed().startsWith("State-Change Message Bus,"));
      PluginHarness.await("a listing after the gap", WAIT, () -> listingsSince(h, from) >= 1);
      long applied = h.plugin().busEventsApplied();
      String server = DurableIntentTest.blades(h.sim).get(0).uri();
      h.sim.powerState(server, "On".equals(DurableIntentTest.blades(h.sim).get(0).powerState())
          ? "Off" : "On");
      PluginHarness.await("events applied again", WAIT, () -> h.plugin().busEventsApplied() > applied);
      assertThat(h.plugin().busResyncs()).as("resyncs for one gap").isEqualTo(1);
    }
  }

  @Test
  void theInventoryKeptFromEventsEqualsAFullListingAfterAStormOfChangesByAnotherProcess()
      throws Exception {
    try (PluginHarness h = withBus(24)) {
      FleetChecks.Foreign foreign = FleetChecks.seedForeign(h.sim); // events of foreign profiles too
      h.plugin().refreshNow();
      List<String> free = DurableIntentTest.blades(h.sim).stream()
          .filter(s -> s.serverProfileUri() == null && "Off".equals(s.powerState()))
          .map(ServerHardwareView::uri).toList();
      List<String> created = new ArrayList<>();
      try (OneView other = PluginHarness.oneViewOf(h.sim)) { // another plugin process of the namespace
        ServerProfileTemplate t = other.serverProfileTemplates()
            .findByName(PluginHarness.BLADE_TEMPLATE).orElseThrow();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          // Not "b": FleetChecks seeds ov-bbbbbbbbbbbbbbbb in namespace "other".
          String id = "ov-" + "klmnopqrstuvwxyz".substring(i, i + 1).repeat(16);
          tasks.add(other.serverProfiles().create(other.serverProfileTemplates().newProfile(t)
              .withName("storm-" + i).withServerHardwareUri(free.get(i))
              .withDescription(EnvelopeCodec.encode(new Envelope("default", id, null, GROUP, false)))));
        }
        for (Task task : tasks) {
          created.add(other.tasks().await(task, WAIT).associatedResourceUri());
        }
        for (int i = 0; i < 4; i++) { // relabel four
          ServerProfile p = other.serverProfiles().get(created.get(i));
          Envelope e = EnvelopeCodec.decode(p.description()).orElseThrow();
          other.tasks().await(other.serverProfiles().update(p.withDescription(EnvelopeCodec.encode(
              e.withMergedTags(Map.of("storm", "relabelled"))))), WAIT);
        }
        for (int i = 4; i < 7; i++) { // delete three
          other.tasks().await(other.serverProfiles().delete(created.get(i)), WAIT);
        }
        ServerProfile marked = other.serverProfiles().get(created.get(7)); // one marked Destroying
        other.tasks().await(other.serverProfiles().update(marked.withDescription(EnvelopeCodec.encode(
            EnvelopeCodec.decode(marked.description()).orElseThrow()
                .withIntent(Envelope.Intent.DESTROYING)))), WAIT);
      }
      PluginHarness.await("the storm applied: 6 live, 4 relabelled", WAIT, () -> {
        List<InstanceDescription> now = h.describe(GROUP);
        return now.size() == 6 && now.stream().filter(d -> "relabelled".equals(d.tags().get("storm")))
            .count() == 4;
      });
      Set<String> fromEvents = summary(h.describe(Map.of()));

      h.plugin().refreshNow();

      assertThat(fromEvents).isEqualTo(summary(h.describe(Map.of())));
      assertThatThrownBy(() -> h.client().destroy(InstanceId.of("ov-bbbbbbbbbbbbbbbb"),
          DestroyContext.TERMINATE)).hasMessageContaining("namespace \"other\"");
      FleetChecks.assertForeignUntouched(h.sim, foreign);
    }
  }

  /** What a listing says of each instance: ID, tags, phase, server. */
  private static Set<String> summary(List<InstanceDescription> listing) {
    return listing.stream().map(d -> d.id().value() + " " + d.tags() + " "
        + Json.field(d.properties(), "phase") + " " + Json.field(d.properties(), "server.uri"))
        .collect(Collectors.toSet());
  }
}
