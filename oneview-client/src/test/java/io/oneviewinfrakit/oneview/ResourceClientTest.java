package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The generic client: any collection, lossless documents, changes as task handles. */
final class ResourceClientTest extends FakeApplianceFixture {
  private static final String ENCLOSURE_URI = "/rest/enclosures/0000000000A66101";
  private static final String TASK_URI = "/rest/tasks/T-1";
  private static final String ENCLOSURE = "{\"type\":\"EnclosureV7\",\"uri\":\"" + ENCLOSURE_URI + "\",\"name\":\"Encl1\","
      + "\"serialNumber\":\"SGH100X6J1\",\"deviceBayCount\":16,\"powerAllocatedWatts\":2.50,"
      + "\"deviceBays\":[{\"bayNumber\":1,\"devicePresence\":\"Present\"}],\"eTag\":\"1458674574018/3\","
      + "\"futureField\":{\"nested\":[true,null]}}";

  private static MockResponse accepted() {
    return new MockResponse().setResponseCode(202).setHeader("Location", TASK_URI);
  }

  private static MockResponse completedTask(String resourceUri) {
    return json(200, "{\"type\":\"TaskResourceV2\",\"uri\":\"" + TASK_URI + "\",\"name\":\"Create\",\"taskState\":\"Completed\","
        + "\"percentComplete\":100,\"associatedResource\":{\"resourceUri\":\"" + resourceUri + "\"}}");
  }

  @Test
  void listsAnyCollectionAsLosslessDocuments() {
    appliance.handler = request -> json(200, "{\"total\":1,\"count\":1,\"members\":[" + ENCLOSURE + "]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      List<Resource> enclosures = ov.resources("/rest/enclosures").list();
      assertThat(enclosures).hasSize(1);
      Resource enclosure = enclosures.get(0);
      assertThat(enclosure.uri()).isEqualTo(ENCLOSURE_URI);
      assertThat(enclosure.name()).isEqualTo("Encl1");
      assertThat(enclosure.type()).isEqualTo("EnclosureV7");
      assertThat(enclosure.eTag()).isEqualTo("1458674574018/3");
      assertThat(enclosure.get("deviceBayCount")).isEqualTo(16L);
      assertThat(enclosure.get("powerAllocatedWatts")).isEqualTo(new BigDecimal("2.50"));
      // Written back, every field and number is as the appliance sent it.
      assertThat(enclosure.toJson()).isEqualTo(ENCLOSURE);
    }
    assertThat(appliance.resourceRequests.get(0).getPath()).isEqualTo("/rest/enclosures");
  }

  @Test
  void getAndFindByNameReadTheCollectionThroughTheSharedSession() {
    appliance.handler = request -> request.getPath().startsWith(ENCLOSURE_URI)
        ? json(200, ENCLOSURE)
        : json(200, "{\"total\":1,\"members\":[" + ENCLOSURE + "]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ResourceClient enclosures = ov.resources("/rest/enclosures");
      assertThat(enclosures.get(ENCLOSURE_URI).string("serialNumber")).isEqualTo("SGH100X6J1");
      assertThat(enclosures.findByName("Encl1")).map(Resource::uri).contains(ENCLOSURE_URI);
      assertThat(enclosures.findByName("encl1")).isEmpty();
    }
    assertThat(appliance.logins.get()).isEqualTo(1);
    assertThat(appliance.resourceRequests.get(1).getRequestUrl().queryParameter("filter")).isEqualTo("\"name=='Encl1'\"");
  }

