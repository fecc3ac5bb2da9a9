package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ConnectionsTest extends FakeApplianceFixture {
  static final String PROFILE_URI = "/rest/server-profiles/b425802b-a6a5-4941-8885-aab68dfa2ee2";
  static final String PROD = "/rest/ethernet-networks/19638712-679d-4232-9743-c7cb6c7bf718";
  static final String PXE = "/rest/ethernet-networks/pxe";
  /** A ServerProfileV9 (API 300 and later: connections under connectionSettings), eTag as a placeholder. */
  static String profileV9(String eTag) {
    return "{\"type\":\"ServerProfileV9\",\"uri\":\"" + PROFILE_URI + "\",\"name\":\"Apache_Primary\","
        + "\"templateCompliance\":\"NonCompliant\",\"enclosureBay\":5,\"unmodelledTopLevel\":{\"keep\":[1,2.50]},"
        + "\"bootMode\":{\"manageMode\":true,\"mode\":\"UEFI\",\"pxeBootPolicy\":\"Auto\",\"secureBoot\":\"Disabled\"},"
        + "\"boot\":{\"manageBoot\":true,\"order\":[\"HardDisk\"]},"
        + "\"connectionSettings\":{\"reapplyState\":\"NotApplying\",\"connections\":[{\"id\":1,\"name\":\"production\","
        + "\"functionType\":\"Ethernet\",\"networkUri\":\"" + PROD + "\",\"portId\":\"Mezz 3:1-a\",\"requestedMbps\":\"2500\","
        + "\"allocatedMbps\":2500,\"mac\":\"9A:A0:22:90:00:01\",\"macType\":\"Virtual\",\"boot\":{\"priority\":\"NotBootable\"},"
        + "\"state\":\"Deployed\",\"status\":\"OK\"}]},\"eTag\":\"" + eTag + "\"}";
  }

  @Test
  void connectionsAreReadFromConnectionSettings() {
    ServerProfile profile = ServerProfile.fromJson(profileV9("1/1"));
    assertThat(profile.connections()).containsExactly(new Connection(1, "production", "Ethernet", PROD,
        "Mezz 3:1-a", "2500", "9A:A0:22:90:00:01", "NotBootable"));
  }

  @Test
  void connectionsAreReadFromTopLevelInApi200Documents() {
    ServerProfile profile = ServerProfile.fromJson(fixture("oneview-sdk-java/server-profile.json"));
    assertThat(profile.connections()).isNotEmpty();
    assertThat(profile.connections().get(0)).isEqualTo(new Connection(1, "Prod_401", "Ethernet",
        "/rest/ethernet-networks/bf34888a-1d69-48bc-8e06-277bbcbed263", "Flb 1:1-a", "1000", "26:76:EF:30:00:00",
        "NotBootable"));
    // API 120 wrote requestedMbps as a number; it reads as the same digits.
    assertThat(ServerProfile.fromJson(fixture("python-oneviewclient/server-profile.json")).connections().get(0).requestedMbps())
        .isEqualTo("2500");
  }

  @Test
  void profileWithoutConnectionsHasNone() {
    assertThat(ServerProfile.fromJson("{\"name\":\"p\"}").connections()).isEmpty();
  }

  @Test
  void withConnectionAppendsNextIdWithDefaultsUnderConnectionSettings() {
    ServerProfile changed = ServerProfile.fromJson(profileV9("1/1")).withConnection(ConnectionSpec.to(PXE));
    assertThat(changed.connections()).hasSize(2);
    assertThat(changed.connections().get(1))
        .isEqualTo(new Connection(2, null, "Ethernet", PXE, "Auto", null, null, "NotBootable"));
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) changed.json().get("connectionSettings");
    assertThat(settings).containsEntry("reapplyState", "NotApplying");
    assertThat(changed.json()).doesNotContainKey("connections");
  }

  @Test
  void withConnectionKeepsTopLevelPlacementOfApi200Documents() {
    ServerProfile api200 = ServerProfile.fromJson(fixture("oneview-sdk-java/server-profile.json"));
    int before = api200.connections().size();
    ServerProfile changed = api200.withConnection(ConnectionSpec.builder(PXE).id(40).name("pxe")
        .requestedMbps("1000").bootPriority("Primary").portId("Flb 1:2-b").build());
    assertThat(changed.connections()).hasSize(before + 1);
    assertThat(changed.connections().get(before))
        .isEqualTo(new Connection(40, "pxe", "Ethernet", PXE, "Flb 1:2-b", "1000", null, "Primary"));
    assertThat(changed.json()).doesNotContainKey("connectionSettings");
  }

  @Test
  void withConnectionOnAProfileWithoutAnyCreatesConnectionSettings() {
    ServerProfile changed = ServerProfile.fromJson("{\"name\":\"p\"}").withConnection(ConnectionSpec.to(PXE));
    assertThat(changed.toJson()).isEqualTo("{\"name\":\"p\",\"connectionSettings\":{\"connections\":[{\"id\":1,"
        + "\"functionType\":\"Ethernet\",\"networkUri\":\"" + PXE + "\",\"portId\":\"Auto\",\"boot\":{\"priority\":\"NotBootable\"}}]}}");
  }

  @Test
  void withConnectionRejectsAnIdAlreadyTaken() {
    ServerProfile profile = ServerProfile.fromJson(profileV9("1/1"));
    assertThatThrownBy(() -> profile.withConnection(ConnectionSpec.builder(PXE).id(1).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("connection id 1 is already taken");
  }

  @Test
  void withConnectionRefusesToNumberPastTheLargestIntId() {
    ServerProfile atMax = ServerProfile.fromJson(profileV9("1/1").replace("\"id\":1,", "\"id\":2147483647,"));
    assertThatThrownBy(() -> atMax.withConnection(ConnectionSpec.to(PXE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot number a new connection: the highest connection id, 2147483647, leaves no higher int id;"
            + " give the connection an explicit id");
    ServerProfile beyond = ServerProfile.fromJson(profileV9("1/1").replace("\"id\":1,", "\"id\":1099511627776,"));
    assertThatThrownBy(() -> beyond.withConnection(ConnectionSpec.to(PXE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1099511627776");
    // An explicit id still works, and the last int id is still handed out.
    assertThat(atMax.withConnection(ConnectionSpec.builder(PXE).id(2).build()).connections())
        .extracting(Connection::id).containsExactly(Integer.MAX_VALUE, 2);
    ServerProfile below = ServerProfile.fromJson(profileV9("1/1").replace("\"id\":1,", "\"id\":2147483646,"));
    assertThat(below.withConnection(ConnectionSpec.to(PXE)).connections().get(1).id()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void withoutConnectionRemovesByIdOrNetworkAndReturnsSameProfileWhenNothingMatches() {
    ServerProfile profile = ServerProfile.fromJson(profileV9("1/1")).withConnection(ConnectionSpec.to(PXE));
    assertThat(profile.withoutConnection(1).connections()).extracting(Connection::networkUri).containsExactly(PXE);
    assertThat(profile.withoutConnection(PXE).connections()).extracting(Connection::networkUri).containsExactly(PROD);
    assertThat(profile.withoutConnection(99)).isSameAs(profile);
    assertThat(profile.withoutConnection("/rest/ethernet-networks/none")).isSameAs(profile);
  }

  @Test
  void addConnectionReadsModifiesAndPutsWithTheEtagRead() throws Exception {
    appliance.handler = request -> request.getMethod().equals("GET")
        ? json(200, profileV9("1526058827348/42"))
        : new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/t1");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Task task = ov.serverProfiles().addConnection(PROFILE_URI, PXE);
      assertThat(task.uri()).isEqualTo("/rest/tasks/t1");
    }
    assertThat(appliance.resourceRequests).extracting(RecordedRequest::getMethod).containsExactly("GET", "PUT");
    RecordedRequest put = appliance.resourceRequests.get(1);
    assertThat(put.getPath()).isEqualTo(PROFILE_URI);
    assertThat(put.getHeader("If-Match")).isEqualTo("1526058827348/42");
    ServerProfile sent = ServerProfile.fromJson(put.getBody().readUtf8());
    assertThat(sent.connections()).extracting(Connection::networkUri).containsExactly(PROD, PXE);
    assertThat(sent.json()).containsEntry("unmodelledTopLevel", ServerProfile.fromJson(profileV9("x")).json().get("unmodelledTopLevel"));
  }

  @Test
  void addConnectionRereadsAndRetriesAfterStaleEtag() throws Exception {
    AtomicInteger gets = new AtomicInteger();
    appliance.handler = request -> {
      if (request.getMethod().equals("GET")) return json(200, profileV9("etag-" + gets.incrementAndGet()));
      // Someone else wrote between our first read and our update.
      if ("etag-1".equals(request.getHeader("If-Match"))) {
        return json(412, "{\"errorCode\":\"ETAG_MISMATCH\",\"message\":\"The resource was modified.\"}");
      }
      return new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/t2");
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfiles().addConnection(PROFILE_URI, ConnectionSpec.to(PXE)).uri()).isEqualTo("/rest/tasks/t2");
    }
    assertThat(appliance.resourceRequests).extracting(RecordedRequest::getMethod).containsExactly("GET", "PUT", "GET", "PUT");
    assertThat(appliance.resourceRequests.get(3).getHeader("If-Match")).isEqualTo("etag-2");
  }

  /**
   * An appliance whose profile starts as {@code initial}: a PUT with the current eTag is applied
   * (new eTag, taskUri /rest/tasks/applied) and then its connection is dropped before the answer,
   * so the SDK retries it; the retry's eTag is stale, hence 412.
   */
  private AtomicReference<String> applyThenDropConnection(String initial) {
    AtomicReference<String> profile = new AtomicReference<>(initial);
    AtomicInteger applied = new AtomicInteger();
    appliance.handler = request -> {
      if (request.getMethod().equals("GET") && request.getPath().equals("/rest/tasks/applied")) {
        return json(200, "{\"uri\":\"/rest/tasks/applied\",\"name\":\"Update\",\"taskState\":\"Running\"}");
      }
      if (request.getMethod().equals("GET")) return json(200, profile.get());
      String current = ServerProfile.fromJson(profile.get()).eTag();
      if (!current.equals(request.getHeader("If-Match"))) {
        return json(412, "{\"errorCode\":\"ETAG_MISMATCH\",\"message\":\"The resource was modified.\"}");
      }
      Map<String, Object> updated = new LinkedHashMap<>(ServerProfile.fromJson(request.getBody().clone().readUtf8()).json());
      updated.put("eTag", "etag-" + (2 + applied.getAndIncrement()));
      updated.put("taskUri", "/rest/tasks/applied");
      profile.set(ServerProfile.of(updated).toJson());
      return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    };
    return profile;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void addConnectionWhoseAppliedUpdateLostItsAnswerIsNotAddedTwice(boolean explicitId) {
    AtomicReference<String> profile = applyThenDropConnection(profileV9("etag-1"));
    ConnectionSpec spec = explicitId ? ConnectionSpec.builder(PXE).id(7).build() : ConnectionSpec.to(PXE);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfiles().addConnection(PROFILE_URI, spec).uri()).isEqualTo("/rest/tasks/applied");
    }
    // Read, PUT (applied, answer lost), retried PUT (412), re-read showing the connection, its task.
    assertThat(appliance.resourceRequests).extracting(r -> r.getMethod() + " " + r.getPath()).containsExactly(
        "GET " + PROFILE_URI, "PUT " + PROFILE_URI, "PUT " + PROFILE_URI, "GET " + PROFILE_URI, "GET /rest/tasks/applied");
    assertThat(ServerProfile.fromJson(profile.get()).connections()).extracting(Connection::networkUri)
        .containsExactly(PROD, PXE);
  }

  @Test
  void removeConnectionWhoseAppliedUpdateLostItsAnswerSucceeds() {
    AtomicReference<String> profile = applyThenDropConnection(profileV9("etag-1"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfiles().removeConnection(PROFILE_URI, PROD).uri()).isEqualTo("/rest/tasks/applied");
    }
    assertThat(appliance.resourceRequests).extracting(r -> r.getMethod() + " " + r.getPath()).containsExactly(
        "GET " + PROFILE_URI, "PUT " + PROFILE_URI, "PUT " + PROFILE_URI, "GET " + PROFILE_URI, "GET /rest/tasks/applied");
    assertThat(ServerProfile.fromJson(profile.get()).connections()).isEmpty();
  }

  @Test
  void addConnectionAfterAnotherWritersChangeStillAddsIt() {
    // A genuine 412 (someone else changed the profile, no new connection to PXE): re-applied.
    AtomicInteger gets = new AtomicInteger();
    appliance.handler = request -> {
      if (request.getMethod().equals("GET")) {
        String p = profileV9("etag-" + gets.incrementAndGet());
        return json(200, gets.get() == 1 ? p : p.replace("\"name\":\"production\"", "\"name\":\"renamed\""));
      }
      if ("etag-1".equals(request.getHeader("If-Match"))) {
        return json(412, "{\"errorCode\":\"ETAG_MISMATCH\",\"message\":\"The resource was modified.\"}");
      }
      return new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/t2");
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfiles().addConnection(PROFILE_URI, PXE).uri()).isEqualTo("/rest/tasks/t2");
    }
    assertThat(appliance.resourceRequests).extracting(RecordedRequest::getMethod).containsExactly("GET", "PUT", "GET", "PUT");
    ServerProfile sent = ServerProfile.fromJson(appliance.resourceRequests.get(3).getBody().readUtf8());
    assertThat(sent.connections()).extracting(Connection::name).containsExactly("renamed", null);
  }

  @Test
  void addConnectionGivesUpAfterThreeStaleAttempts() {
    appliance.handler = request -> request.getMethod().equals("GET")
        ? json(200, profileV9("always-old"))
        : json(412, "{\"errorCode\":\"ETAG_MISMATCH\",\"message\":\"The resource was modified.\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().addConnection(PROFILE_URI, PXE))
          .isInstanceOf(StaleETagException.class)
          .hasMessage("PUT " + PROFILE_URI + " failed: HTTP 412: ETAG_MISMATCH: The resource was modified.");
    }
    assertThat(appliance.resourceRequests).extracting(RecordedRequest::getMethod)
        .containsExactly("GET", "PUT", "GET", "PUT", "GET", "PUT");
  }

  @Test
  void addConnectionBelowApi1600SendsTheVersionedProfileType() throws Exception {
    appliance.handler = request -> request.getMethod().equals("GET")
        ? json(200, profileV9("e"))
        : new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/t1");
    try (OneView ov = FakeAppliance.builder(server).apiVersion(600).build()) {
      ov.serverProfiles().addConnection(PROFILE_URI, PXE);
    }
    assertThat(ServerProfile.fromJson(appliance.resourceRequests.get(1).getBody().readUtf8()).type())
        .isEqualTo("ServerProfileV8");
  }

  @Test
  void removeConnectionPutsTheProfileWithoutIt() throws Exception {
    appliance.handler = request -> request.getMethod().equals("GET")
        ? json(200, profileV9("e7"))
        : new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/t3");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfiles().removeConnection(PROFILE_URI, PROD).uri()).isEqualTo("/rest/tasks/t3");
    }
    RecordedRequest put = appliance.resourceRequests.get(1);
    assertThat(put.getHeader("If-Match")).isEqualTo("e7");
    ServerProfile sent = ServerProfile.fromJson(put.getBody().readUtf8());
    assertThat(sent.connections()).isEmpty();
    assertThat(sent.json()).containsKey("connectionSettings");
  }

  @Test
  void removeConnectionToANetworkTheProfileDoesNotUseSendsNoUpdate() {
    appliance.handler = request -> json(200, profileV9("e7"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().removeConnection(PROFILE_URI, PXE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("profile " + PROFILE_URI + " has no connection to " + PXE);
    }
    assertThat(appliance.resourceRequests).extracting(RecordedRequest::getMethod).containsExactly("GET");
  }

  @Test
  void connectionSpecRejectsAnInvalidNetworkUri() {
    assertThatThrownBy(() -> ConnectionSpec.to("prod-101")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"prod-101\"");
    assertThat(List.of(ConnectionSpec.to(PXE).portId(), ConnectionSpec.to(PXE).functionType()))
        .containsExactly("Auto", "Ethernet");
  }
}
