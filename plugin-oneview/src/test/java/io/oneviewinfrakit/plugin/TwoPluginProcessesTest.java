package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import io.oneviewinfrakit.simulator.TaskKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin as InfraKit runs it on several manager nodes: real plugin processes ({@link Main} in
 * child JVMs) of one namespace on one simulator, killed with SIGKILL at awkward moments. Whatever
 * happens, OneView ends with exactly the instances asked for: no orphan, no duplicate, no power
 * change nobody asked for, nothing foreign touched.
 */
class TwoPluginProcessesTest {

  private static final Map<String, String> GROUP = GroupScaler.GROUP;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> FLAGS = List.of("--refresh-interval", "200ms",
      "--failure-cooldown", "1s", "--power-on-grace", "1s");

  private final List<AutoCloseable> closing = new ArrayList<>();
  private OneViewSimulator sim;

  @AfterEach
  void tearDown() throws Exception {
    Collections.reverse(closing);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private OneViewSimulator simulator(int servers, Duration tasks) {
    sim = OneViewSimulator.builder().servers(servers).seed(5).taskDurations(tasks).build().start();
    closing.add(sim);
    return sim;
  }

  private PluginProcess plugin(String name) {
    Path dir = PrivateDirectory.create("ovt");
    closing.add(() -> PrivateDirectory.delete(dir));
    PluginProcess p = new PluginProcess(sim, dir, name, FLAGS);
    closing.add(p);
    return p.start();
  }

  @Test
  void killedWhileProfilesAreBeingCreatedThenDestroyedOnceEachLeavesNothingAndPowersNothingOn() {
    simulator(16, Duration.ofMillis(100));
    PluginProcess a = plugin("instance-oneview");
    sim.holdTasks(TaskKind.PROFILE_CREATE);
    List<InstanceId> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(provision(a.client()));
    }
    PluginHarness.await("8 profiles Creating", WAIT, () -> owned().size() == 8
        && owned().stream().allMatch(p -> "Creating".equals(p.state())));

    a.kill();
    a.start();
    PluginHarness.await("the 8 instances listed again", WAIT,
        () -> a.client().describeInstances(GROUP, false).size() == 8);
    Set<String> before = DurableIntentTest.taskUris(sim);
    ids.forEach(id -> a.client().destroy(id, DestroyContext.TERMINATE));
    assertThat(a.client().describeInstances(GROUP, false)).isEmpty();
    sim.releaseTasks();

    PluginHarness.await("every profile deleted", WAIT,
        () -> owned().isEmpty() && sim.pendingTasks() == 0);
    assertThat(DurableIntentTest.powerOnTasksSince(sim, before)).as("power-ons after the kill").isEmpty();
    assertThat(a.client().describeInstances(GROUP, false)).isEmpty();
  }

  @Test
  void anIdleSecondProcessNeverUndoesTheFirstOnesDestroys() {
    simulator(16, Duration.ofMillis(150));
    PluginProcess a = plugin("instance-oneview-a");
    PluginProcess b = plugin("instance-oneview-b");
    List<InstanceId> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(provision(a.client()));
    }
    PluginHarness.await("8 Running instances", WAIT, () -> running(8)
        && b.client().describeInstances(GROUP, false).size() == 8);
    Set<String> before = DurableIntentTest.taskUris(sim);
    sim.holdTasks(TaskKind.PROFILE_DELETE);

    ids.forEach(id -> a.client().destroy(id, DestroyContext.TERMINATE));