  @Test
  void streamFetchesPagesLazilyWithTheSelection() {
    appliance.handler = request -> json(200, "{\"start\":0,\"count\":1,\"total\":1,\"members\":[" + ENCLOSURE + "]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      try (var stream = ov.resources("/rest/enclosures").stream(Query.builder().filter(Filter.eq("state", "Configured")).build())) {
        assertThat(stream.map(Resource::name)).containsExactly("Encl1");
      }
    }
    assertThat(appliance.resourceRequests.get(0).getRequestUrl().queryParameter("filter")).isEqualTo("\"state='Configured'\"");
  }

  @Test
  void aHandleReadsTheTasksCurrentStateAndReportsProgress() {
    java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
    appliance.handler = request -> {
      if (request.getMethod().equals("DELETE")) return accepted();
      return polls.incrementAndGet() < 3
          ? json(200, "{\"uri\":\"" + TASK_URI + "\",\"taskState\":\"Running\",\"percentComplete\":40}")
          : completedTask(ENCLOSURE_URI);
    };
    List<Task> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      PendingTask pending = ov.resources("/rest/enclosures").delete(ENCLOSURE_URI);
      assertThat(pending.refresh().state()).isEqualTo(TaskState.RUNNING);
      assertThat(pending.await(Duration.ofSeconds(10), progress::add).state()).isEqualTo(TaskState.COMPLETED);
    }
    assertThat(progress).extracting(Task::percentComplete).contains(40);
  }

  @Test
  void errorsMapToTheSdksExceptions() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.resources("/rest/enclosures").get("/rest/enclosures/nope"))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessage("GET /rest/enclosures/nope failed: HTTP 404: RESOURCE_NOT_FOUND: Resource not found.");
    }
  }

  @Test
  void createPostsTheDocumentAndItsHandleAwaitsTheTaskForTheNewUri() throws Exception {
    appliance.handler = request -> request.getMethod().equals("POST") ? accepted() : completedTask(ENCLOSURE_URI);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Resource spec = Resource.of(Map.of("name", "Encl1"))
          .with("hostname", "172.18.1.11").with("licensingIntent", "OneView");
      PendingTask pending = ov.resources("/rest/enclosures").create(spec);
      assertThat(pending.uri()).isEqualTo(TASK_URI);
      assertThat(pending.awaitResourceUri(Duration.ofSeconds(10))).isEqualTo(ENCLOSURE_URI);
    }
    RecordedRequest post = appliance.resourceRequests.get(0);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/rest/enclosures");
    assertThat(Json.parseObject(post.getBody().readUtf8()))
        .isEqualTo(Map.of("name", "Encl1", "hostname", "172.18.1.11", "licensingIntent", "OneView"));
  }

  @Test
  void createAndAwaitUriReturnsTheCreatedResourcesUri() {
    appliance.handler = request -> request.getMethod().equals("POST") ? accepted() : completedTask("/rest/scopes/S-1");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.resources("/rest/scopes").createAndAwaitUri(Resource.of(Map.of("name", "lab")), Duration.ofSeconds(10)))
          .isEqualTo("/rest/scopes/S-1");
    }
  }

  @Test
  void aSynchronousCreateIsAnAlreadyCompletedHandleNamingTheResource() {
    appliance.handler = request -> json(201, "{\"type\":\"ScopeV3\",\"uri\":\"/rest/scopes/S-2\",\"name\":\"lab\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      PendingTask pending = ov.resources("/rest/scopes").create(Resource.of(Map.of("name", "lab")));
      assertThat(pending.task().state()).isEqualTo(TaskState.COMPLETED);
      assertThat(pending.awaitResourceUri(Duration.ofSeconds(10))).isEqualTo("/rest/scopes/S-2");
    }
    assertThat(appliance.resourceRequests).hasSize(1); // nothing polled
  }

  @Test
  void aCompletedTaskNamingNoResourceFailsClearly() {
    appliance.handler = request -> request.getMethod().equals("DELETE") ? accepted()
        : json(200, "{\"uri\":\"" + TASK_URI + "\",\"name\":\"Delete\",\"taskState\":\"Completed\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      PendingTask pending = ov.resources("/rest/enclosures").delete(ENCLOSURE_URI);
      assertThatThrownBy(() -> pending.awaitResourceUri(Duration.ofSeconds(10)))
          .isInstanceOf(OneViewException.class)
          .hasMessage("Task " + TASK_URI + " (Delete) ended COMPLETED without naming a resource (associatedResource.resourceUri)");
    }
  }

  @Test
  void theHandlesFutureCompletesWithTheFinalTask() throws Exception {
    appliance.handler = request -> request.getMethod().equals("DELETE") ? accepted() : completedTask(ENCLOSURE_URI);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Task done = ov.resources("/rest/enclosures").delete(ENCLOSURE_URI).future(Duration.ofSeconds(10))
          .get(10, TimeUnit.SECONDS);
      assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
      assertThat(ov.tasks().handle(done).awaitResourceUri(Duration.ofSeconds(1))).isEqualTo(ENCLOSURE_URI);
    }
    RecordedRequest delete = appliance.resourceRequests.get(0);
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getPath()).isEqualTo(ENCLOSURE_URI);
  }

  @Test
  void updatePutsTheWholeDocumentWithItsETagAsIfMatch() throws Exception {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Resource enclosure = Resource.fromJson(ENCLOSURE).with("name", "Encl1-renamed");
      ov.resources("/rest/enclosures").update(enclosure);
    }
    RecordedRequest put = appliance.resourceRequests.get(0);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo(ENCLOSURE_URI);
    assertThat(put.getHeader("If-Match")).isEqualTo("1458674574018/3");
    assertThat(put.getBody().readUtf8()).isEqualTo(ENCLOSURE.replace("\"Encl1\"", "\"Encl1-renamed\""));
  }

  @Test
  void updateWithoutUriOrETagIsRefusedBeforeAnyRequest() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ResourceClient enclosures = ov.resources("/rest/enclosures");
      assertThatThrownBy(() -> enclosures.update(Resource.of(Map.of("name", "x"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("resource has no uri");
      assertThatThrownBy(() -> enclosures.update(Resource.fromJson(ENCLOSURE).without("eTag")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("resource has no eTag");
    }
    assertThat(appliance.resourceRequests).isEmpty();
  }

  @Test
  void deleteWithForceSendsTheForceParameter() throws Exception {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.resources("/rest/enclosures").delete(ENCLOSURE_URI, true);
    }
    assertThat(appliance.resourceRequests.get(0).getPath()).isEqualTo(ENCLOSURE_URI + "?force=true");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "200, application/json",
      "300, application/json-patch+json"})
  void patchSendsJsonPatchOperations(int apiVersion, String contentType) throws Exception {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).apiVersion(apiVersion).build()) {
      ov.resources("/rest/server-hardware").patch("/rest/server-hardware/H1",
          List.of(Map.of("op", "replace", "path", "/uidState", "value", "On")));
    }
    RecordedRequest patch = appliance.resourceRequests.get(0);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo("/rest/server-hardware/H1");
    assertThat(patch.getHeader("Content-Type")).isEqualTo(contentType);
    assertThat(Json.parseObject("{\"ops\":" + patch.getBody().readUtf8() + "}"))
        .isEqualTo(Map.of("ops", List.of(Map.of("op", "replace", "path", "/uidState", "value", "On"))));
  }

  @Test
  void patchOperationsAreCheckedBeforeAnyRequest() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ResourceClient hardware = ov.resources("/rest/server-hardware");
      assertThatThrownBy(() -> hardware.patch("/rest/server-hardware/H1", List.of()))
          .hasMessage("operations is empty");
      assertThatThrownBy(() -> hardware.patch("/rest/server-hardware/H1", List.of(Map.of("op", "set", "path", "/a"))))
          .hasMessageStartingWith("Not a JSON Patch op (add, remove, replace, move, copy, test): set");
      assertThatThrownBy(() -> hardware.patch("/rest/server-hardware/H1", List.of(Map.of("op", "remove", "path", "a"))))
          .hasMessageStartingWith("JSON Patch path must start with /: a");
      assertThatThrownBy(() -> hardware.patch("/rest/server-hardware/H1",
          List.of(Map.of("op", "add", "path", "/a", "value", new Object()))))
          .hasMessageStartingWith("operations hold a value that is not JSON");
    }
    assertThat(appliance.resourceRequests).isEmpty();
  }

  @Test
  void deleteAllSendsTheSelectionOnTheCollection() {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.resources("/rest/alerts").deleteAll(Query.builder()
          .filter(Filter.eq("alertState", "Cleared")).filter(Filter.eq("severity", "Warning")).build());
    }
    RecordedRequest delete = appliance.resourceRequests.get(0);
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getPath())
        .isEqualTo("/rest/alerts?filter=%22alertState%3D%27Cleared%27%22&filter=%22severity%3D%27Warning%27%22");
  }

  @Test
  void deleteAllWithoutASelectionIsRefused() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.resources("/rest/alerts").deleteAll(Query.builder().sort("created:desc").build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("deleteAll needs a filter, query or scopeUris")
          .hasMessageContaining("would delete every member of /rest/alerts");
    }
    assertThat(appliance.resourceRequests).isEmpty();
  }

  @Test
  void collectionUriIsCheckedNamingIt() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      for (String bad : List.of("rest/enclosures", "/rest/enclosures/", "/rest/enclosures?count=1", "/api/x", "/rest/a b")) {
        assertThatThrownBy(() -> ov.resources(bad))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Not a OneView collection URI such as /rest/enclosures (no query, no trailing slash): \"" + bad + "\"");
      }
    }
  }

  @Test
  void documentsAreImmutableValues() {
    Resource original = Resource.fromJson(ENCLOSURE);
    Resource renamed = original.with("name", "other");
    assertThat(original.name()).isEqualTo("Encl1");
    assertThat(renamed.name()).isEqualTo("other");
    assertThat(renamed.without("name").json()).doesNotContainKey("name");
    assertThat(Resource.fromJson(ENCLOSURE)).isEqualTo(original).hasSameHashCodeAs(original);
    assertThatThrownBy(() -> original.json().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(original.toString()).isEqualTo("Resource{uri=" + ENCLOSURE_URI + ", name=Encl1}");
  }
}
