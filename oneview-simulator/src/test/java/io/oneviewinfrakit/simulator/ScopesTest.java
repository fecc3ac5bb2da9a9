package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScopesTest extends SimulatorFixture {
  @BeforeEach
  void startFourServers() {
    start(OneViewSimulator.builder().servers(4));
  }

  private String hardwareUri(String name) {
    return (String) ov.hardware(name).get("uri");
  }

  private TestClient.Resp createScope(String name, List<String> members) {
    return ov.post("/rest/scopes", Map.of("type", "ScopeV3", "name", name, "description", "d",
        "addedResourceUris", members));
  }

  @Test
  void createdScopeFiltersCollectionsByScopeUris() {
    TestClient.Resp created = createScope("Team-A", List.of(hardwareUri("Encl1, bay 1"), hardwareUri("Encl1, bay 2")));

    assertThat(created.code()).isEqualTo(201);
    assertThat(created.map()).containsEntry("type", "ScopeV3").containsEntry("category", "scopes")
        .containsEntry("name", "Team-A");
    String scope = created.string("uri");
    TestClient.Resp inScope = ov.get("/rest/server-hardware?scopeUris=" + TestClient.enc(scope));
    assertThat(inScope.members()).extracting(m -> m.get("name")).containsExactly("Encl1, bay 1", "Encl1, bay 2");
    assertThat(inScope.map()).containsEntry("total", 2.0);
    assertThat(ov.get("/rest/scopes/resources" + hardwareUri("Encl1, bay 1")).map())
        .containsEntry("scopeUris", List.of(scope));
  }

  @Test
  void scopeUrisJoinedWithOrSelectMembersOfAnyScope() {
    String a = createScope("A", List.of(hardwareUri("Encl1, bay 1"))).string("uri");
    String b = createScope("B", List.of(hardwareUri("Encl1, bay 3"))).string("uri");

    TestClient.Resp either = ov.get("/rest/server-hardware?scopeUris="
        + TestClient.enc("'" + a + "' OR '" + b + "'"));

    assertThat(either.members()).extracting(m -> m.get("name")).containsExactly("Encl1, bay 1", "Encl1, bay 3");
  }

  @Test
  void updateNeedsIfMatchAndChangesMembership() {
    TestClient.Resp created = createScope("Team-B", List.of(hardwareUri("Encl1, bay 1")));
    String uri = created.string("uri");
    Map<String, Object> body = Map.of("type", "ScopeV3", "name", "Team-B2",
        "removedResourceUris", List.of(hardwareUri("Encl1, bay 1")),
        "addedResourceUris", List.of(hardwareUri("Encl1, bay 2")));

    TestClient.Resp noETag = ov.put(uri, body);
    TestClient.Resp updated = ov.put(uri, body, "If-Match", created.eTag());

    assertThat(noETag.code()).isEqualTo(412);
    assertThat(updated.code()).isEqualTo(200);
    assertThat(updated.string("name")).isEqualTo("Team-B2");
    assertThat(updated.eTag()).isNotEqualTo(created.eTag());
    assertThat(ov.get("/rest/server-hardware?scopeUris=" + TestClient.enc(uri)).members())
        .extracting(m -> m.get("name")).containsExactly("Encl1, bay 2");
  }

  @Test
  void resourceAssignmentsPatchIsATaskWithXTaskUri() {
    String uri = createScope("Team-C", List.of()).string("uri");

    TestClient.Resp patched = ov.patch(uri + "/resource-assignments",
        Map.of("addedResourceUris", List.of(hardwareUri("Encl1, bay 3"))), "application/json");

    assertThat(patched.code()).isEqualTo(202);
    assertThat(ov.task(patched.location()).string("taskState")).isEqualTo("Completed");
    assertThat(ov.get("/rest/server-hardware?scopeUris=" + TestClient.enc(uri)).members()).hasSize(1);
  }

  @Test
  void unknownResourcesDuplicateNamesAndDeletedScopesAreRefused() {
    TestClient.Resp unknown = createScope("X", List.of("/rest/server-hardware/nope"));
    assertThat(unknown.code()).isEqualTo(400);
    assertThat(unknown.string("errorCode")).isEqualTo("RESOURCE_NOT_FOUND");

    String uri = createScope("Y", List.of(hardwareUri("Encl1, bay 1"))).string("uri");
    assertThat(createScope("Y", List.of()).code()).isEqualTo(409);
    assertThat(ov.delete(uri).code()).isEqualTo(204);
    assertThat(ov.get(uri).code()).isEqualTo(404);
    assertThat(ov.get("/rest/server-hardware?scopeUris=" + TestClient.enc(uri)).members()).isEmpty();
  }

  @Test
  void deleteWithIfMatchNeedsTheCurrentETagOrStar() {
    TestClient.Resp created = createScope("Team-D", List.of());
    String uri = created.string("uri");
    TestClient.Resp renamed = ov.put(uri, Map.of("type", "ScopeV3", "name", "Team-D2"), "If-Match", created.eTag());

    TestClient.Resp stale = ov.delete(uri, "If-Match", created.eTag());

    assertThat(stale.code()).isEqualTo(412);
    assertThat(stale.string("errorCode")).isEqualTo("ETAG_MISMATCH");
    assertThat(ov.get(uri).code()).isEqualTo(200);
    assertThat(ov.delete(uri, "If-Match", "\"" + renamed.eTag() + "\"").code()).isEqualTo(204);
    assertThat(ov.get(uri).code()).isEqualTo(404);
    String other = createScope("Team-E", List.of()).string("uri");
    assertThat(ov.delete(other, "If-Match", "*").code()).isEqualTo(204);
  }

  @Test
  void scopesDoNotExistBeforeApi300() {
    assertThat(ov.version("200").get("/rest/scopes").code()).isEqualTo(404);
  }

  @Test
  void initialScopeUrisPutsANewNetworkInTheScope() {
    String scope = createScope("Net", List.of()).string("uri");

    TestClient.Resp created = ov.post("/rest/fcoe-networks",
        Map.of("name", "scoped", "vlanId", 99, "initialScopeUris", List.of(scope)));
    ov.task(created.location());

    assertThat(ov.get("/rest/fcoe-networks?scopeUris=" + TestClient.enc(scope)).members())
        .extracting(m -> m.get("name")).containsExactly("scoped");
  }

  @Test
  void initialScopeUrisPutsANewProfileAndEthernetNetworkInTheScope() {
    String scope = createScope("Mixed", List.of()).string("uri");
    Map<String, Object> profile = new java.util.LinkedHashMap<>(ov.newProfile("Docker-Gen8-Template", "p1",
        hardwareUri("Encl1, bay 1")));
    profile.put("initialScopeUris", List.of(scope));

    ov.task(ov.post("/rest/server-profiles", profile).location());
    ov.task(ov.post("/rest/ethernet-networks", Map.of("name", "n1", "vlanId", 300,
        "ethernetNetworkType", "Tagged", "initialScopeUris", List.of(scope))).location());
    TestClient.Resp unknownScope = ov.post("/rest/ethernet-networks", Map.of("name", "n2", "vlanId", 301,
        "initialScopeUris", List.of("/rest/scopes/nope")));

    assertThat(ov.get("/rest/server-profiles?scopeUris=" + TestClient.enc(scope)).members())
        .extracting(m -> m.get("name")).containsExactly("p1");
    assertThat(ov.get("/rest/ethernet-networks?scopeUris=" + TestClient.enc(scope)).members())
        .extracting(m -> m.get("name")).containsExactly("n1");
    assertThat(unknownScope.code()).isEqualTo(400);
  }
}
