package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays what InfraKit's real Go group controllers sent (fixtures) against the reference plugin. */
class WireReplayTest {
  private static final Pattern METHOD = Pattern.compile("\"method\":\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)}$");

  @ParameterizedTest(name = "Instance/{0}")
  @ValueSource(strings = {"0.5.0", "0.6.0", "0.6.1"})
  void everyRecordedRequestGetsAResponseTheGoClientAccepts(String version) throws IOException {
    List<String> lines = fixture("group-controller-requests-" + version + ".jsonl");
    assertThat(lines).isNotEmpty();
    InMemoryInstancePlugin plugin = new InMemoryInstancePlugin("fake-");
    // The recordings destroy and label fake-1..fake-7, which the Go fake plugin had created earlier.
    for (int i = 1; i <= 7; i++) {
      plugin.provision(InstanceSpec.builder().properties("{}").tag("infrakit.group", "workers")
          .tag("infrakit.config_sha", "bootstrap").build());
    }
    try (TempPluginsDir dir = new TempPluginsDir();
        PluginServer server = PluginServer.builder().name("instance-oneview").pluginsDirectory(dir.path)
            .instancePlugin(plugin).shutdownHook(false).build().start();
        UnixHttp http = new UnixHttp(server.socketPath())) {
      for (String line : lines) {
        String method = find(METHOD, line);
        String id = find(ID, line);
        UnixHttp.Answer answer = http.post(line);

        assertThat(answer.status()).as(line).isEqualTo(200);
        assertThat(answer.body()).as("id echoed as the original digits").endsWith(",\"id\":" + id + "}");
        Map<String, Object> response = JsonTree.object(answer.body());
        assertThat(response).as(answer.body()).containsEntry("jsonrpc", "2.0").doesNotContainKey("error");
        Map<String, Object> result = JsonTree.map(response.get("result"));
        assertThat(result).as(answer.body()).isNotNull();
        assertResultShape(method, result, version);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertResultShape(String method, Map<String, Object> result, String version) {
    switch (method) {
      case "Handshake.Hello":
        assertThat(JsonTree.map(result.get("Objects")).get("Instance/" + version))
            .isEqualTo(List.of(Map.of("Name", ".", "ProxyFor", "")));
        break;
      case "Handshake.Implements":
        assertThat((List<Object>) result.get("APIs")).contains((Object) Map.of("Name", "Instance", "Version", version, "Sub", ""));
        break;
      case "Instance.Validate":
      case "Instance.Label":
      case "Instance.Destroy":
        assertThat(result).isEqualTo(Map.of("Type", "", "OK", true));
        break;
      case "Instance.Provision":
        assertThat(result).containsEntry("Type", "").containsKey("ID");
        assertThat(result.get("ID")).isInstanceOf(String.class).asString().isNotBlank();
        break;
      case "Instance.DescribeInstances":
        assertThat(result).containsEntry("Type", "").containsKey("Descriptions");
        List<?> descriptions = (List<?>) result.get("Descriptions");
        for (Object o : descriptions) {
          Map<String, Object> d = JsonTree.map(o);
          assertThat(d).containsKeys("ID", "LogicalID", "Tags");
          assertThat(d.get("ID")).isInstanceOf(String.class);
          assertThat(d.get("Tags")).isInstanceOf(Map.class);
        }
        break;
      default:
        throw new AssertionError("fixture has a method this test does not know: " + method);
    }
  }

  private static String find(Pattern p, String line) {
    Matcher m = p.matcher(line);
    assertThat(m.find()).as(p + " in " + line).isTrue();
    return m.group(1);
  }

  private static List<String> fixture(String name) throws IOException {
    try (InputStream in = WireReplayTest.class.getResourceAsStream("/fixtures/infrakit-wire/" + name)) {
      assertThat(in).as(name).isNotNull();
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
      return lines;
    }
  }
}
