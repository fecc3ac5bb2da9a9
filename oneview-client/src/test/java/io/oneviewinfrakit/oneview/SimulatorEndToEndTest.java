package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.BLADE_TEMPLATE;
import static io.oneviewinfrakit.oneview.SimulatorSupport.RACK_TEMPLATE;
import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.simulator.ManualClock;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK against the simulator over real HTTPS: provisioning lifecycle, OneView's rules as typed
 * errors, and round-trip fidelity. Tasks take simulated minutes on a {@link ManualClock}, so "in
 * flight" states are observed deterministically and no test sleeps.
 */
final class SimulatorEndToEndTest {
  private static final Duration CREATE = Duration.ofMinutes(10);
  private static final Duration DELETE = Duration.ofMinutes(3);
  private static final Duration POWER = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock();
  private OneViewSimulator sim;
  private OneView ov;

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder()
        .servers(16)
        .clock(clock)
        .taskDuration(TaskKind.PROFILE_CREATE, CREATE)
        .taskDuration(TaskKind.PROFILE_UPDATE, Duration.ZERO)
        .taskDuration(TaskKind.PROFILE_DELETE, DELETE)
        .taskDuration(TaskKind.POWER, POWER)
        .build()
        .start();
    ov = sdk(sim).build();
  }

  @AfterEach
  void stop() {
    ov.close();
    sim.close();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  @Test
  void provisionsPowersAndDeprovisionsAServerEndToEnd() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    List<ServerHardware> free = ov.serverHardware().freeCompatibleWith(template);
    assertThat(free).hasSize(12).allSatisfy(hw -> {
      assertThat(hw.serverHardwareTypeUri()).isEqualTo(template.serverHardwareTypeUri());
      assertThat(hw.serverGroupUri()).isEqualTo(template.enclosureGroupUri());
      assertThat(hw.name()).startsWith("Encl");
    });
    // A powered-on one, so the SDK has to power it off first, as a real caller would.
    ServerHardware hw = free.stream().filter(h -> h.powerState() == PowerState.ON).findFirst().orElseThrow();

    // Power off: the task is in flight until simulated time passes.
    Task off = ov.serverHardware().powerOff(hw.uri(), PowerControl.PRESS_AND_HOLD);
    assertThat(ov.tasks().get(off.uri()).state()).isEqualTo(TaskState.RUNNING);
    assertThat(ov.serverHardware().get(hw.uri()).powerState()).isEqualTo(PowerState.POWERING_OFF);
    clock.advance(POWER);
    assertThat(ov.tasks().await(off, TIMEOUT).state()).isEqualTo(TaskState.COMPLETED);
    assertThat(ov.serverHardware().get(hw.uri()).powerState()).isEqualTo(PowerState.OFF);

    // Create from the template's new-profile document.
    ServerProfile draft = ov.serverProfileTemplates().newProfile(template)
        .withName("e2e-web-1")
        .withServerHardwareUri(hw.uri());
    Task create = ov.serverProfiles().create(draft);
    assertThat(create.uri()).startsWith("/rest/tasks/");

    // In flight: awaiting with a short timeout stops waiting and says so; the hardware is being applied.
    // (The last state the wait saw: on a busy machine 50 ms may pass before its first poll.)
    Task running = thrown(TaskTimeoutException.class, () -> ov.tasks().await(create, Duration.ofMillis(50))).task();
    assertThat(running.state()).isIn(TaskState.NEW, TaskState.RUNNING);
    assertThat(ov.tasks().get(create.uri()).state()).isEqualTo(TaskState.RUNNING);
    assertThat(ov.serverHardware().get(hw.uri()).state()).isEqualTo(ServerHardwareState.APPLYING_PROFILE);
    assertThatThrownBy(() -> ov.serverHardware().powerOn(hw.uri()))
        .isInstanceOf(OneViewException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("POWER_LOCKED"));

    clock.advance(CREATE);
    Task created = ov.tasks().await(create, TIMEOUT);
    assertThat(created.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(created.percentComplete()).isEqualTo(100);
    String profileUri = created.associatedResourceUri();
    assertThat(profileUri).startsWith("/rest/server-profiles/");

    ServerHardware applied = ov.serverHardware().get(hw.uri());
    assertThat(applied.state()).isEqualTo(ServerHardwareState.PROFILE_APPLIED);
    assertThat(applied.serverProfileUri()).isEqualTo(profileUri);
    assertThat(applied.isFree()).isFalse();
    assertThat(ov.serverHardware().freeCompatibleWith(template)).hasSize(11)
        .noneMatch(h -> h.uri().equals(hw.uri()));
    ServerProfile profile = ov.serverProfiles().get(profileUri);
    assertThat(profile.name()).isEqualTo("e2e-web-1");
    assertThat(profile.serverHardwareUri()).isEqualTo(hw.uri());
    assertThat(profile.serverProfileTemplateUri()).isEqualTo(template.uri());
    assertThat(profile.state()).isEqualTo("Normal");
    assertThat(ov.serverProfiles().list()).extracting(ServerProfile::uri).containsExactly(profileUri);

    // Power on, then a profile cannot be removed from a running server.
    Task on = ov.serverHardware().powerOn(hw.uri());
    clock.advance(POWER);
    ov.tasks().await(on, TIMEOUT);
    assertThat(ov.serverHardware().get(hw.uri()).powerState()).isEqualTo(PowerState.ON);
    assertThatThrownBy(() -> ov.serverProfiles().delete(profileUri))
        .isInstanceOf(OneViewException.class)
        .satisfies(e -> {
          assertThat(((OneViewException) e).httpStatus()).isEqualTo(409);
          assertThat(errorCode(e)).isEqualTo("SERVER_HARDWARE_POWERED_ON");
        });

    // Power off and delete.
    Task offAgain = ov.serverHardware().powerOff(hw.uri(), PowerControl.MOMENTARY_PRESS);
    clock.advance(POWER);
    ov.tasks().await(offAgain, TIMEOUT);
    Task delete = ov.serverProfiles().delete(profileUri);
    assertThat(ov.serverHardware().get(hw.uri()).state()).isEqualTo(ServerHardwareState.REMOVING_PROFILE);
    clock.advance(DELETE);
    assertThat(ov.tasks().await(delete, TIMEOUT).state()).isEqualTo(TaskState.COMPLETED);

    assertThatThrownBy(() -> ov.serverProfiles().get(profileUri)).isInstanceOf(ResourceNotFoundException.class);
    ServerHardware freed = ov.serverHardware().get(hw.uri());
    assertThat(freed.isFree()).isTrue();
    assertThat(freed.serverProfileUri()).isNull();
    assertThat(freed.state()).isEqualTo(ServerHardwareState.NO_PROFILE_APPLIED);
    assertThat(ov.serverHardware().freeCompatibleWith(template)).hasSize(12);
    assertThat(sim.serverProfiles()).isEmpty();
    assertThat(sim.pendingTasks()).isZero();
  }

  @Test
  void awaitKeepsWaitingWhileTheTaskIsHeldAndReturnsOnceReleased() throws Exception {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    String hwUri = offServer(template).uri();
    sim.holdTasks(TaskKind.PROFILE_CREATE);
    // Signals once the waiting thread has seen the task running at least twice.
    CountDownLatch polledWhileHeld = new CountDownLatch(2);
    SimulatorSupport.Wire wire = new SimulatorSupport.Wire(exchange -> {
      if (exchange.path().startsWith("/rest/tasks/") && exchange.responseBody().contains("\"taskState\":\"Running\"")) {
        polledWhileHeld.countDown();
      }
    });
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try (OneView watched = sdk(sim).client(wire.client()).build()) {
      Task create = watched.serverProfiles().create(watched.serverProfileTemplates().newProfile(template)
          .withName("held").withServerHardwareUri(hwUri));
      clock.advance(CREATE.multipliedBy(2)); // due by the clock, but held
      Future<Task> awaited = waiter.submit(() -> watched.tasks().await(create, TIMEOUT));

      assertThat(polledWhileHeld.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(awaited).isNotDone();
      assertThat(sim.serverHardware().stream().filter(h -> h.uri().equals(hwUri)).findFirst().orElseThrow().state())
          .isEqualTo("ApplyingProfile");

      sim.releaseTasks();
      Task done = awaited.get(10, TimeUnit.SECONDS);
      assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
      assertThat(watched.serverHardware().get(hwUri).state()).isEqualTo(ServerHardwareState.PROFILE_APPLIED);
    } finally {
      waiter.shutdownNow();
    }
  }

  @Test
  void rackTemplateMatchesOnlyRackServersAndProvisionsOne() {
    ServerProfileTemplate rack = ov.serverProfileTemplates().findByName(RACK_TEMPLATE).orElseThrow();
    assertThat(rack.enclosureGroupUri()).isNull();
    List<ServerHardware> racks = ov.serverHardware().freeCompatibleWith(rack);
    assertThat(racks).hasSize(4).allSatisfy(hw -> {
      assertThat(hw.name()).startsWith("DL360-");
      assertThat(hw.serverGroupUri()).isNull();
      assertThat(hw.serverHardwareTypeUri()).isEqualTo(rack.serverHardwareTypeUri());
    });
    assertThat(ov.serverHardware().compatibleWith(rack)).hasSize(4);

    ServerHardware hw = racks.stream().filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
    Task create = ov.serverProfiles().create(
        ov.serverProfileTemplates().newProfile(rack).withName("rack-1").withServerHardwareUri(hw.uri()));
    clock.advance(CREATE);
    String profileUri = ov.tasks().await(create, TIMEOUT).associatedResourceUri();

    assertThat(sim.serverHardware(hw.name()).orElseThrow())
        .returns("ProfileApplied", ServerHardwareView::state)
        .returns(profileUri, ServerHardwareView::serverProfileUri);
    assertThat(ov.serverHardware().freeCompatibleWith(rack)).hasSize(3);
  }

  @Test
  void freeHardwareExcludesMaintenanceAndServersTakenByAnotherUser() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    List<ServerHardware> free = ov.serverHardware().freeCompatibleWith(template);
    String inMaintenance = free.get(0).uri();
    String taken = free.get(2).uri();
    sim.maintenanceMode(inMaintenance, true);
    sim.faults().assignForeignProfile(taken);

    List<ServerHardware> now = ov.serverHardware().freeCompatibleWith(template);

    assertThat(now).hasSize(10).extracting(ServerHardware::uri).doesNotContain(inMaintenance, taken);
    assertThat(ov.serverHardware().get(inMaintenance).maintenanceMode()).isTrue();
    assertThat(ov.serverHardware().get(taken).serverProfileUri()).isNotNull();
  }

  // ---- OneView's rules as typed errors ------------------------------------------------------

  @Test
  void creatingOnAPoweredOnServerFailsWithTheAppliancesErrorCode() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    ServerHardware on = ov.serverHardware().freeCompatibleWith(template).stream()
        .filter(h -> h.powerState() == PowerState.ON).findFirst().orElseThrow();

    OneViewException e = thrown(OneViewException.class, () -> ov.serverProfiles().create(
            ov.serverProfileTemplates().newProfile(template).withName("p").withServerHardwareUri(on.uri())));

    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e.error().errorCode()).isEqualTo("SERVER_HARDWARE_POWERED_ON");
    assertThat(e.getMessage()).contains("SERVER_HARDWARE_POWERED_ON").contains("POST /rest/server-profiles");
    assertThat(sim.serverProfiles()).isEmpty();
    assertThat(ov.serverHardware().get(on.uri()).isFree()).isTrue();
  }

  @Test
  void mismatchedHardwareTypeAndDuplicateNamesAreRejected() {
    ServerProfileTemplate blade = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    ServerProfileTemplate rack = ov.serverProfileTemplates().findByName(RACK_TEMPLATE).orElseThrow();
    ServerHardware rackServer = offServer(rack);

    OneViewException mismatch = thrown(OneViewException.class, () -> ov.serverProfiles().create(
            ov.serverProfileTemplates().newProfile(blade).withName("x").withServerHardwareUri(rackServer.uri())));
    assertThat(mismatch.httpStatus()).isEqualTo(400);
    assertThat(mismatch.error().errorCode()).isEqualTo("SERVER_HARDWARE_TYPE_MISMATCH");

    createAndAwait(blade, "dup");
    OneViewException duplicate = thrown(OneViewException.class, () -> ov.serverProfiles().create(
            ov.serverProfileTemplates().newProfile(blade).withName("dup")
                .withServerHardwareUri(offServer(blade).uri())));
    assertThat(duplicate.httpStatus()).isEqualTo(409);
    assertThat(duplicate.error().errorCode()).isEqualTo("DUPLICATE_NAME");
  }

  @Test
  void aTaskForcedToErrorSurfacesAsTaskFailedExceptionWithItsErrorCode() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    ServerHardware hw = offServer(template);
    sim.faults().failNextTask(TaskKind.PROFILE_CREATE, "SIMULATED_APPLY_FAILURE");

    Task create = ov.serverProfiles().create(
        ov.serverProfileTemplates().newProfile(template).withName("doomed").withServerHardwareUri(hw.uri()));
    clock.advance(CREATE);
    TaskFailedException e = thrown(TaskFailedException.class, () -> ov.tasks().await(create, TIMEOUT));

    assertThat(e.task().state()).isEqualTo(TaskState.ERROR);
    assertThat(e.task().uri()).isEqualTo(create.uri());
    assertThat(e.errors()).extracting(OneViewError::errorCode).containsExactly("SIMULATED_APPLY_FAILURE");
    assertThat(e.error().errorCode()).isEqualTo("SIMULATED_APPLY_FAILURE");
    assertThat(e.getMessage()).contains("SIMULATED_APPLY_FAILURE").contains(create.uri());
    // A failed create leaves nothing behind.
    assertThat(ov.serverProfiles().list()).isEmpty();
    assertThat(ov.serverHardware().get(hw.uri()).isFree()).isTrue();
  }

  @Test
  void anotherUserTakingTheServerFailsTheCreateTaskWithProfileAlreadyExistsInServer() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    ServerHardware hw = offServer(template);
    sim.faults().assignForeignProfileBeforeNextCreate();

    Task create = ov.serverProfiles().create(
        ov.serverProfileTemplates().newProfile(template).withName("mine").withServerHardwareUri(hw.uri()));
    clock.advance(CREATE);
    TaskFailedException e = thrown(TaskFailedException.class, () -> ov.tasks().await(create, TIMEOUT));

    assertThat(e.errors()).extracting(OneViewError::errorCode).containsExactly("ProfileAlreadyExistsInServer");
    ServerHardware after = ov.serverHardware().get(hw.uri());
    assertThat(after.isFree()).isFalse();
    assertThat(ov.serverProfiles().list()).extracting(ServerProfile::name).doesNotContain("mine");
  }

  @Test
  void updatingWithAStaleETagThrowsStaleETagExceptionAndChangesNothing() {
    String uri = createAndAwait(ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow(), "etag");
    ServerProfile read = ov.serverProfiles().get(uri);

    ov.tasks().await(ov.serverProfiles().update(read.withDescription("first writer")), TIMEOUT);
    StaleETagException e = thrown(StaleETagException.class, () -> ov.serverProfiles().update(read.withDescription("second writer")));

    assertThat(e.httpStatus()).isEqualTo(412);
    assertThat(e.error().errorCode()).isEqualTo("ETAG_MISMATCH");
    assertThat(ov.serverProfiles().get(uri).description()).isEqualTo("first writer");
    assertThat(ov.serverProfiles().get(uri).eTag()).isNotEqualTo(read.eTag());
  }

  @Test
  void missingResourcesThrowResourceNotFoundException() {
    assertThatThrownBy(() -> ov.serverProfiles().get("/rest/server-profiles/no-such-profile"))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((OneViewException) e).httpStatus()).isEqualTo(404));
    assertThatThrownBy(() -> ov.serverHardware().get("/rest/server-hardware/no-such-server"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> ov.tasks().get("/rest/tasks/NO-SUCH-TASK"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> ov.serverProfiles().delete("/rest/server-profiles/no-such-profile"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(ov.serverProfileTemplates().findByName("No-Such-Template")).isEmpty();
  }

  @Test
  void wrongPasswordThrowsAuthenticationExceptionWithoutRevealingThePassword() {
    String wrong = "Wr0ng-Secret-" + sim.password().substring(0, 4);
    try (OneView bad = OneView.builder().url(sim.url()).credentials(sim.username(), wrong.toCharArray())
        .trust(sim.certificatePem()).build()) {
      AuthenticationException e = thrown(AuthenticationException.class, () -> bad.serverHardware().list());

      assertThat(e.httpStatus()).isEqualTo(401);
      assertThat(e.error().errorCode()).isEqualTo("AUTHN_AUTH_FAIL");
      assertThat(e.getMessage()).contains(sim.username()).doesNotContain(wrong).doesNotContain(sim.password());
      assertThat(String.valueOf(e.error())).doesNotContain(wrong);
    }
    assertThat(sim.sessionCount()).isZero();
    assertThat(sim.requests().countStartingWith("GET", "/rest/server-hardware")).isZero();
  }

  @Test
  void pinningAnApiVersionTheApplianceDoesNotSupportFailsClearlyBeforeLoggingIn() {
    try (OneViewSimulator old = OneViewSimulator.builder().servers(1).currentApiVersion(1200).build().start();
        OneView tooNew = sdk(old).apiVersion(2400).build();
        OneView tooOld = sdk(old).apiVersion(119).build()) {
      assertThatThrownBy(() -> tooNew.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageContaining("API version 2400 is not supported")
          .hasMessageContaining("120 to 1200"); // minimumVersion 120, as a real appliance reports
      assertThatThrownBy(tooOld::apiVersion)
          .isInstanceOf(OneViewException.class)
          .hasMessageContaining("API version 119 is not supported");

      assertThat(old.requests().count("POST", "/rest/login-sessions")).isZero();
      assertThat(old.sessionCount()).isZero();
    }
  }

  // ---- fidelity ------------------------------------------------------------------------------

  @Test
  void updatingOnlyTheDescriptionKeepsEveryOtherFieldOfTheProfile() {
    String uri = createAndAwait(ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow(), "fidelity");
    ServerProfile before = ov.serverProfiles().get(uri);
    // Fields the SDK does not model must survive too, nested and numeric ones included.
    assertThat(before.json()).containsKeys("connectionSettings", "bios", "sanStorage", "localStorage", "enclosureBay");
    Map<String, Object> storedBefore = sim.serverProfiles().get(0).json();

    ov.tasks().await(ov.serverProfiles().update(before.withDescription("changed by the e2e test")), TIMEOUT);
    ServerProfile after = ov.serverProfiles().get(uri);

    assertThat(after.description()).isEqualTo("changed by the e2e test");
    assertThat(after.eTag()).isNotEqualTo(before.eTag());
    assertThat(comparable(after.json())).isEqualTo(comparable(before.json()));
    ServerProfileView stored = sim.serverProfiles().get(0);
    assertThat(stored.description()).isEqualTo("changed by the e2e test");
    assertThat(comparable(stored.json())).isEqualTo(comparable(storedBefore));
  }

  @Test
  void aCreatedProfileKeepsTheNewProfileDocumentsSections() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    ServerProfile draft = ov.serverProfileTemplates().newProfile(template).withName("sections")
        .withServerHardwareUri(offServer(template).uri());
    Task create = ov.serverProfiles().create(draft);
    clock.advance(CREATE);
    ServerProfile created = ov.serverProfiles().get(ov.tasks().await(create, TIMEOUT).associatedResourceUri());

    assertThat(created.json()).containsKeys(draft.json().keySet().toArray(String[]::new));
    for (String section : List.of("boot", "bios", "firmware", "macType", "serverProfileTemplateUri")) {
      assertThat(created.json().get(section)).as(section).isEqualTo(draft.json().get(section));
    }
    assertThat(created.connections()).hasSameSizeAs(draft.connections());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A free, compatible, powered-off server. */
  private ServerHardware offServer(ServerProfileTemplate template) {
    return ov.serverHardware().freeCompatibleWith(template).stream()
        .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
  }

  private String createAndAwait(ServerProfileTemplate template, String name) {
    Task create = ov.serverProfiles().create(ov.serverProfileTemplates().newProfile(template)
        .withName(name).withServerHardwareUri(offServer(template).uri()));
    clock.advance(CREATE);
    return ov.tasks().await(create, TIMEOUT).associatedResourceUri();
  }

  private static Map<String, Object> comparable(Map<String, Object> json) {
    Map<String, Object> copy = new LinkedHashMap<>(json);
    // What an update legitimately changes: the edited field, the appliance's version stamps and
    // the task that last changed the profile.
    for (String key : List.of("description", "eTag", "modified", "taskUri")) copy.remove(key);
    return copy;
  }

  private static String errorCode(Throwable e) {
    OneViewError error = ((OneViewException) e).error();
    return error == null ? null : error.errorCode();
  }
}
