package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Enclosures, FCoE networks, firmware drivers, scopes, labels, alerts and template changes over the generic client. */
final class TypedResourcesTest extends FakeApplianceFixture {
  private static final String TASK_URI = "/rest/tasks/T-9";

  private static MockResponse accepted() {
    return new MockResponse().setResponseCode(202).setHeader("Location", TASK_URI);
  }

  private RecordedRequest only() {
    assertThat(appliance.resourceRequests).hasSize(1);
    return appliance.resourceRequests.get(0);
  }

  @Test
  void enclosuresAreReadIntoTypedFieldsIgnoringFieldsTheSdkDoesNotModel() {
    appliance.handler = request -> json(200, "{\"total\":1,\"members\":[{\"type\":\"EnclosureV7\","
        + "\"uri\":\"/rest/enclosures/E1\",\"name\":\"Encl1\",\"serialNumber\":\"SGH100X6J1\",\"enclosureType\":\"C7000\","
        + "\"enclosureTypeUri\":\"/rest/enclosure-types/c7000\",\"enclosureGroupUri\":\"/rest/enclosure-groups/EG\","
        + "\"state\":\"Configured\",\"status\":\"OK\",\"deviceBayCount\":16,\"eTag\":\"e1\","
        + "\"deviceBays\":[{\"bayNumber\":1}],\"addedInVersion9000\":{\"x\":1}}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.enclosures().list()).containsExactly(new Enclosure("/rest/enclosures/E1", "Encl1", "SGH100X6J1",
          "C7000", "/rest/enclosure-types/c7000", "/rest/enclosure-groups/EG", "Configured", "OK", 16, "e1"));
    }
    assertThat(only().getPath()).isEqualTo("/rest/enclosures");
  }

  @Test
  void aNumberOfTheWrongKindReadsAsAbsentAndTheRestOfTheEnclosureStillReads() {
    appliance.handler = request -> json(200, "{\"uri\":\"/rest/enclosures/E1\",\"name\":\"Encl1\",\"deviceBayCount\":\"many\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Enclosure enclosure = ov.enclosures().get("/rest/enclosures/E1");
      assertThat(enclosure.name()).isEqualTo("Encl1");
      assertThat(enclosure.deviceBayCount()).isNull();
    }
  }

  @Test
  void aFieldOfTheWrongTypeFailsNamingTheResource() {
    appliance.handler = request -> json(200, "{\"uri\":\"/rest/enclosures/E1\",\"name\":{\"first\":\"Encl1\"}}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.enclosures().get("/rest/enclosures/E1"))
          .isInstanceOf(OneViewException.class)
          .hasMessageStartingWith("Cannot read enclosure /rest/enclosures/E1: ")
          .hasMessageContaining("$.name");
    }
  }

  @Test
  void aListedMemberOfTheWrongTypeFailsTheListingNamingTheMemberAsAGetWould() {
    appliance.handler = request -> json(200, "{\"total\":2,\"members\":[{\"uri\":\"/rest/enclosures/E1\",\"name\":\"Encl1\"},"
        + "{\"uri\":\"/rest/enclosures/E2\",\"name\":[\"Encl2\"]}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.enclosures().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageStartingWith("Cannot read enclosure /rest/enclosures/E2: ")
          .hasMessageContaining("$.name");
    }
  }

  @Test
  void aListedMemberWithoutUriFailsTheListingNamingIt() {
    appliance.handler = request -> json(200, "{\"total\":2,\"members\":[{\"uri\":\"/rest/enclosures/E1\",\"name\":\"Encl1\"},"
        + "{\"name\":\"Encl2\"}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.enclosures().list())
          .isInstanceOf(OneViewException.class).hasMessage("enclosure has no uri: Encl2");
    }
  }

  @Test
  void aPageThatIsNotJsonFailsTheListingNamingTheCollection() {
    appliance.handler = request -> json(200, "{\"total\":2,\"members\":[{\"uri\":");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.enclosures().list())
          .isInstanceOf(OneViewException.class).hasMessageStartingWith("Cannot read a page of /rest/enclosures: ");
      assertThatThrownBy(() -> ov.enclosures().stream(Query.all()).toList())
          .isInstanceOf(OneViewException.class).hasMessageStartingWith("Cannot read a page of /rest/enclosures: ");
    }
  }

  @Test
  void aMemberWithoutUriFailsNamingIt() {
    appliance.handler = request -> json(200, "{\"name\":\"SPP\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.firmwareDrivers().get("/rest/firmware-drivers/F1"))
          .isInstanceOf(OneViewException.class).hasMessage("firmware driver has no uri: SPP");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "200, fcoe-network",
      "500, fcoe-networkV300",
      "800, fcoe-networkV4",
      "2000, ''"})
  void fcoeNetworkCreateCarriesTheVersionedTypeBelowApi1600(int apiVersion, String type) throws Exception {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).apiVersion(apiVersion).build()) {
      PendingTask pending = ov.fcoeNetworks().create(FcoeNetwork.builder("FCoE-A", 1001).build());
      assertThat(pending.uri()).isEqualTo(TASK_URI);
    }
    RecordedRequest post = only();
    assertThat(post.getPath()).isEqualTo("/rest/fcoe-networks");
    Map<String, Object> expected = type.isEmpty()
        ? Map.of("name", "FCoE-A", "vlanId", 1001L)
        : Map.of("type", type, "name", "FCoE-A", "vlanId", 1001L);
    assertThat(Json.parseObject(post.getBody().readUtf8())).isEqualTo(expected);
  }

  @Test
  void fcoeNetworkDescriptionsAreChecked() {
    assertThatThrownBy(() -> FcoeNetwork.builder("x", 0)).hasMessage("vlanId must be 1..4094: 0");
    assertThatThrownBy(() -> FcoeNetwork.builder(" ", 10)).hasMessage("name is blank");
    assertThatThrownBy(() -> FcoeNetwork.builder("x", 10).managedSanUri("san")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("managedSanUri");
  }

  @Test
  void scopeCreateSendsTheVersionedTypeAndUpdateSendsIfMatch() throws Exception {
    appliance.handler = request -> request.getMethod().equals("GET")
        ? json(200, "{\"type\":\"ScopeV3\",\"uri\":\"/rest/scopes/S1\",\"name\":\"lab\",\"description\":null,\"eTag\":\"7\"}")
        : accepted();
    try (OneView ov = FakeAppliance.builder(server).apiVersion(2000).build()) {
      ov.scopes().create(Scope.builder("lab").description("the lab").build());
      Scope read = ov.scopes().get("/rest/scopes/S1");
      assertThat(read).isEqualTo(new Scope("/rest/scopes/S1", "lab", null, "7"));
      ov.scopes().update(read.withName("lab-2"));
      ov.scopes().delete("/rest/scopes/S1");
    }
    List<RecordedRequest> sent = appliance.resourceRequests;
    assertThat(sent.get(0).getPath()).isEqualTo("/rest/scopes");
    assertThat(Json.parseObject(sent.get(0).getBody().readUtf8()))
        .isEqualTo(Map.of("type", "ScopeV3", "name", "lab", "description", "the lab"));
    RecordedRequest put = sent.get(2);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo("/rest/scopes/S1");
    assertThat(put.getHeader("If-Match")).isEqualTo("7");
    assertThat(put.getBody().readUtf8())
        .isEqualTo("{\"type\":\"ScopeV3\",\"uri\":\"/rest/scopes/S1\",\"name\":\"lab-2\",\"description\":null,\"eTag\":\"7\"}");
    assertThat(sent.get(3).getMethod()).isEqualTo("DELETE");
    assertThat(sent.get(3).getPath()).isEqualTo("/rest/scopes/S1");
    assertThat(sent.get(3).getHeader("If-Match")).isEqualTo("*");
  }

  @Test
  void deletingAScopeReadSendsItsETagInIfMatch() throws Exception {
    appliance.handler = request -> new MockResponse().setResponseCode(204);
    try (OneView ov = FakeAppliance.builder(server).apiVersion(2000).build()) {
      ov.scopes().delete(new Scope("/rest/scopes/S1", "lab", null, "7"));
      assertThatThrownBy(() -> ov.scopes().delete(new Scope("/rest/scopes/S1", "lab", null, null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scope has no eTag");
    }
    RecordedRequest delete = only();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getPath()).isEqualTo("/rest/scopes/S1");
    assertThat(delete.getHeader("If-Match")).isEqualTo("7");
  }

  @Test
  void scopeUpdateWithoutETagIsRefused() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.scopes().update(new Scope("/rest/scopes/S1", "lab", null, null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("resource has no eTag");
    }
  }

  @Test
  void labelsOfAResourceAreReadAtItsFullUriAndAssignedByName() throws Exception {
    String profile = "/rest/server-profiles/b425802b";
    String labels = "{\"type\":\"ResourceLabels\",\"uri\":\"/rest/labels/resources" + profile + "\",\"resourceUri\":\""
        + profile + "\",\"category\":\"server-profiles\",\"labels\":[{\"uri\":\"/rest/labels/1\",\"name\":\"web\"},"
        + "{\"uri\":\"/rest/labels/2\",\"name\":\"prod\"}],\"eTag\":\"1\"}";
    appliance.handler = request -> request.getMethod().equals("POST") ? json(200, labels)
        : request.getMethod().equals("DELETE") ? new MockResponse().setResponseCode(204) : json(200, labels);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ResourceLabels assigned = ov.labels().assign(profile, List.of("web", "prod"));
      assertThat(assigned.names()).containsExactly("web", "prod");
      assertThat(assigned.labels().get(0)).isEqualTo(new Label("/rest/labels/1", "web"));
      ov.labels().unassignAll(profile);
    }
    List<RecordedRequest> sent = appliance.resourceRequests;
    assertThat(sent.get(0).getMethod()).isEqualTo("POST");
    assertThat(sent.get(0).getPath()).isEqualTo("/rest/labels/resources");
    assertThat(sent.get(0).getBody().readUtf8())
        .isEqualTo("{\"resourceUri\":\"" + profile + "\",\"labels\":[{\"name\":\"web\"},{\"name\":\"prod\"}]}");
    assertThat(sent.get(1).getPath()).isEqualTo("/rest/labels/resources" + profile);
    assertThat(sent.get(2).getMethod()).isEqualTo("DELETE");
    assertThat(sent.get(2).getPath()).isEqualTo("/rest/labels/resources" + profile);
  }

  @Test
  void labelsAreReplacedWithAPutAtTheResourcesLabelsUri() throws Exception {
    String hw = "/rest/server-hardware/H1";
    appliance.handler = request -> json(200, "{\"uri\":\"/rest/labels/resources" + hw + "\",\"resourceUri\":\"" + hw
        + "\",\"labels\":[{\"uri\":\"/rest/labels/3\",\"name\":\"db\"}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.labels().replace(hw, List.of("db")).names()).containsExactly("db");
    }
    RecordedRequest put = appliance.resourceRequests.get(0);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo("/rest/labels/resources" + hw);
    assertThat(put.getBody().readUtf8()).isEqualTo("{\"resourceUri\":\"" + hw + "\",\"labels\":[{\"name\":\"db\"}]}");
  }

  @Test
  void anAlertIsClearedWithAPutCarryingItsETag() throws Exception {
    appliance.handler = request -> json(200, "{\"uri\":\"/rest/alerts/42\",\"alertState\":\"Cleared\"}");
    Alert alert = new Alert("/rest/alerts/42", "Fan failed.", "Critical", "Active", "Cooling", null, null, null, "5");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      PendingTask pending = ov.alerts().setState(alert, "Cleared");
      assertThat(pending.task().state()).isEqualTo(TaskState.COMPLETED);
      assertThatThrownBy(() -> ov.alerts().setState(alert, "Locked"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("alertState must be Active or Cleared: Locked");
    }
    RecordedRequest put = only();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo("/rest/alerts/42");
    assertThat(put.getHeader("If-Match")).isEqualTo("5");
    assertThat(put.getBody().readUtf8()).isEqualTo("{\"alertState\":\"Cleared\",\"eTag\":\"5\"}");
  }

  @Test
  void labelArgumentsAreChecked() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.labels().assign("/rest/x/1", List.of())).hasMessage("names is empty");
      assertThatThrownBy(() -> ov.labels().labelsOf("https://host/rest/x/1"))
          .hasMessageStartingWith("resourceUri is not a OneView resource path");
    }
    assertThat(appliance.resourceRequests).isEmpty();
  }

  @Test
  void alertsDecodeTheirResourceAndHaveNoName() {
    appliance.handler = request -> json(200, "{\"total\":1,\"members\":[{\"type\":\"AlertResourceV3\",\"uri\":\"/rest/alerts/42\","
        + "\"description\":\"Power supply failed.\",\"severity\":\"Critical\",\"alertState\":\"Active\","
        + "\"healthCategory\":\"Power\",\"correctiveAction\":\"Replace it.\",\"associatedResource\":{"
        + "\"resourceUri\":\"/rest/enclosures/E1\",\"resourceName\":\"Encl1\",\"resourceCategory\":\"enclosures\","
        + "\"associationType\":\"HAS_A\"},\"created\":\"2026-12-06T10:00:00.000Z\",\"eTag\":\"3\"}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      List<Alert> active = ov.alerts().list(Query.builder().filter(Filter.eq("alertState", "Active")).build());
      assertThat(active).hasSize(1);
      Alert alert = active.get(0);
      assertThat(alert.resourceUri()).isEqualTo("/rest/enclosures/E1");
      assertThat(alert.associatedResource()).isEqualTo(new Alert.AssociatedResource("/rest/enclosures/E1", "Encl1", "enclosures"));
      assertThat(alert.severity()).isEqualTo("Critical");
      assertThatThrownBy(() -> ov.alerts().findByName("x"))
          .isInstanceOf(UnsupportedOperationException.class).hasMessage("/rest/alerts members have no name; list them with a Query");
    }
    assertThat(only().getRequestUrl().queryParameter("filter")).isEqualTo("\"alertState='Active'\"");
  }

  @Test
  void firmwareDriversAreReadAndDeleted() throws Exception {
    appliance.handler = request -> request.getMethod().equals("DELETE") ? accepted()
        : json(200, "{\"type\":\"firmware-baselines\",\"uri\":\"/rest/firmware-drivers/SPP_2024\",\"name\":\"Service Pack for ProLiant\","
            + "\"baselineShortName\":\"SPP2024\",\"version\":\"2024.01.0\",\"bundleType\":\"SPP\",\"state\":\"Created\","
            + "\"status\":\"OK\",\"isoFileName\":\"SPP2024.iso\",\"releaseDate\":\"2024-01-15\",\"eTag\":\"2\",\"fwComponents\":[]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      FirmwareDriver spp = ov.firmwareDrivers().get("/rest/firmware-drivers/SPP_2024");
      assertThat(spp).isEqualTo(new FirmwareDriver("/rest/firmware-drivers/SPP_2024", "Service Pack for ProLiant",
          "SPP2024", "2024.01.0", "SPP", "Created", "OK", "SPP2024.iso", "2024-01-15", "2"));
      assertThat(ov.firmwareDrivers().delete(spp.uri()).uri()).isEqualTo(TASK_URI);
    }
    assertThat(appliance.resourceRequests.get(1).getMethod()).isEqualTo("DELETE");
  }

  @Test
  void aCustomBaselineIsPostedWithItsSppAndHotfixes() throws Exception {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      PendingTask pending = ov.firmwareDrivers().createCustomBaseline("Docker-SPP", "/rest/firmware-drivers/SPP_2024",
          List.of("/rest/firmware-drivers/hotfix-1"));
      assertThat(pending.uri()).isEqualTo(TASK_URI);
      assertThatThrownBy(() -> ov.firmwareDrivers().createCustomBaseline(" ", "/rest/firmware-drivers/SPP_2024", List.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("name is blank");
      assertThatThrownBy(() -> ov.firmwareDrivers().createCustomBaseline("x", "SPP_2024", List.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("baselineUri is not a OneView resource URI");
    }
    RecordedRequest post = only();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/rest/firmware-drivers");
    assertThat(Json.parseObject(post.getBody().readUtf8())).isEqualTo(Map.of("customBaselineName", "Docker-SPP",
        "baselineUri", "/rest/firmware-drivers/SPP_2024", "hotfixUris", List.of("/rest/firmware-drivers/hotfix-1")));
  }

  @ParameterizedTest
  @CsvSource({
      "300, ServerProfileTemplateV2",
      "1200, ServerProfileTemplateV7",
      "2000, ''"})
  void templateCreateCarriesTheVersionedType(int apiVersion, String type) throws Exception {
    appliance.handler = request -> accepted();
    ServerProfileTemplate template = ServerProfileTemplate.of(Map.of("name", "T1",
        "serverHardwareTypeUri", "/rest/server-hardware-types/SHT"));
    try (OneView ov = FakeAppliance.builder(server).apiVersion(apiVersion).build()) {
      assertThat(ov.serverProfileTemplates().create(template).uri()).isEqualTo(TASK_URI);
    }
    RecordedRequest post = only();
    assertThat(post.getPath()).isEqualTo("/rest/server-profile-templates");
    Map<String, Object> body = Json.parseObject(post.getBody().readUtf8());
    assertThat(body).containsEntry("name", "T1").containsEntry("serverHardwareTypeUri", "/rest/server-hardware-types/SHT");
    if (type.isEmpty()) assertThat(body).doesNotContainKey("type");
    else assertThat(body).containsEntry("type", type);
  }

  @Test
  void templateUpdateKeepsEveryFieldAndSendsIfMatchAndDeleteDeletes() throws Exception {
    appliance.handler = request -> accepted();
    ServerProfileTemplate template = ServerProfileTemplate.fromJson("{\"type\":\"ServerProfileTemplateV8\","
        + "\"uri\":\"/rest/server-profile-templates/T1\",\"name\":\"T1\",\"eTag\":\"e5\",\"unmodelled\":{\"a\":[1,2]}}")
        .with("description", "changed");
    try (OneView ov = FakeAppliance.builder(server).apiVersion(2000).build()) {
      ov.serverProfileTemplates().update(template);
      ov.serverProfileTemplates().delete("/rest/server-profile-templates/T1");
      assertThatThrownBy(() -> ov.serverProfileTemplates().update(template.with("eTag", null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("resource has no eTag");
    }
    RecordedRequest put = appliance.resourceRequests.get(0);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo("/rest/server-profile-templates/T1");
    assertThat(put.getHeader("If-Match")).isEqualTo("e5");
    assertThat(put.getBody().readUtf8()).isEqualTo(template.toJson());
    assertThat(appliance.resourceRequests.get(1).getMethod()).isEqualTo("DELETE");
    assertThat(appliance.resourceRequests).hasSize(2);
  }

  @Test
  void typedClientsExposeTheirGenericClient() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.enclosures().resources().collectionUri()).isEqualTo("/rest/enclosures");
      assertThat(ov.fcoeNetworks().resources().collectionUri()).isEqualTo("/rest/fcoe-networks");
      assertThat(ov.scopes().resources().collectionUri()).isEqualTo("/rest/scopes");
      assertThat(ov.labels().resources().collectionUri()).isEqualTo("/rest/labels");
      assertThat(ov.alerts().resources().collectionUri()).isEqualTo("/rest/alerts");
      assertThat(ov.firmwareDrivers().resources().collectionUri()).isEqualTo("/rest/firmware-drivers");
      assertThat(((TypedResourceClient<?>) ov.fcNetworks()).resources().collectionUri()).isEqualTo("/rest/fc-networks");
    }
  }

  @Test
  void pendingTasksAwaitThroughTheTaskClient() {
    appliance.handler = request -> request.getMethod().equals("DELETE") ? accepted()
        : json(200, "{\"uri\":\"" + TASK_URI + "\",\"name\":\"Delete\",\"taskState\":\"Error\",\"taskErrors\":"
            + "[{\"errorCode\":\"IN_USE\",\"message\":\"The network is in use.\"}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      PendingTask pending = ov.fcoeNetworks().delete("/rest/fcoe-networks/N1");
      assertThatThrownBy(() -> pending.await(Duration.ofSeconds(10)))
          .isInstanceOf(TaskFailedException.class).hasMessageContaining("IN_USE");
    }
  }
}
