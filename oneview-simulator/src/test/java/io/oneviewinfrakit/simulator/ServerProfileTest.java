package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerProfileTest extends SimulatorFixture {
  @Test
  void createReturns202WithTaskLocationAndTaskBody() {
    start();
    Map<String, Object> hw = ov.hardware("Encl1, bay 1");
    TestClient.Resp r = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", (String) hw.get("uri")));

    assertThat(r.code()).isEqualTo(202);
    assertThat(r.location()).startsWith("/rest/tasks/");
    assertThat(r.string("uri")).isEqualTo(r.location());
    assertThat(r.string("name")).isEqualTo("Create");
    assertThat(r.string("taskState")).isEqualTo("New");
  }

  @Test
  void zeroDurationCreateCompletesOnNextRequestAndAppliesProfileToHardware() {
    start();
    String hwUri = (String) ov.hardware("Encl1, bay 1").get("uri");
    TestClient.Resp created = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", hwUri));
    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().state()).isEqualTo("ApplyingProfile");

    TestClient.Resp task = ov.task(created.location());

    assertThat(task.string("taskState")).isEqualTo("Completed");
    assertThat(((Number) task.map().get("percentComplete")).intValue()).isEqualTo(100);
    String profileUri = (String) task.object("associatedResource").get("resourceUri");
    TestClient.Resp profile = ov.get(profileUri);
    assertThat(profile.string("state")).isEqualTo("Normal");
    assertThat(profile.string("serverHardwareUri")).isEqualTo(hwUri);
    Map<String, Object> hw = ov.get(hwUri).map();
    assertThat(hw.get("state")).isEqualTo("ProfileApplied");
    assertThat(hw.get("serverProfileUri")).isEqualTo(profileUri);
  }

  @Test
  void profileIsListedAsCreatingWhileItsTaskRuns() {
    start(OneViewSimulator.builder().servers(8).taskDuration(TaskKind.PROFILE_CREATE, Duration.ofMinutes(10)));
    String hwUri = (String) ov.hardware("Encl1, bay 1").get("uri");
    TestClient.Resp created = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", hwUri));

    clock.advance(Duration.ofMinutes(5));
    TestClient.Resp running = ov.task(created.location());
    TestClient.Resp listed = ov.get("/rest/server-profiles?filter=" + TestClient.enc("name='web-1'"));

    assertThat(running.string("taskState")).isEqualTo("Running");
    assertThat(((Number) running.map().get("percentComplete")).intValue()).isEqualTo(50);
    assertThat(listed.members()).singleElement().satisfies(p -> {
      assertThat(p.get("state")).isEqualTo("Creating");
      assertThat(p.get("inProgress")).isEqualTo(true);
    });

    assertThat(sim.pendingTasks()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5));
    assertThat(sim.pendingTasks()).as("due tasks settle").isZero();
    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().state()).isEqualTo("ProfileApplied");
    assertThat(ov.task(created.location()).string("taskState")).isEqualTo("Completed");
    assertThat(sim.serverProfiles()).singleElement().extracting(ServerProfileView::state).isEqualTo("Normal");
  }

  @Test
  void createdProfileAppearsInListingsOnlyAfterTheListingLag() {
    start(OneViewSimulator.builder().servers(8).profileListingLag(Duration.ofSeconds(3))
        .taskDuration(TaskKind.PROFILE_CREATE, Duration.ofMinutes(1)));
    ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1",
        (String) ov.hardware("Encl1, bay 1").get("uri")));

    assertThat(ov.get("/rest/server-profiles").members()).isEmpty();
    clock.advance(Duration.ofSeconds(3));
    assertThat(ov.get("/rest/server-profiles").members()).extracting(p -> p.get("state"))
        .containsExactly("Creating");
  }

  @Test
  void heldTasksStayRunningUntilReleased() {
    start();
    sim.holdTasks(TaskKind.PROFILE_CREATE);
    TestClient.Resp created = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template",
        "web-1", (String) ov.hardware("Encl1, bay 1").get("uri")));
    clock.advance(Duration.ofHours(1));

    assertThat(ov.task(created.location()).string("taskState")).isEqualTo("Running");
    assertThat(sim.pendingTasks()).isEqualTo(1);
    sim.releaseTasks();
    assertThat(ov.task(created.location()).string("taskState")).isEqualTo("Completed");
  }

  @Test
  void descriptionIsStoredVerbatim() {
    start();
    String envelope = "{\"infrakit\":{\"group\":\"workers\",\"tags\":{\"a\":\"b\"}}}\n\ttrailing  ";
    Map<String, Object> body = ov.newProfile("Docker-Gen8-Template", "web-1",
        (String) ov.hardware("Encl1, bay 1").get("uri"));
    body.put("description", envelope);
    TestClient.Resp created = ov.post("/rest/server-profiles", body);
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");

    assertThat(ov.get(uri).string("description")).isEqualTo(envelope);
    assertThat(sim.serverProfiles().get(0).description()).isEqualTo(envelope);
  }

  @Test
  void absoluteTaskLocationIsAFullUrl() {
    start(OneViewSimulator.builder().servers(4).absoluteTaskLocation(true));
    TestClient.Resp created = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template",
        "web-1", (String) ov.hardware("Encl1, bay 1").get("uri")));

    assertThat(created.location()).startsWith(sim.url() + "/rest/tasks/");
  }

  @Test
  void assigningToPoweredOnHardwareIsRefusedWith409() {
    start();
    Map<String, Object> on = ov.hardware("Encl1, bay 2");
    assertThat(on.get("powerState")).isEqualTo("On");

    TestClient.Resp r = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", (String) on.get("uri")));

    assertThat(r.code()).isEqualTo(409);
    assertThat(r.string("errorCode")).isEqualTo("SERVER_HARDWARE_POWERED_ON");
    assertThat(sim.serverProfiles()).isEmpty();
  }

  @Test
  void secondProfileOnSameHardwareEndsInProfileAlreadyExistsInServer() {
    start();
    String hwUri = (String) ov.hardware("Encl1, bay 1").get("uri");
    ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1", hwUri));
    TestClient.Resp second = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-2", hwUri));

    assertThat(second.code()).isEqualTo(202);
    TestClient.Resp task = ov.task(second.location());
    assertThat(task.string("taskState")).isEqualTo("Error");
    assertThat(task.object("associatedResource").get("resourceUri")).isNull();
    assertThat((java.util.List<?>) task.map().get("taskErrors")).singleElement()
        .satisfies(e -> assertThat(((Map<?, ?>) e).get("errorCode")).isEqualTo("ProfileAlreadyExistsInServer"));
    assertThat(sim.serverProfiles()).extracting(ServerProfileView::name).containsExactly("web-1");
  }

  @Test
  void hardwareTypeAndEnclosureGroupMustMatchTheHardware() {
    start();
    String rackUri = (String) ov.hardware("DL360-1").get("uri");

    TestClient.Resp r = ov.post("/rest/server-profiles",
        ov.newProfile("Docker-Gen8-Template", "web-1", rackUri));

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.string("errorCode")).isEqualTo("SERVER_HARDWARE_TYPE_MISMATCH");
  }

  @Test
  void rackTemplateFitsRackServerWithoutEnclosureGroup() {
    start();
    Map<String, Object> rack = ov.hardware("DL360-1");
    ov.put(rack.get("uri") + "/powerState", Map.of("powerState", "Off", "powerControl", "PressAndHold"));
    TestClient.Resp created = ov.post("/rest/server-profiles",
        ov.newProfile("Rack-DL360-Template", "rack-1", (String) rack.get("uri")));

    assertThat(created.code()).isEqualTo(202);
    assertThat(ov.task(created.location()).string("taskState")).isEqualTo("Completed");
    assertThat(sim.serverHardware("DL360-1").orElseThrow().state()).isEqualTo("ProfileApplied");
  }

  @Test
  void duplicateNamesAreRefused() {
    start();
    ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "web-1",
        (String) ov.hardware("Encl1, bay 1").get("uri")));
    TestClient.Resp r = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template",
        "web-1", (String) ov.hardware("Encl1, bay 3").get("uri")));

    assertThat(r.code()).isEqualTo(409);
    assertThat(r.string("errorCode")).isEqualTo("DUPLICATE_NAME");
  }

  @Test
  void unknownHardwareUriInBodyIs400() {
    start();
    TestClient.Resp r = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template",
        "web-1", "/rest/server-hardware/nope"));

    assertThat(r.code()).isEqualTo(400);
  }

  @Test
  void getReturnsETagAndHonoursIfNoneMatch() {
    start();
    String uri = createdProfile("web-1", "Encl1, bay 1");
    TestClient.Resp r = ov.get(uri);

    assertThat(r.eTag()).isEqualTo(r.string("eTag"));
    assertThat(ov.get(uri, "If-None-Match", r.eTag()).code()).isEqualTo(304);
  }

  @Test
  void updateWithStaleETagIs412AndCurrentOrStarSucceeds() {
    start();
    String uri = createdProfile("web-1", "Encl1, bay 1");
    Map<String, Object> profile = ov.get(uri).map();
    String stale = (String) profile.get("eTag");
    profile.put("description", "v2");
    TestClient.Resp first = ov.put(uri, profile, "If-Match", stale);
    assertThat(first.code()).isEqualTo(202);
    ov.task(first.location());

    profile.put("description", "v3");
    TestClient.Resp staleUpdate = ov.put(uri, profile, "If-Match", stale);
    assertThat(staleUpdate.code()).isEqualTo(412);
    assertThat(staleUpdate.string("errorCode")).isEqualTo("ETAG_MISMATCH");

    profile.remove("eTag");
    assertThat(ov.put(uri, profile).code()).as("no eTag at all").isEqualTo(412);
    TestClient.Resp forced = ov.put(uri, profile, "If-Match", "*");
    assertThat(forced.code()).isEqualTo(202);
    ov.task(forced.location());
    assertThat(ov.get(uri).string("description")).isEqualTo("v3");
  }

  @Test
  void updateAcceptsCurrentETagInBody() {
    start();
    String uri = createdProfile("web-1", "Encl1, bay 1");
    Map<String, Object> profile = ov.get(uri).map();
    profile.put("name", "web-renamed");

    TestClient.Resp r = ov.put(uri, profile);

    assertThat(r.code()).isEqualTo(202);
    assertThat(ov.task(r.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get(uri).string("name")).isEqualTo("web-renamed");
  }

  @Test
  void deleteRemovesProfileAndFreesHardware() {
    start(OneViewSimulator.builder().servers(8).taskDuration(TaskKind.PROFILE_DELETE, Duration.ofSeconds(30)));
    String uri = createdProfile("web-1", "Encl1, bay 1");

    TestClient.Resp deleted = ov.delete(uri);
    assertThat(deleted.code()).isEqualTo(202);
    assertThat(deleted.string("name")).isEqualTo("Delete");
    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().state()).isEqualTo("RemovingProfile");
    assertThat(ov.get(uri).string("state")).isEqualTo("Deleting");

    clock.advance(Duration.ofSeconds(30));
    TestClient.Resp task = ov.task(deleted.location());
    assertThat(task.string("taskState")).isEqualTo("Completed");
    assertThat(task.object("associatedResource").get("resourceUri")).isEqualTo(uri);
    assertThat(ov.get(uri).code()).isEqualTo(404);
    ServerHardwareView hw = sim.serverHardware("Encl1, bay 1").orElseThrow();
    assertThat(hw.state()).isEqualTo("NoProfileApplied");
    assertThat(hw.serverProfileUri()).isNull();
  }

  @Test
  void deletingProfileOfPoweredOnHardwareIs409() {
    start();
    String uri = createdProfile("web-1", "Encl1, bay 1");
    String hwUri = sim.serverHardware("Encl1, bay 1").orElseThrow().uri();
    ov.task(ov.put(hwUri + "/powerState", Map.of("powerState", "On", "powerControl", "MomentaryPress")).location());

    TestClient.Resp r = ov.delete(uri);

    assertThat(r.code()).isEqualTo(409);
    assertThat(r.string("errorCode")).isEqualTo("SERVER_HARDWARE_POWERED_ON");
  }

  @Test
  void deleteDuringCreateNeedsForce() {
    start(OneViewSimulator.builder().servers(8).taskDuration(TaskKind.PROFILE_CREATE, Duration.ofMinutes(1)));
    TestClient.Resp created = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template",
        "web-1", (String) ov.hardware("Encl1, bay 1").get("uri")));
    String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");

    assertThat(ov.delete(uri).code()).isEqualTo(409);
    TestClient.Resp forced = ov.delete(uri + "?force=true");
    assertThat(forced.code()).isEqualTo(202);
    assertThat(ov.task(forced.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.task(created.location()).string("taskState")).isEqualTo("Error");
    assertThat(sim.serverProfiles()).isEmpty();
    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().serverProfileUri()).isNull();
  }

  @Test
  void movingProfileToAnotherServerFollowsOnBothHardware() {
    start();
    String uri = createdProfile("web-1", "Encl1, bay 1");
    Map<String, Object> profile = ov.get(uri).map();
    String target = (String) ov.hardware("Encl1, bay 3").get("uri");
    profile.put("serverHardwareUri", target);

    TestClient.Resp r = ov.put(uri, profile);
    assertThat(r.code()).isEqualTo(202);
    ov.task(r.location());

    assertThat(sim.serverHardware("Encl1, bay 1").orElseThrow().serverProfileUri()).isNull();
    assertThat(sim.serverHardware("Encl1, bay 3").orElseThrow().serverProfileUri()).isEqualTo(uri);
  }

  @Test
  void unknownProfileIs404WithErrorBody() {
    start();
    TestClient.Resp r = ov.get("/rest/server-profiles/does-not-exist");

    assertThat(r.code()).isEqualTo(404);
    assertThat(r.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");
  }

  @Test
  @SuppressWarnings("unchecked")
  void newProfileIsSynthesisedFromTheTemplate() {
    start();
    Map<String, Object> template = ov.template("Docker-Gen8-Template");
    Map<String, Object> p = ov.get(template.get("uri") + "/new-profile").map();

    assertThat(p.get("type")).isEqualTo("ServerProfileV12");
    assertThat(p.get("category")).isEqualTo("server-profiles");
    assertThat(p.get("serverProfileTemplateUri")).isEqualTo(template.get("uri"));
    assertThat(p.get("serverHardwareTypeUri")).isEqualTo(template.get("serverHardwareTypeUri"));
    assertThat(p.get("enclosureGroupUri")).isEqualTo(template.get("enclosureGroupUri"));
    assertThat(p).containsEntry("name", null).containsEntry("serverHardwareUri", null)
        .doesNotContainKeys("created", "modified", "status", "state", "serverProfileDescription",
            "scopesUri");
    // What only exists once the profile does is a null placeholder, as in the appliance's answer.
    assertThat(p).containsEntry("uri", null).containsEntry("eTag", null)
        .containsEntry("serialNumber", null).containsEntry("uuid", null)
        .containsEntry("enclosureUri", null).containsEntry("enclosureBay", null)
        .containsEntry("associatedServer", null).containsEntry("taskUri", null)
        .containsEntry("templateCompliance", "Unknown");
    Map<?, ?> settings = (Map<?, ?>) p.get("connectionSettings");
    assertThat(settings.containsKey("manageConnections")).isFalse();
    assertThat((java.util.List<?>) settings.get("connections")).isNotEmpty().allSatisfy(c ->
        assertThat((Map<String, Object>) c).containsEntry("mac", null).containsEntry("wwpn", null)
            .containsEntry("wwnn", null));
  }

  @Test
  void newProfileWithItsPlaceholdersCreatesAProfileWithRealValues() {
    start();
    Map<String, Object> created = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 1");

    assertThat(created.get("uri")).asString().startsWith("/rest/server-profiles/");
    assertThat(created.get("eTag")).isNotNull();
    assertThat(created.get("templateCompliance")).isEqualTo("Compliant");
    assertThat(((Map<?, ?>) ((java.util.List<?>) ((Map<?, ?>) created.get("connectionSettings"))
        .get("connections")).get(0)).get("mac")).asString().matches("([0-9A-F]{2}:){5}[0-9A-F]{2}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void newProfileAtApi200CarriesThePlaceholdersOnTopLevelConnections() {
    start();
    Map<String, Object> template = ov.version("200").template("Docker-Gen8-Template");
    Map<String, Object> p = ov.get(template.get("uri") + "/new-profile").map();

    assertThat(p.get("type")).isEqualTo("ServerProfileV5");
    assertThat((java.util.List<?>) p.get("connections")).isNotEmpty().allSatisfy(c ->
        assertThat((Map<String, Object>) c).containsEntry("mac", null).containsEntry("wwpn", null));
  }

  @Test
  void concurrentCreatesOnOneServerLetExactlyOneWin() throws Exception {
    start();
    String hwUri = (String) ov.hardware("Encl1, bay 1").get("uri");
    java.util.List<Map<String, Object>> bodies = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      bodies.add(ov.newProfile("Docker-Gen8-Template", "racer-" + i, hwUri));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.List<java.util.concurrent.Future<TestClient.Resp>> posts = new java.util.ArrayList<>();
    try {
      for (Map<String, Object> body : bodies) {
        posts.add(pool.submit(() -> ov.post("/rest/server-profiles", body)));
      }
      java.util.List<String> outcomes = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<TestClient.Resp> f : posts) {
        outcomes.add(ov.task(f.get().location()).string("taskState"));
      }

      assertThat(outcomes).filteredOn("Completed"::equals).hasSize(1);
      assertThat(outcomes).filteredOn("Error"::equals).hasSize(7);
      assertThat(sim.serverProfiles()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private String createdProfile(String name, String hardwareName) {
    TestClient.Resp created = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template",
        name, (String) ov.hardware(hardwareName).get("uri")));
    TestClient.Resp task = ov.task(created.location());
    assertThat(task.string("taskState")).isEqualTo("Completed");
    return (String) task.object("associatedResource").get("resourceUri");
  }
}
