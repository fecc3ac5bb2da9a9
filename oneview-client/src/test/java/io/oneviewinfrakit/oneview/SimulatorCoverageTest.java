package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end against the simulator: the generic client, the typed clients added with it, the query
 * model, task handles and application-owned sessions.
 */
final class SimulatorCoverageTest {
  private OneViewSimulator sim;
  private OneView ov;

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(16).build().start();
    ov = sdk(sim).build();
  }

  @AfterEach
  void stop() {
    ov.close();
    sim.close();
  }

  // ---- generic client ---------------------------------------------------------------------------

  @Test
  void theGenericClientCreatesReadsUpdatesAndDeletesAnyCollection() {
    ResourceClient fcNetworks = ov.resources("/rest/fc-networks");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("name", "SAN-B");
    spec.put("fabricType", "FabricAttach");
    spec.put("autoLoginRedistribution", true);
    String uri = fcNetworks.createAndAwaitUri(Resource.of(spec), TIMEOUT);

    Resource created = fcNetworks.get(uri);
    assertThat(created.name()).isEqualTo("SAN-B");
    assertThat(created.get("autoLoginRedistribution")).isEqualTo(true);
    assertThat(fcNetworks.findByName("SAN-B")).contains(created);

    Task renamed = fcNetworks.update(created.with("name", "SAN-B2")).await(TIMEOUT);
    assertThat(renamed.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(ov.fcNetworks().get(uri).name()).isEqualTo("SAN-B2");
    // The eTag read before the rename is stale now: the appliance refuses rather than lose a change.
    thrown(StaleETagException.class, () -> fcNetworks.update(created.with("name", "SAN-B3")));

    fcNetworks.delete(uri).await(TIMEOUT);
    thrown(ResourceNotFoundException.class, () -> fcNetworks.get(uri));
  }

  @Test
  void theGenericClientPatchesParts() {
    String hw = ov.serverHardware().list().get(0).uri();
    ResourceClient hardware = ov.resources("/rest/server-hardware");
    hardware.patch(hw, List.of(Map.of("op", "replace", "path", "/uidState", "value", "On"))).await(TIMEOUT);
    assertThat(hardware.get(hw).string("uidState")).isEqualTo("On");
    OneViewException refused = thrown(OneViewException.class,
        () -> hardware.patch(hw, List.of(Map.of("op", "replace", "path", "/name", "value", "x"))));
    assertThat(refused.httpStatus()).isEqualTo(400);
  }

  @Test
  void theGenericClientListsEveryPageOfACollectionWithoutATypedClient() {
    List<Resource> enclosures = ov.resources("/rest/enclosures").list(Query.builder().count(1).sort("name:asc").build());
    assertThat(enclosures).extracting(Resource::name).containsExactly("Encl1");
    assertThat(enclosures.get(0).get("deviceBays")).asList().hasSize(16);
  }

  @Test
  void aTaskHandlesFutureCompletesWithTheTaskAndItsResourceUri() throws Exception {
    String uri = ov.fcoeNetworks().create(FcoeNetwork.builder("FCoE-2002", 2002).build())
        .futureResourceUri(TIMEOUT).get(10, TimeUnit.SECONDS);
    assertThat(ov.fcoeNetworks().get(uri).vlanId()).isEqualTo(2002);
    Task deleted = ov.fcoeNetworks().delete(uri).future(TIMEOUT).get(10, TimeUnit.SECONDS);
    assertThat(deleted.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(ov.fcoeNetworks().findByName("FCoE-2002")).isEmpty();
  }

  // ---- typed clients ----------------------------------------------------------------------------

  @Test
  void enclosuresAreTheOnesTheBladesSitIn() {
    List<Enclosure> enclosures = ov.enclosures().list();
    assertThat(enclosures).hasSize(1);
    Enclosure encl1 = enclosures.get(0);
    assertThat(encl1.name()).isEqualTo("Encl1");
    assertThat(ov.serverHardware().list()).filteredOn(hw -> hw.name().startsWith("Encl1,")).isNotEmpty();
    assertThat(ov.enclosures().get(encl1.uri())).isEqualTo(encl1);
    assertThat(ov.enclosures().findByName("Encl1")).contains(encl1);
  }

  @Test
  void firmwareDriversIncludeTheBladeTemplatesBaseline() {
    String baseline = (String) ((Map<?, ?>) ov.serverProfileTemplates().findByName(SimulatorSupport.BLADE_TEMPLATE)
        .orElseThrow().json().get("firmware")).get("firmwareBaselineUri");
    FirmwareDriver driver = ov.firmwareDrivers().get(baseline);
    assertThat(driver.uri()).isEqualTo(baseline);
    assertThat(ov.firmwareDrivers().list()).contains(driver);
  }

  @Test
  void scopesAreCreatedRenamedAndDeletedAndRestrictListings() {
    String lab = ov.scopes().create(Scope.builder("lab").description("rack 4").build()).awaitResourceUri(TIMEOUT);
    Scope read = ov.scopes().get(lab);
    assertThat(read.name()).isEqualTo("lab");
    assertThat(read.description()).isEqualTo("rack 4");
    ov.scopes().update(read.withName("lab-4")).await(TIMEOUT);
    assertThat(ov.scopes().findByName("lab-4")).map(Scope::uri).contains(lab);
    thrown(StaleETagException.class, () -> ov.scopes().update(read.withDescription("stale")));

    // A scope with two servers in it (the generic client sends what the typed one does not model).
    List<ServerHardware> servers = ov.serverHardware().list(Query.builder().sort("name:asc").count(2).build());
    List<String> members = List.of(servers.get(0).uri(), servers.get(1).uri());
    String pair = ov.resources("/rest/scopes")
        .createAndAwaitUri(Resource.of(Map.of("name", "pair", "addedResourceUris", members)), TIMEOUT);
    assertThat(ov.serverHardware().list(Query.builder().scopeUris(pair).build()))
        .extracting(ServerHardware::uri).containsExactlyInAnyOrderElementsOf(members);
    assertThat(ov.serverHardware().list(Query.builder().scopeUris(lab).build())).isEmpty();

    ov.scopes().delete(lab).await(TIMEOUT);
    thrown(ResourceNotFoundException.class, () -> ov.scopes().get(lab));
  }

  @Test
  void labelsAreAssignedReadAndRemoved() {
    String hw = ov.serverHardware().list().get(0).uri();
    ResourceLabels assigned = ov.labels().assign(hw, List.of("web", "prod"));
    assertThat(assigned.resourceUri()).isEqualTo(hw);
    assertThat(assigned.names()).containsExactly("web", "prod");
    assertThat(ov.labels().labelsOf(hw)).isEqualTo(assigned);
    assertThat(ov.labels().list()).extracting(Label::name).contains("web", "prod");
    assertThat(ov.labels().findByName("web")).isPresent();

    assertThat(ov.labels().replace(hw, List.of("db")).names()).containsExactly("db");

    ov.labels().unassignAll(hw);
    assertThat(ov.labels().labelsOf(hw).labels()).isEmpty();
    thrown(ResourceNotFoundException.class, () -> ov.labels().labelsOf("/rest/server-hardware/no-such-server"));
    assertThat(ov.labels().findByName("web")).isEmpty();
  }

  @Test
  void alertsAreListedByStateAndDeletedOneByOneOrByFilter() {
    List<Alert> all = ov.alerts().list();
    assertThat(all).extracting(Alert::alertState).contains("Active", "Cleared", "Locked");
    List<Alert> active = ov.alerts().list(Query.builder().filter(Filter.eq("alertState", "Active")).build());
    assertThat(active).isNotEmpty().allMatch(a -> a.alertState().equals("Active"));
    assertThat(active).allMatch(a -> a.resourceUri() != null);

    Alert first = active.get(0);
    ov.alerts().setState(first, "Cleared").await(TIMEOUT);
    assertThat(ov.alerts().get(first.uri()).alertState()).isEqualTo("Cleared");
    Alert locked = all.stream().filter(a -> a.alertState().equals("Locked")).findFirst().orElseThrow();
    assertThat(thrown(OneViewException.class, () -> ov.alerts().setState(locked, "Cleared")).httpStatus()).isEqualTo(409);

    ov.alerts().delete(first.uri()).await(TIMEOUT);
    thrown(ResourceNotFoundException.class, () -> ov.alerts().get(first.uri()));

    ov.alerts().resources().deleteAll(Query.builder().filter(Filter.eq("alertState", "Cleared")).build()).await(TIMEOUT);
    assertThat(ov.alerts().list()).extracting(Alert::alertState).doesNotContain("Cleared").contains("Locked");
  }

  @Test
  void templatesAreCreatedUpdatedAndDeleted() {
    ServerProfileTemplate rack = ov.serverProfileTemplates().findByName(SimulatorSupport.RACK_TEMPLATE).orElseThrow();
    ServerProfileTemplate spec = ServerProfileTemplate.of(Map.of(
        "name", "Rack-Copy", "serverHardwareTypeUri", rack.serverHardwareTypeUri(), "description", "copy"));
    String uri = ov.serverProfileTemplates().create(spec).awaitResourceUri(TIMEOUT);

    ServerProfileTemplate created = ov.serverProfileTemplates().get(uri);
    assertThat(created.description()).isEqualTo("copy");
    ov.serverProfileTemplates().update(created.with("description", "changed")).await(TIMEOUT);
    assertThat(ov.serverProfileTemplates().get(uri).description()).isEqualTo("changed");
    thrown(StaleETagException.class, () -> ov.serverProfileTemplates().update(created.with("description", "stale")));

    ov.serverProfileTemplates().delete(uri).await(TIMEOUT);
    assertThat(ov.serverProfileTemplates().findByName("Rack-Copy")).isEmpty();
  }

  // ---- query model ------------------------------------------------------------------------------

  @Test
  void filtersWithAndAndOrSelectWhatTheySay() {
    List<ServerHardware> all = ov.serverHardware().list();
    ServerHardware a = all.get(0);
    ServerHardware b = all.get(5);
    List<ServerHardware> either = ov.serverHardware().list(Query.builder()
        .filter(Filter.or(Filter.eq("name", a.name()), Filter.eq("name", b.name())))
        .build());
    assertThat(either).extracting(ServerHardware::uri).containsExactlyInAnyOrder(a.uri(), b.uri());

    List<ServerHardware> notA = ov.serverHardware().list(Query.builder()
        .filter(Filter.not(Filter.or(Filter.eq("name", a.name()), Filter.eq("name", b.name()))))
        .build());
    assertThat(notA).hasSize(all.size() - 2).extracting(ServerHardware::uri).doesNotContain(a.uri(), b.uri());

    List<ServerHardware> viaQuery = ov.serverHardware().list(Query.builder()
        .query("name EQ '" + a.name() + "' OR name EQ '" + b.name() + "'")
        .filter(Filter.eq("name", b.name()))
        .build());
    assertThat(viaQuery).extracting(ServerHardware::uri).containsExactly(b.uri());
  }

  @Test
  void fieldsViewStartAndCountShapeTheAnswer() {
    List<Resource> names = ov.resources("/rest/server-hardware").list(Query.builder()
        .fields("name", "uri").view("expand").sort("name:asc").start(2).count(3).build());
    List<String> sorted = ov.serverHardware().list(Query.builder().sort("name:asc").build()).stream()
        .map(ServerHardware::name).toList();
    assertThat(names).extracting(Resource::name).isEqualTo(sorted.subList(2, sorted.size()));
    assertThat(names).allSatisfy(r -> assertThat(r.json().keySet()).containsExactlyInAnyOrder("name", "uri"));
  }

  @Test
  void aViewTheApplianceDoesNotKnowIsItsError() {
    OneViewException e = thrown(OneViewException.class,
        () -> ov.resources("/rest/server-hardware").list(Query.builder().view("nosuchview").build()));
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.error().errorCode()).isEqualTo("INVALID_VIEW");
  }

  // ---- sessions for embedders -------------------------------------------------------------------

  @Test
  void anApplicationsOwnSessionIsUsedAndNeverLoggedOut() throws Exception {
    String sessionId = loginOutsideTheSdk();
    int loginsBefore = SimulatorSupport.logins(sim);
    try (OneView embedded = OneView.builder().url(sim.url()).trust(sim.certificatePem()).sessionId(sessionId).build()) {
      assertThat(embedded.enclosures().list()).hasSize(1);
      assertThat(embedded.sessionIdleTimeout()).isEqualTo(Duration.ofHours(24));
      embedded.sessionIdleTimeout(Duration.ofMinutes(30));
      assertThat(embedded.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
    }
    assertThat(SimulatorSupport.logins(sim)).isEqualTo(loginsBefore);
    assertThat(sim.requests().count("DELETE", "/rest/login-sessions")).isZero();
    // Still valid after the SDK closed: it was never the SDK's to end.
    try (OneView again = OneView.builder().url(sim.url()).trust(sim.certificatePem()).sessionId(sessionId).build()) {
      assertThat(again.scopes().list()).isEmpty();
    }
  }

  @Test
  void aRejectedSuppliedSessionIsReplacedByTheSuppliersNextOne() throws Exception {
    String valid = loginOutsideTheSdk();
    java.util.Deque<String> sessions = new java.util.ArrayDeque<>(List.of("expired-session", valid));
    try (OneView embedded = OneView.builder().url(sim.url()).trust(sim.certificatePem())
        .sessionToken(() -> sessions.size() > 1 ? sessions.poll() : sessions.peek()).build()) {
      assertThat(embedded.enclosures().list()).hasSize(1);
      assertThat(embedded.alerts().list()).isNotEmpty();
    }
    assertThat(SimulatorSupport.logins(sim)).isEqualTo(1); // only the application's own
    assertThat(sim.requests().count("DELETE", "/rest/login-sessions")).isZero();
  }

  @Test
  void theIdleTimeoutOfTheSdksOwnSessionIsReadAndSet() {
    ov.sessionIdleTimeout(Duration.ofHours(2));
    assertThat(ov.sessionIdleTimeout()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aSessionTheApplianceDoesNotKnowFailsWithoutLoggingIn() {
    try (OneView embedded = OneView.builder().url(sim.url()).trust(sim.certificatePem()).sessionId("not-a-session").build()) {
      assertThatThrownBy(() -> embedded.enclosures().list()).isInstanceOf(AuthenticationException.class);
    }
    assertThat(SimulatorSupport.logins(sim)).isZero();
  }

  @Test
  void aLoginDomainIsSentAndAnUnknownOneIsRefusedNamingIt() {
    try (OneView local = sdk(sim).authLoginDomain("LOCAL").build()) {
      assertThat(local.enclosures().list()).hasSize(1);
    }
    try (OneView corp = sdk(sim).authLoginDomain("CORP").build()) {
      assertThatThrownBy(() -> corp.enclosures().list())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("The login domain CORP was not found");
    }
  }

  /** Logs in as an embedding application would, with its own HTTP client. */
  private String loginOutsideTheSdk() throws Exception {
    HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(sim.certificate()).build();
    OkHttpClient http = new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
    String body = "{\"userName\":\"" + sim.username() + "\",\"password\":\"" + sim.password() + "\"}";
    Request login = new Request.Builder().url(sim.url() + "/rest/login-sessions").header("X-API-Version", "2000")
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response response = http.newCall(login).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return (String) Json.parseObject(response.body().string()).get("sessionID");
    }
  }
}
