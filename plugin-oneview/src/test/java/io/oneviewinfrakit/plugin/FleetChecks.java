package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The end-of-scenario checks of the reliability scenarios, read from the simulator's own state and request log (never
 * through the plugin): the listing equals OneView's owned profiles, every owned profile is accounted
 * for (no orphan, no duplicate, no profile on the wrong server) and nothing foreign was modified.
 */
final class FleetChecks {

  /** Profiles (and their servers) the plugin must never modify, as they were before the scenario. */
  record Foreign(Map<String, ServerProfileView> profiles, Map<String, ServerHardwareView> servers) {}

  private FleetChecks() {}

  /**
   * Seeds resources the plugin must not touch: a profile of "another OneView user" (no envelope)
   * and one of another plugin deployment (namespace "other") on two free, powered-off blades.
   */
  static Foreign seedForeign(OneViewSimulator sim) {
    List<ServerHardwareView> freeOff = sim.serverHardware().stream()
        .filter(s -> s.serverProfileUri() == null && "Off".equals(s.powerState())
            && s.name().startsWith("Encl"))
        .toList();
    String byHand = sim.faults().assignForeignProfile(freeOff.get(0).uri());
    String otherNamespace;
    try (OneView other = PluginHarness.oneViewOf(sim)) {
      ServerProfileTemplate template = other.serverProfileTemplates()
          .findByName(PluginHarness.BLADE_TEMPLATE).orElseThrow();
      otherNamespace = other.tasks().await(other.serverProfiles().create(other.serverProfileTemplates()
              .newProfile(template).withName("other-deployment-1")
              .withDescription(EnvelopeCodec.encode(new Envelope("other", "ov-bbbbbbbbbbbbbbbb", null,
                  GroupScaler.GROUP, true)))
              .withServerHardwareUri(freeOff.get(1).uri())), Duration.ofSeconds(20))
          .associatedResourceUri();
    }
    return snapshot(sim, Set.of(byHand, otherNamespace));
  }

  private static Foreign snapshot(OneViewSimulator sim, Set<String> profileUris) {
    Map<String, ServerProfileView> profiles = new HashMap<>();
    Map<String, ServerHardwareView> servers = new HashMap<>();
    for (ServerProfileView p : sim.serverProfiles()) {
      if (profileUris.contains(p.uri())) {
        profiles.put(p.uri(), p);
        sim.serverHardware().stream().filter(s -> s.uri().equals(p.serverHardwareUri()))
            .forEach(s -> servers.put(s.uri(), s));
      }
    }
    assertThat(profiles).as("seeded foreign profiles").hasSize(profileUris.size());
    return new Foreign(profiles, servers);
  }

  /** The profiles in OneView carrying an envelope of {@code namespace}. */
  static List<ServerProfileView> owned(OneViewSimulator sim, String namespace) {
    return sim.serverProfiles().stream()
        .filter(p -> EnvelopeCodec.decode(p.description()).map(e -> e.owner().equals(namespace))
            .orElse(false))
        .toList();
  }

