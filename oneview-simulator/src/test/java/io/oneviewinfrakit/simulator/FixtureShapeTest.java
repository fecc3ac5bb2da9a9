package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Simulated documents have the field names and JSON value types of real appliance documents
 * (fixtures/oneview, captured at API 200, so compared at X-API-Version 200). A null in the fixture
 * says nothing about the type, so only the field's presence is checked.
 */
class FixtureShapeTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/oneview");
  private static OneViewSimulator sim;
  private static TestClient ov;

  @BeforeAll
  static void start() {
    sim = OneViewSimulator.builder().servers(40).build().start();
    ov = new TestClient(sim).login().version("200");
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fixture(String name) throws IOException {
    return (Map<String, Object>) TestClient.JSON.fromJson(Files.readString(FIXTURES.resolve(name)));
  }

  @Test
  void bladeServerHardwareHasTheShapeOfTheRealDocument() throws IOException {
    assertSameShape(ov.hardware("Encl1, bay 1"), fixture("python-oneviewclient/server-hardware.json"));
  }

  @Test
  void collectionEnvelopesHaveTheShapeOfTheRealDocuments() throws IOException {
    assertSameEnvelope(ov.get("/rest/server-hardware").map(),
        fixture("python-oneviewclient/server-hardware-collection-page.json"));
    assertSameEnvelope(ov.get("/rest/server-profile-templates").map(),
        fixture("oneview-sdk-java/server-profile-template-collection.json"));
    assertSameEnvelope(ov.get("/rest/server-profiles").map(),
        fixture("oneview-sdk-java/server-profile-collection.json"));
  }

  @Test
  void templateHasTheShapeOfTheRealDocument() throws IOException {
    assertSameShape(ov.template("Docker-Gen8-Template"), fixture("oneview-sdk-java/server-profile-template.json"));
    assertSameShape(ov.template("Docker-Gen8-Template"), fixture("python-oneviewclient/server-profile-template.json"));
  }

  @Test
  void profileAndItsCompletedTaskHaveTheShapeOfTheRealDocuments() throws IOException {
    String hw = (String) ov.hardware("Encl1, bay 1").get("uri");
    TestClient.Resp created = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "shape-1", hw));
    TestClient.Resp task = ov.task(created.location());
    String uri = (String) task.object("associatedResource").get("resourceUri");

    assertSameShape(task.map(), fixture("oneview-sdk-java/task-completed-create-profile.json"));
    assertSameShape(ov.get(uri).map(), fixture("oneview-sdk-java/server-profile.json"));
  }

  @Test
  void runningAndFailedTasksHaveTheShapeOfTheRealDocuments() throws IOException {
    sim.holdTasks(TaskKind.PROFILE_CREATE);
    String hw = (String) ov.hardware("Encl1, bay 3").get("uri");
    TestClient.Resp created = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "shape-2", hw));
    assertSameShape(ov.task(created.location()).map(), fixture("oneview-golang/task-starting.json"));
    sim.releaseTasks();
    ov.task(created.location());

    TestClient.Resp clash = ov.post("/rest/server-profiles", ov.newProfile("Docker-Gen8-Template", "shape-3", hw));
    assertSameShape(ov.task(clash.location()).map(), fixture("oneview-golang/task-error.json"));
  }

  @Test
  void errorsVersionAndLoginHaveTheShapeOfTheRealDocuments() throws IOException {
    TestClient anonymous = new TestClient(sim);
    Map<String, Object> authorization = fixture("github-issues/error-authorization.json");
    // The 2015 capture predates messageParameters, which OneView 5 errors carry (next test).
    authorization.put("messageParameters", List.of());
    assertSameShape(anonymous.get("/rest/server-hardware").map(), authorization);
    assertSameShape(anonymous.get("/rest/version").map(), fixture("oneview-ansible/version.json"));
    Map<String, Object> login = anonymous.post("/rest/login-sessions",
        Map.of("userName", sim.username(), "password", sim.password())).map();
    assertThat(login.get("sessionID")).isInstanceOf(String.class);
    assertThat(login.keySet()).containsAll(fixture("oneview-sdk-ruby/login-session.json").keySet());
  }

  @Test
  void sessionLimitErrorCarriesTheRealFields() throws IOException {
    try (OneViewSimulator limited = OneViewSimulator.builder().sessionLimitPerClient(1).build().start()) {
      TestClient c = new TestClient(limited).login();
      Map<String, Object> error = c.post("/rest/login-sessions",
          Map.of("userName", limited.username(), "password", limited.password())).map();
      Map<String, Object> real = fixture("github-issues/error-session-client-limit.json");
      assertSameShape(error, real);
      assertThat(error.get("messageParameters")).isEqualTo(List.of("127.0.0.1"));
    }
  }

  private static void assertSameEnvelope(Map<String, Object> actual, Map<String, Object> fixture) {
    assertThat(new TreeSet<>(actual.keySet())).isEqualTo(new TreeSet<>(fixture.keySet()));
    for (String key : fixture.keySet()) {
      if (fixture.get(key) != null && !key.equals("members")) {
        assertThat(type(actual.get(key))).as(key).isEqualTo(type(fixture.get(key)));
      }
    }
  }

  /** Same keys at the top; same JSON types where the fixture has a value; nested objects alike. */
  static void assertSameShape(Map<String, Object> actual, Map<String, Object> fixture) {
    assertThat(new TreeSet<>(actual.keySet())).as("field names").isEqualTo(new TreeSet<>(fixture.keySet()));
    List<String> problems = new ArrayList<>();
    compare("", actual, fixture, problems);
    assertThat(problems).as("type differences").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static void compare(String path, Object actual, Object fixture, List<String> problems) {
    if (fixture == null) {
      return;
    }
    if (!type(actual).equals(type(fixture))) {
      problems.add(path + ": " + type(actual) + " but the real document has " + type(fixture));
      return;
    }
    if (fixture instanceof Map<?, ?> f) {
      Map<String, Object> a = (Map<String, Object>) actual;
      for (Map.Entry<?, ?> e : f.entrySet()) {
        String key = (String) e.getKey();
        if (!a.containsKey(key)) {
          problems.add(path + "." + key + ": missing");
        } else {
          compare(path + "." + key, a.get(key), e.getValue(), problems);
        }
      }
    } else if (fixture instanceof List<?> f && !f.isEmpty() && !((List<?>) actual).isEmpty()
        && f.get(0) instanceof Map && ((List<?>) actual).get(0) instanceof Map) {
      // Elements differ in content (connections, ports); compare the fields both sides have.
      Map<String, Object> fa = (Map<String, Object>) f.get(0);
      Map<String, Object> aa = (Map<String, Object>) ((List<?>) actual).get(0);
      for (String key : fa.keySet()) {
        if (aa.containsKey(key)) {
          compare(path + "[0]." + key, aa.get(key), fa.get(key), problems);
        }
      }
    }
  }

  private static String type(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "object";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    return "string";
  }
}
