package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import io.oneviewinfrakit.simulator.TaskKind;
import io.oneviewinfrakit.simulator.TaskView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The instance's intent lives in OneView: Destroy writes {@code Destroying} into the envelope before
 * any destructive step and is retried until the profile is gone; whatever the plugin does in the
 * background obeys the envelope it re-reads. Through the plugin's socket against the simulator.
 */
class DurableIntentTest {

  private static final Map<String, String> GROUP = Map.of("infrakit.group", "workers");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void destroyWritesTheDestroyingIntentBeforePoweringOffOrDeleting() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      InstanceId id = h.provision(GROUP);
      PluginHarness.await("one Running instance", WAIT, () -> h.settled(1));
      String profileUri = h.envelopedProfiles().get(0).uri();
      String serverUri = h.envelopedProfiles().get(0).serverHardwareUri();
      h.sim.holdTasks(TaskKind.PROFILE_DELETE);
      int from = h.sim.requests().size();

      h.client().destroy(id, DestroyContext.TERMINATE);

      assertThat(h.describe(Map.of())).as("listed right after Destroy").isEmpty();
      PluginHarness.await("the delete request", WAIT,
          () -> requestsSince(h.sim, from).stream().anyMatch(r -> r.method().equals("DELETE")));
      assertThat(EnvelopeCodec.decode(profile(h.sim, profileUri).orElseThrow().description()))
          .hasValueSatisfying(e -> assertThat(e.intent()).isEqualTo(Envelope.Intent.DESTROYING));
      List<String> writes = requestsSince(h.sim, from).stream()
          .filter(r -> !r.method().equals("GET")).map(r -> r.method() + " " + r.path()).toList();
      assertThat(writes).containsSubsequence("PUT " + profileUri, "PUT " + serverUri + "/powerState",
          "DELETE " + profileUri);
      assertThat(writes.get(0)).as("the first write").isEqualTo("PUT " + profileUri);

