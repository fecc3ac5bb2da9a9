package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every captured OneView document parses through the typed models. */
final class FixturesTest {
  static Stream<String> fixtures() throws IOException {
    Path root = FakeAppliance.fixturesRoot();
    try (Stream<Path> files = Files.walk(root)) {
      List<String> names = files.filter(p -> p.toString().endsWith(".json"))
          .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(20);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixtureParsesThroughTypedModels(String name) {
    Map<String, Object> json = Json.parseObject(FakeAppliance.fixture(name));
    if (json.containsKey("members")) {
      List<Map<String, Object>> members = Json.objects(json, "members");
      assertThat(members).isNotEmpty();
      assertThat(Json.longValue(json, "total")).isNotNull();
      for (Map<String, Object> member : members) parseResource(member, name);
    } else if (json.containsKey("targets")) {
      // Available targets: bays with or without servers; numbers must stay integers.
      assertThat(Json.objects(json, "targets")).isNotEmpty()
          .allSatisfy(target -> assertThat(target.get("enclosureBay")).isInstanceOfAny(Long.class, Void.class));
    } else {
      parseResource(json, name);
    }
  }

  /** Listings read models straight from a page's text: they must equal what the parsed document gives. */
  @ParameterizedTest
  @MethodSource("fixtures")
  void modelsReadStraightFromAPageEqualThoseDecodedFromTheParsedDocument(String name) {
    String text = FakeAppliance.fixture(name);
    Map<String, Object> json = Json.parseObject(text);
    String page = json.containsKey("members") ? text : "{\"members\":[" + text + "]}";
    List<Map<String, Object>> documents = json.containsKey("members") ? Json.objects(json, "members") : List.of(json);
    Members<?> members = bindingOf(documents.get(0));
    if (members == null) return; // not a listed model (a session, an error, a version)
    Page<?> read = Page.read(0, ResponseBody.create(page, MediaType.get("application/json")), members, "/rest/x");
    assertThat(read.members()).isEqualTo(documents.stream().map(members::decode).toList());
    assertThat(read.uris()).isEqualTo(documents.stream().map(d -> Json.string(d, "uri")).toList());
  }

  private static Members<?> bindingOf(Map<String, Object> json) {
    String type = String.valueOf(json.get("type"));
    if (type.startsWith("TaskResource")) return ModelJson.TASK;
    if (type.startsWith("ServerProfile")) return Members.DOCUMENTS;
    if ("server-hardware".equals(json.get("category")) && type.startsWith("server-hardware")) {
      return ModelJson.SERVER_HARDWARE;
    }
    return null;
  }

  private static void parseResource(Map<String, Object> json, String name) {
    String type = String.valueOf(json.get("type"));
    String category = String.valueOf(json.get("category"));
    if (json.containsKey("sessionID")) {
      assertThat(Json.string(json, "sessionID")).isNotBlank();
    } else if (json.containsKey("currentVersion")) {
      assertThat(Json.longValue(json, "currentVersion")).isEqualTo(500L);
      assertThat(Json.longValue(json, "minimumVersion")).isEqualTo(120L);
    } else if (json.containsKey("errorCode")) {
      OneViewError error = OneViewError.fromJson(json);
      assertThat(error.errorCode()).isNotBlank();
      assertThat(error.message()).isNotBlank();
      assertThat(error.recommendedActions()).isNotEmpty();
    } else if (type.startsWith("TaskResource")) {
      Task task = Task.fromJson(json);
      assertThat(task.uri()).startsWith("/rest/tasks/");
      assertThat(task.state()).isNotEqualTo(TaskState.UNKNOWN);
    } else if (type.startsWith("ServerProfileTemplate")) {
      ServerProfileTemplate template = ServerProfileTemplate.of(json);
      assertThat(template.uri()).startsWith("/rest/server-profile-templates/");
      assertThat(template.serverHardwareTypeUri()).startsWith("/rest/server-hardware-types/");
      assertThat(template.json()).isEqualTo(json);
    } else if (type.startsWith("ServerProfile")) {
      ServerProfile profile = ServerProfile.of(json);
      assertThat(profile.uri()).startsWith("/rest/server-profiles/");
      assertThat(profile.status()).isNotEqualTo(Status.UNKNOWN);
      assertThat(profile.json()).isEqualTo(json);
    } else if (category.equals("server-hardware") && type.startsWith("server-hardware")) {
      ServerHardware hardware = ServerHardware.fromJson(json);
      assertThat(hardware.uri()).startsWith("/rest/server-hardware/");
      assertThat(hardware.state()).isNotEqualTo(ServerHardwareState.UNKNOWN);
      assertThat(hardware.powerState()).isNotEqualTo(PowerState.UNKNOWN);
    } else if (type.equals("IndexResource")) {
      // Index search hit: the server's attributes are nested under "attributes".
      assertThat(Json.string(json, "uri")).startsWith("/rest/server-hardware/");
      assertThat(Json.object(json, "attributes")).isNotEmpty();
    } else {
      throw new AssertionError("No typed model for a document in " + name + ": type=" + type);
    }
  }
}