  /**
   * The listing is exactly OneView's owned profiles, {@code target} of them, each Normal, on its own
   * server, whose serverProfileUri points back to it.
   */
  static void assertAccountedFor(OneViewSimulator sim, List<InstanceDescription> listing, int target) {
    List<ServerProfileView> owned = owned(sim, "default");
    Map<String, ServerHardwareView> servers = sim.serverHardware().stream()
        .collect(Collectors.toMap(ServerHardwareView::uri, s -> s));
    List<String> ownedIds = owned.stream()
        .map(p -> EnvelopeCodec.decode(p.description()).orElseThrow().id()).toList();
    assertThat(listing).as("listing").hasSize(target);
    assertThat(ownedIds).as("instance IDs of owned profiles (duplicates?)").doesNotHaveDuplicates();
    assertThat(ownedIds).as("owned profiles vs. the listing (orphans or phantoms)")
        .containsExactlyInAnyOrderElementsOf(listing.stream().map(d -> d.id().value()).toList());
    List<String> problems = new ArrayList<>();
    Set<String> usedServers = new java.util.HashSet<>();
    for (ServerProfileView p : owned) {
      ServerHardwareView hw = servers.get(p.serverHardwareUri());
      if (!"Normal".equals(p.state())) {
        problems.add(p.name() + " is " + p.state());
      }
      if (hw == null) {
        problems.add(p.name() + " has no server");
      } else if (!p.uri().equals(hw.serverProfileUri())) {
        problems.add(p.name() + " names server " + hw.name() + " which carries "
            + hw.serverProfileUri());
      } else if (!usedServers.add(hw.uri())) {
        problems.add("two profiles on " + hw.name());
      } else if (!"On".equals(hw.powerState())) {
        problems.add(p.name() + ": server " + hw.name() + " is " + hw.powerState());
      }
    }
    // No server points at an owned profile that is not on it.
    Set<String> ownedUris = owned.stream().map(ServerProfileView::uri).collect(Collectors.toSet());
    for (ServerHardwareView hw : servers.values()) {
      if (hw.serverProfileUri() != null && ownedUris.contains(hw.serverProfileUri())
          && owned.stream().noneMatch(p -> p.uri().equals(hw.serverProfileUri())
              && hw.uri().equals(p.serverHardwareUri()))) {
        problems.add("server " + hw.name() + " points at " + hw.serverProfileUri()
            + " which is elsewhere");
      }
    }
    assertThat(problems).as("owned profiles and their servers").isEmpty();
  }

  /**
   * The foreign profiles and their servers are as seeded, and the request log shows no write (PUT,
   * POST, PATCH, DELETE; power changes included) aimed at any of them.
   */
  static void assertForeignUntouched(OneViewSimulator sim, Foreign foreign) {
    for (ServerProfileView before : foreign.profiles().values()) {
      Optional<ServerProfileView> now = sim.serverProfiles().stream()
          .filter(p -> p.uri().equals(before.uri())).findFirst();
      assertThat(now).as("foreign profile %s still exists", before.name()).isPresent();
      assertThat(now.get().json().get("eTag")).as("eTag of foreign profile %s", before.name())
          .isEqualTo(before.json().get("eTag"));
      assertThat(now.get().description()).isEqualTo(before.description());
      assertThat(now.get().serverHardwareUri()).isEqualTo(before.serverHardwareUri());
    }
    for (ServerHardwareView before : foreign.servers().values()) {
      ServerHardwareView now = sim.serverHardware().stream()
          .filter(s -> s.uri().equals(before.uri())).findFirst().orElseThrow();
      assertThat(now.powerState()).as("power of foreign server %s", before.name())
          .isEqualTo(before.powerState());
      assertThat(now.serverProfileUri()).isEqualTo(before.serverProfileUri());
    }
    List<String> targets = new ArrayList<>(foreign.profiles().keySet());
    targets.addAll(foreign.servers().keySet());
    List<RecordedRequest> writes = sim.requests().matching(r -> !r.method().equals("GET")
        && targets.stream().anyMatch(t -> r.path().equals(t) || r.path().startsWith(t + "/")));
    assertThat(writes).as("writes aimed at foreign profiles or their servers").isEmpty();
  }

  /** A one-line account of the request log: requests per answer status (-1 = dropped). */
  static String requestSummary(OneViewSimulator sim) {
    Map<Integer, Long> byStatus = sim.requests().all().stream()
        .collect(Collectors.groupingBy(RecordedRequest::status, java.util.TreeMap::new,
            Collectors.counting()));
    return sim.requests().size() + " requests, by status " + byStatus;
  }

  static boolean settled(OneViewSimulator sim, int target) {
    return sim.pendingTasks() == 0 && owned(sim, "default").size() == target
        && owned(sim, "default").stream().allMatch(p -> Objects.equals(p.state(), "Normal"));
  }
}