    // B sees the profiles marked Destroying (the deletes are held), so it lists none of them.
    PluginHarness.await("B to list none of them", WAIT,
        () -> b.client().describeInstances(GROUP, false).isEmpty()
            && owned().stream().allMatch(p -> EnvelopeCodec.decode(p.description()).orElseThrow()
                .destroying()));
    sim.releaseTasks();
    PluginHarness.await("every profile deleted", WAIT,
        () -> owned().isEmpty() && sim.pendingTasks() == 0);
    assertThat(DurableIntentTest.powerOnTasksSince(sim, before)).as("servers powered on again").isEmpty();
    for (InstanceId id : ids) {
      assertThat(b.log()).as("B's log about %s", id.value())
          .doesNotContain("Instance " + id.value() + ": its profile was deleted in OneView by someone else");
    }
  }

  @Test
  void twoProcessesProvisioningEightEachOnSixteenFreeServersCreateSixteen() throws Exception {
    simulator(32, Duration.ofMillis(100));
    List<ServerHardwareView> blades = DurableIntentTest.blades(sim);
    for (int i = 0; i < blades.size(); i++) { // exactly 16 free, powered-off blades
      sim.powerState(blades.get(i).uri(), i < 16 ? "Off" : "On");
    }
    PluginProcess a = plugin("instance-oneview-a");
    PluginProcess b = plugin("instance-oneview-b");
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<InstanceId>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(callers.submit(() -> provision(a.client())));
        calls.add(callers.submit(() -> provision(b.client())));
      }
      Set<String> ids = new java.util.HashSet<>();
      for (Future<InstanceId> call : calls) {
        ids.add(call.get().value());
      }
      PluginHarness.await("16 Running instances", WAIT, () -> running(16));
      assertThat(owned().stream().map(p -> EnvelopeCodec.decode(p.description()).orElseThrow().id()))
          .containsExactlyInAnyOrderElementsOf(ids);
      PluginHarness.await("both processes listing all 16", WAIT,
          () -> a.client().describeInstances(GROUP, false).size() == 16
              && b.client().describeInstances(GROUP, false).size() == 16);
      FleetChecks.assertAccountedFor(sim, a.client().describeInstances(GROUP, true), 16);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void interleavedProvisionsDestroysAndAKillOnTwoProcessesLeaveExactlyWhatWasAskedFor()
      throws Exception {
    simulator(32, Duration.ofMillis(150)); // 24 blades; a quarter of all servers on without a profile
    FleetChecks.Foreign foreign = FleetChecks.seedForeign(sim);
    Map<String, String> poweredOnFree = sim.serverHardware().stream()
        .filter(s -> s.serverProfileUri() == null && "On".equals(s.powerState()))
        .collect(Collectors.toMap(ServerHardwareView::uri, ServerHardwareView::powerState));
    assertThat(poweredOnFree).isNotEmpty();
    PluginProcess a = plugin("instance-oneview-a");
    PluginProcess b = plugin("instance-oneview-b");

    List<InstanceId> fromA = new ArrayList<>();
    List<InstanceId> fromB = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      fromA.add(provision(a.client()));
      fromB.add(provision(b.client()));
    }
    PluginHarness.await("12 Running instances", WAIT, () -> running(12));

    // Each destroys three of the other's instances while A provisions two more; A is killed right
    // after the first of its destroys reached OneView, and restarted on its stale socket.
    int from = sim.requests().size();
    for (int i = 0; i < 3; i++) {
      a.client().destroy(fromB.get(i), DestroyContext.TERMINATE);
      b.client().destroy(fromA.get(i), DestroyContext.TERMINATE);
    }
    fromA.add(provision(a.client()));
    fromA.add(provision(a.client()));
    PluginHarness.await("a destroy reaching OneView and A's new profiles being created", WAIT,
        () -> DurableIntentTest.requestsSince(sim, from).stream()
            .anyMatch(r -> r.method().equals("PUT") && r.path().startsWith("/rest/server-profiles/"))
            && ownedIds().containsAll(List.of(fromA.get(6).value(), fromA.get(7).value())));
    a.kill();
    a.start();

    Set<String> wanted = new java.util.HashSet<>();
    fromA.subList(3, fromA.size()).forEach(id -> wanted.add(id.value()));
    fromB.subList(3, fromB.size()).forEach(id -> wanted.add(id.value()));
    // What A's kill interrupted is finished by whichever process gets there: the destroys (their
    // intent is in OneView, or the group destroys again what is still listed) and the two
    // provisions (their profiles exist; the reconcile powers their servers on).
    PluginHarness.await("the survivors Running and the destroyed gone", WAIT, () -> {
      Set<String> listed = b.client().describeInstances(GROUP, false).stream()
          .map(d -> d.id().value()).collect(Collectors.toSet());
      for (String id : fromIds(fromA, fromB)) {
        if (!wanted.contains(id) && listed.contains(id)) {
          a.client().destroy(InstanceId.of(id), DestroyContext.TERMINATE); // the group destroys again
        }
      }
      return ownedIds().equals(wanted) && running(wanted.size());
    });
    PluginHarness.await("both processes listing exactly those", WAIT,
        () -> a.client().describeInstances(GROUP, false).size() == wanted.size()
            && b.client().describeInstances(GROUP, false).size() == wanted.size());
    List<InstanceDescription> listing = a.client().describeInstances(GROUP, true);
    FleetChecks.assertAccountedFor(sim, listing, wanted.size());
    FleetChecks.assertForeignUntouched(sim, foreign);
    for (Map.Entry<String, String> free : poweredOnFree.entrySet()) {
      ServerHardwareView now = sim.serverHardware().stream()
          .filter(s -> s.uri().equals(free.getKey())).findFirst().orElseThrow();
      assertThat(now.powerState()).as("power of free server %s", now.name()).isEqualTo("On");
      assertThat(now.serverProfileUri()).isNull();
      assertThat(sim.requests().matching(r -> !r.method().equals("GET")
          && r.path().startsWith(free.getKey()))).as("writes to free server %s", now.name()).isEmpty();
    }
    // Every power-on belongs to one profile's provision: none twice, none after a destroy began.
    Map<String, Long> powerOnsPerServer = sim.tasks().stream().filter(t -> "Power on".equals(t.name()))
        .collect(Collectors.groupingBy(DurableIntentTest::resourceUri, Collectors.counting()));
    long profilesCreated = sim.tasks().stream().filter(t -> "Create".equals(t.name())
        && "Completed".equals(t.taskState())).count();
    assertThat(powerOnsPerServer.values().stream().mapToLong(Long::longValue).sum())
        .as("power-ons vs profiles created").isLessThanOrEqualTo(profilesCreated);
    for (ServerHardwareView s : sim.serverHardware()) {
      boolean carriesLive = ownedIds().stream().anyMatch(id -> owned().stream().anyMatch(p ->
          p.uri().equals(s.serverProfileUri())));
      if ("On".equals(s.powerState()) && !carriesLive && !poweredOnFree.containsKey(s.uri())
          && !foreign.servers().containsKey(s.uri())) {
        throw new AssertionError("server " + s.name() + " is on without a live instance");
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static InstanceId provision(InstancePluginClient client) {
    return client.provision(InstanceSpec.builder().properties(PluginHarness.BLADE_PROPERTIES)
        .tags(GROUP).build());
  }

  /** {@code n} owned profiles, settled, each server powered on (its provision finished). */
  private boolean running(int n) {
    Map<String, String> power = sim.serverHardware().stream()
        .collect(Collectors.toMap(ServerHardwareView::uri, s -> String.valueOf(s.powerState())));
    return FleetChecks.settled(sim, n)
        && owned().stream().allMatch(p -> "On".equals(power.get(p.serverHardwareUri())));
  }

  private List<ServerProfileView> owned() {
    return FleetChecks.owned(sim, "default");
  }

  private Set<String> ownedIds() {
    return owned().stream().map(p -> EnvelopeCodec.decode(p.description()).orElseThrow().id())
        .collect(Collectors.toSet());
  }

  private static List<String> fromIds(List<InstanceId> a, List<InstanceId> b) {
    List<String> all = new ArrayList<>();
    a.forEach(id -> all.add(id.value()));
    b.forEach(id -> all.add(id.value()));
    return all;
  }
}