      h.sim.releaseTasks();
      PluginHarness.await("the profile gone", WAIT, () -> h.envelopedProfiles().isEmpty());
      assertThat(h.describe(Map.of())).isEmpty();
    }
  }

  @Test
  void aDestroyOfProfilesStillBeingCreatedWaitsThemOutAfterARestartAndNeverPowersThemOn() {
    try (PluginHarness h = PluginHarness.start(16, Duration.ofMillis(50))) {
      h.holdProfileCreates();
      List<InstanceId> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(h.provision(GROUP));
      }
      PluginHarness.await("4 profiles being created", WAIT, () -> h.envelopedProfiles().size() == 4
          && h.envelopedProfiles().stream().allMatch(p -> "Creating".equals(p.state())));
      h.restart(); // the in-flight provisions are gone with the old run
      PluginHarness.await("the 4 instances listed again", WAIT, () -> h.describe(Map.of()).size() == 4);
      Set<String> before = taskUris(h.sim);

      ids.forEach(id -> h.client().destroy(id, DestroyContext.TERMINATE));
      assertThat(h.describe(Map.of())).isEmpty();
      // OneView refuses changes to a profile being created (409): the destroys wait, they do not give up.
      PluginHarness.await("the destroys to meet the busy profiles", WAIT,
          () -> h.sim.requests().all().stream().anyMatch(r -> r.status() == 409)
              || h.sim.requests().matching(r -> r.method().equals("GET")
                  && r.path().startsWith("/rest/server-profiles/")).size() > 8);
      h.sim.releaseTasks();

      PluginHarness.await("every profile deleted", WAIT,
          () -> h.envelopedProfiles().isEmpty() && h.sim.pendingTasks() == 0);
      assertThat(h.describe(Map.of())).isEmpty();
      assertThat(powerOnTasksSince(h.sim, before)).as("servers powered on after the restart").isEmpty();
    }
  }

  @Test
  void aProfileMarkedDestroyingByAnotherProcessIsNeverListedNorPoweredOnAndIsFinished() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      InstanceId id = h.provision(GROUP);
      PluginHarness.await("one Running instance", WAIT, () -> h.settled(1));
      String profileUri = h.envelopedProfiles().get(0).uri();
      Set<String> before = taskUris(h.sim);

      try (OneView other = PluginHarness.oneViewOf(h.sim)) { // another plugin process, as far as OneView knows
        ServerProfile p = other.serverProfiles().get(profileUri);
        Envelope e = EnvelopeCodec.decode(p.description()).orElseThrow();
        other.tasks().await(other.serverProfiles().update(p.withDescription(
            EnvelopeCodec.encode(e.withIntent(Envelope.Intent.DESTROYING)))), WAIT);
      }

      PluginHarness.await("the profile deleted by this plugin", WAIT,
          () -> h.envelopedProfiles().isEmpty());
      assertThat(h.describe(Map.of()).stream().map(InstanceDescription::id)).doesNotContain(id);
      assertThat(powerOnTasksSince(h.sim, before)).isEmpty();
    }
  }

  @Test
  void aDestroyThatKeepsFailingIsListedAsDestroyFailedWithTheReasonAndStartsOverOnTheNextDestroy() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      InstanceId id = h.provision(GROUP);
      PluginHarness.await("one Running instance", WAIT, () -> h.settled(1));
      h.sim.faults().failNextTasks(TaskKind.PROFILE_DELETE, Destroyer.MAX_TASK_FAILURES,
          "ServerProfileDeleteFailed");

      h.client().destroy(id, DestroyContext.TERMINATE);

      PluginHarness.await("the instance listed as DestroyFailed", WAIT,
          () -> "DestroyFailed".equals(h.phase(id).orElse(null)));
      InstanceDescription d = h.describe(Map.of()).get(0);
      assertThat(Json.field(d.properties(), "reason")).contains("ServerProfileDeleteFailed");
      assertThat(d.tags()).containsAllEntriesOf(GROUP);

      h.client().destroy(id, DestroyContext.TERMINATE);
      PluginHarness.await("the profile gone", WAIT, () -> h.envelopedProfiles().isEmpty());
      PluginHarness.await("nothing listed", WAIT, () -> h.describe(Map.of()).isEmpty());
    }
  }

  @Test
  void aFreeServerSomeonePoweredOnIsNeverChosenOrPoweredOffByDefault() {
    OneViewSimulator sim = OneViewSimulator.builder().servers(8).taskDurations(Duration.ofMillis(50))
        .build().start(); // 6 blades, bays 2 and 6 powered on without a profile
    List<ServerHardwareView> on = blades(sim).stream().filter(s -> "On".equals(s.powerState())).toList();
    int off = blades(sim).size() - on.size();
    assertThat(on).isNotEmpty();
    try (PluginHarness h = PluginHarness.on(sim, b -> {})) {
      Logger logger = (Logger) LoggerFactory.getLogger(PropertyChecks.class);
      ListAppender<ILoggingEvent> appender = new ListAppender<>();
      appender.start();
      logger.addAppender(appender);
      try {
        h.client().validate(PluginHarness.BLADE_PROPERTIES);
        h.client().validate(PluginHarness.BLADE_PROPERTIES); // said once per template and count
      } finally {
        logger.detachAppender(appender);
      }
      assertThat(appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)).singleElement().asString()
          .startsWith("Template \"Docker-Gen8-Template\": " + on.size() + " free compatible "
              + "server(s) are powered on without a profile");
      for (int i = 0; i < off; i++) {
        h.provision(GROUP);
      }
      assertThatThrownBy(() -> h.provision(GROUP)).isInstanceOf(PluginException.class)
          .hasMessageContaining(on.size() + " free but powered on, not taken without "
              + "--power-off-free-servers");
      PluginHarness.await(off + " Running instances", WAIT, () -> h.settled(off));

      for (ServerHardwareView server : on) {
        ServerHardwareView now = sim.serverHardware(server.name()).orElseThrow();
        assertThat(now.powerState()).isEqualTo("On");
        assertThat(now.serverProfileUri()).isNull();
        assertThat(sim.requests().matching(r -> !r.method().equals("GET")
            && r.path().startsWith(server.uri()))).as("writes to %s", server.name()).isEmpty();
      }
    }
  }

  @Test
  void withThePowerOffOptInAFreePoweredOnServerIsTakenAndPoweredOff() {
    OneViewSimulator sim = OneViewSimulator.builder().servers(8).taskDurations(Duration.ofMillis(50))
        .build().start();
    int blades = blades(sim).size();
    try (PluginHarness h = PluginHarness.on(sim, b -> b.powerOffFreeServers(true))) {
      for (int i = 0; i < blades; i++) {
        h.provision(GROUP);
      }
      PluginHarness.await(blades + " Running instances", WAIT, () -> h.settled(blades));
    }
  }

  @Test
  void aCreateWhoseAnswerWasLostCarriesOnWithTheProfileOneViewCreated() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      h.sim.faults().loseResponses("POST", "/rest/server-profiles", 1);

      InstanceId id = h.provision(GROUP);

      PluginHarness.await("one Running instance", WAIT, () -> h.settled(1));
      assertThat(h.sim.requests().countWithStatus(RecordedRequest.DROPPED)).isEqualTo(1);
      assertThat(h.sim.requests().count("POST", "/rest/server-profiles")).as("creates sent").isEqualTo(1);
      assertThat(h.describe(Map.of())).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(id));
    }
  }

  @Test
  void aDestroyedInstanceWhoseCreateAnswerWasLostLeavesNoSurpriseInstance() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      h.sim.faults().loseResponses("POST", "/rest/server-profiles", 1);
      h.holdProfileCreates();
      InstanceId id = h.provision(GROUP);
      PluginHarness.await("the profile being created", WAIT, () -> h.envelopedProfiles().size() == 1);

      h.client().destroy(id, DestroyContext.TERMINATE);
      h.sim.releaseTasks();

      PluginHarness.await("the profile removed", WAIT,
          () -> h.envelopedProfiles().isEmpty() && h.sim.pendingTasks() == 0);
      h.plugin().refreshNow();
      assertThat(h.describe(Map.of())).isEmpty();
    }
  }

  @Test
  void aSecondLiveInstanceWithTheSameLogicalIdIsRefusedUntilTheFirstIsDestroyed() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      InstanceSpec pet = InstanceSpec.builder().properties(PluginHarness.BLADE_PROPERTIES).tags(GROUP)
          .logicalId(LogicalId.of("10.0.0.7")).build();
      InstanceId first = h.client().provision(pet);

      assertThatThrownBy(() -> h.client().provision(pet)).isInstanceOf(PluginException.class)
          .hasMessageContaining("LogicalID \"10.0.0.7\" is already used by live instance " + first.value());
      PluginHarness.await("the pet Running", WAIT, () -> h.settled(1));
      assertThatThrownBy(() -> h.client().provision(pet)).hasMessageContaining(first.value());

      h.client().destroy(first, DestroyContext.TERMINATE);
      InstanceId second = h.client().provision(pet);
      PluginHarness.await("the new pet Running", WAIT, () -> h.settled(1));
      assertThat(h.describe(Map.of())).singleElement()
          .satisfies(d -> assertThat(d.id()).isEqualTo(second));
    }
  }

  @Test
  void aProfileOfAnEarlierVersionIsListedLabelledInTheNewFormatAndDestroyed() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      String v1 = EnvelopeCodec.PREFIX_V1 + "{\"owner\":\"default\",\"id\":\"ov-aaaaaaaaaaaaaaaa\","
          + "\"logicalId\":null,\"powerOn\":true,\"tags\":{\"infrakit.group\":\"workers\"}}";
      String profileUri;
      try (OneView old = PluginHarness.oneViewOf(h.sim)) { // what a v1 plugin wrote
        ServerProfileTemplate t = old.serverProfileTemplates()
            .findByName(PluginHarness.BLADE_TEMPLATE).orElseThrow();
        String server = blades(h.sim).stream().filter(s -> "Off".equals(s.powerState()))
            .findFirst().orElseThrow().uri();
        profileUri = old.tasks().await(old.serverProfiles().create(old.serverProfileTemplates()
            .newProfile(t).withName("infrakit-old").withDescription(v1).withServerHardwareUri(server)),
            WAIT).associatedResourceUri();
      }
      h.plugin().refreshNow();
      InstanceId id = InstanceId.of("ov-aaaaaaaaaaaaaaaa");
      assertThat(h.describe(GROUP)).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(id));

      h.client().label(id, Map.of("infrakit.config.hash", "abc"));
      PluginHarness.await("the label written", WAIT, () -> h.sim.pendingTasks() == 0);
      String description = profile(h.sim, profileUri).orElseThrow().description();
      assertThat(description).startsWith(EnvelopeCodec.PREFIX);
      assertThat(EnvelopeCodec.decode(description)).hasValueSatisfying(e -> {
        assertThat(e.tags()).containsEntry("infrakit.config.hash", "abc").containsAllEntriesOf(GROUP);
        assertThat(e.intent()).isEqualTo(Envelope.Intent.RUNNING);
      });

      h.client().destroy(id, DestroyContext.TERMINATE);
      PluginHarness.await("the profile gone", WAIT, () -> profile(h.sim, profileUri).isEmpty());
    }
  }

  @Test
  void aDestroyRacingTheCleanupOfAFailedProvisionNeverHidesTheInstanceForGood() {
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(20))) {
      for (int round = 0; round < 5; round++) {
        h.sim.faults().failNextTask(TaskKind.PROFILE_CREATE, "MacTypeDiffGlobalMacType");
        InstanceId id = h.provision(GROUP);
        // Destroys land before, during and after the failure's cleanup.
        for (int i = 0; i < 50 && (h.plugin().hiddenIds().contains(id.value())
            || h.describe(Map.of()).stream().anyMatch(d -> d.id().equals(id))); i++) {
          h.client().destroy(id, DestroyContext.TERMINATE);
        }
        PluginHarness.await("nothing of " + id.value() + " left, not even hidden", WAIT, () -> {
          h.plugin().refreshNow();
          return h.envelopedProfiles().isEmpty() && h.plugin().hiddenIds().isEmpty()
              && h.describe(Map.of()).isEmpty();
        });
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  static List<RecordedRequest> requestsSince(OneViewSimulator sim, int from) {
    List<RecordedRequest> all = sim.requests().all();
    return all.subList(Math.min(from, all.size()), all.size());
  }

  static Optional<ServerProfileView> profile(OneViewSimulator sim, String uri) {
    return sim.serverProfiles().stream().filter(p -> p.uri().equals(uri)).findFirst();
  }

  static List<ServerHardwareView> blades(OneViewSimulator sim) {
    return sim.serverHardware().stream().filter(s -> s.name().startsWith("Encl")).toList();
  }

  static Set<String> taskUris(OneViewSimulator sim) {
    return sim.tasks().stream().map(TaskView::uri).collect(Collectors.toSet());
  }

  /** The URI of the resource a task works on. */
  static String resourceUri(TaskView task) {
    Object resource = task.json().get("associatedResource");
    return resource instanceof Map<?, ?> m ? String.valueOf(m.get("resourceUri")) : null;
  }

  /** "Power on" tasks started since {@code before} was taken (the simulator keeps every task). */
  static List<TaskView> powerOnTasksSince(OneViewSimulator sim, Set<String> before) {
    return sim.tasks().stream().filter(t -> !before.contains(t.uri()) && "Power on".equals(t.name()))
        .toList();
  }
}
