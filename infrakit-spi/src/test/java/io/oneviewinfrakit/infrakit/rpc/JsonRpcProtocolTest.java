package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON-RPC contract of {@link PluginServer} as raw HTTP on its socket, the way the Go client sees it. */
class JsonRpcProtocolTest {
  private final FakeInstancePlugin plugin = new FakeInstancePlugin();
  private TempPluginsDir dir;
  private PluginServer server;
  private UnixHttp http;

  @BeforeEach
  void start() {
    dir = new TempPluginsDir();
    server = PluginServer.builder().name("instance-p").pluginsDirectory(dir.path)
        .instancePlugin(plugin).instancePlugin("gpu", new InMemoryInstancePlugin())
        .maxRequestBytes(4096).shutdownHook(false).build().start();
    http = new UnixHttp(server.socketPath());
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
    dir.close();
  }

  private Map<String, Object> error(UnixHttp.Answer answer) {
    assertThat(answer.status()).isEqualTo(200);
    Map<String, Object> response = JsonTree.object(answer.body());
    assertThat(response).containsEntry("jsonrpc", "2.0").containsKeys("error", "id").doesNotContainKey("result");
    Map<String, Object> error = JsonTree.map(response.get("error"));
    assertThat(error).containsOnlyKeys("code", "message", "data").containsEntry("data", null);
    return error;
  }

  @Test
  void successIsAJsonResponseWithTheResultAndTheIdAsSent() {
    UnixHttp.Answer answer = http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\","
        + "\"params\":{\"Type\":\"\",\"Properties\":{}},\"id\":18446744073709551615}");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.body())
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"Type\":\"\",\"OK\":true},\"id\":18446744073709551615}");
  }

  @Test
  void stringAndNullIdsAreEchoedExactly() {
    assertThat(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"params\":{},\"id\":\"a\\u00e9\\\"b\"}").body())
        .endsWith(",\"id\":\"a\\u00e9\\\"b\"}");
    assertThat(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"params\":{},\"id\":null}").body())
        .endsWith(",\"id\":null}");
  }

  @Test
  void paramsMayBeAOneElementArray() throws Exception {
    http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Destroy\",\"params\":[{\"Type\":\"\",\"Instance\":\"i-1\","
        + "\"Context\":{\"Reason\":\"rolling_update\"}}],\"id\":1}");
    assertThat(plugin.calls.take()).containsExactly("destroy", InstanceId.of("i-1"), DestroyContext.ROLLING_UPDATE);
  }

  @Test
  void destroyWithoutContextAsFromInstance050IsNone() throws Exception {
    http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Destroy\",\"params\":{\"Type\":\"\",\"Instance\":\"fake-1\"},\"id\":1}");
    assertThat(plugin.calls.take()).containsExactly("destroy", InstanceId.of("fake-1"), DestroyContext.NONE);
  }

  @Test
  void fieldNamesMatchIgnoringCaseAsGoDoes() throws Exception {
    http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Label\",\"params\":{\"type\":\"\",\"instance\":\"i-9\","
        + "\"labels\":{\"a\":\"b\"},\"Unknown\":[1]},\"id\":1}");
    assertThat(plugin.calls.take()).containsExactly("label", InstanceId.of("i-9"), Map.of("a", "b"));
  }

  @Test
  void describeOmitsPropertiesWhenNullAndWritesNullLogicalId() {
    plugin.doDescribe = (t, p) -> List.of(io.oneviewinfrakit.infrakit.spi.InstanceDescription.of(InstanceId.of("i-1"), Map.of("k", "v")));
    assertThat(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.DescribeInstances\",\"params\":{\"Type\":\"\",\"Tags\":{},"
        + "\"Properties\":false},\"id\":5}").body())
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"Type\":\"\",\"Descriptions\":[{\"ID\":\"i-1\",\"LogicalID\":null,"
            + "\"Tags\":{\"k\":\"v\"}}]},\"id\":5}");
  }

  @Test
  void typeIsEchoedAndSelectsTheTypedPlugin() {
    assertThat(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Provision\",\"params\":{\"Type\":\"gpu\",\"Spec\":"
        + "{\"Properties\":{},\"Tags\":{}}},\"id\":2}").body())
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"Type\":\"gpu\",\"ID\":\"instance-1\"},\"id\":2}");
    assertThat(plugin.calls).isEmpty();
  }

  @Test
  void unknownTypeIsTheGoErrorNoPlugin() {
    Map<String, Object> error = error(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\","
        + "\"params\":{\"Type\":\"tpu\",\"Properties\":{}},\"id\":3}"));
    assertThat(error).containsEntry("code", -32000.0).containsEntry("message", "no-plugin:tpu");
  }

  @Test
  void pluginFailureIsCode32000WithTheMessageAndNoStackTrace() {
    plugin.doLabel = (id, l) -> {
      throw new IllegalStateException("backend says no");
    };
    UnixHttp.Answer answer = http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Label\",\"params\":{\"Instance\":\"i\"},\"id\":7}");
    assertThat(error(answer)).containsEntry("code", -32000.0).containsEntry("message", "backend says no");
    assertThat(answer.body()).endsWith(",\"id\":7}").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\"                     | -32700 | parse error",
      "not json at all                                                          | -32700 | parse error",
      "{\"jsonrpc\":\"2.0\"} {}                                                 | -32700 | parse error",
      "[{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"id\":1}]          | -32600 | batch requests are not supported",
      "42                                                                       | -32600 | expected a JSON object",
      "{\"jsonrpc\":\"1.0\",\"method\":\"Handshake.Hello\",\"id\":1}            | -32600 | jsonrpc must be \"2.0\"",
      "{\"jsonrpc\":\"2.0\",\"params\":{},\"id\":1}                             | -32600 | missing method",
      "{\"jsonrpc\":2.0,\"method\":\"Handshake.Hello\",\"id\":1}              | -32600 | jsonrpc must be \"2.0\"",
      "{\"jsonrpc\":\"2.0\",\"method\":7,\"id\":1}                              | -32600 | method must be a string",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"id\":{}}           | -32600 | id must be a string",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Nope\",\"params\":{},\"id\":1} | -32000 | rpc: can't find method \"Instance.Nope\"",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Plugin.Implements\",\"params\":{},\"id\":1} | -32000 | rpc: can't find service \"Plugin.Implements\"",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Hello\",\"params\":{},\"id\":1} | -32000 | rpc: service/method request ill-formed: \"Hello\"",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\",\"params\":[1],\"id\":1} | -32602 | params is an array holding a number",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\",\"params\":[],\"id\":1} | -32602 | params is an empty array",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\",\"params\":3,\"id\":1} | -32602 | params must be an object or an array",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\",\"params\":[{},{}],\"id\":1} | -32602 | params is an array of several values",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Provision\",\"params\":{},\"id\":1} | -32602 | missing Spec",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Provision\",\"params\":{\"Spec\":{\"Tags\":{\"a\":1}}},\"id\":1} | -32602 | Spec.Tags[\"a\"] must be a string",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Provision\",\"params\":{\"Spec\":{\"Attachments\":{}}},\"id\":1} | -32602 | Spec.Attachments must be an array",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Destroy\",\"params\":{\"Type\":\"\"},\"id\":1} | -32602 | missing Instance",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Destroy\",\"params\":{\"Instance\":\"i\",\"Context\":{\"Reason\":\"boom\"}},\"id\":1} | -32602 | Context.Reason must be",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.DescribeInstances\",\"params\":{\"Properties\":\"yes\"},\"id\":1} | -32602 | Properties must be a boolean",
      "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Label\",\"params\":{\"Type\":5,\"Instance\":\"i\"},\"id\":1} | -32602 | Type must be a string",
  })
  void malformedRequestsGetTheMatchingJsonRpcError(String body, int code, String message) {
    Map<String, Object> error = error(http.post(body));
    assertThat(error.get("code")).isEqualTo((double) code);
    assertThat((String) error.get("message")).contains(message);
    assertThat(plugin.calls).isEmpty();
  }

  @Test
  void bodyOverTheLimitIsAnErrorAndTheServerStaysUp() {
    String big = "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\",\"params\":{\"Properties\":\"" + "x".repeat(5000) + "\"},\"id\":1}";
    assertThat(error(http.post(big))).containsEntry("code", -32600.0)
        .containsEntry("message", "invalid request: body exceeds 4096 bytes");
    assertThat(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"params\":{},\"id\":1}").body()).contains("\"result\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{jsonrpc: \"2.0\"}",
      "{\"jsonrpc\":\"2.0\",\"method\":'Handshake.Hello',\"id\":1}",
      "not json at all",
  })
  void parseErrorsSayNotValidJsonWithoutTheJsonLibrarysAdvice(String body) {
    Map<String, Object> error = error(http.post(body));
    assertThat(error.get("code")).isEqualTo(-32700.0);
    assertThat((String) error.get("message")).startsWith("parse error: ")
        .doesNotContain("setLenient").doesNotContain("JsonReader");
  }

  @Test
  void onlyJsonContentTypesAreJsonRpcAsForGorilla() {
    String hello = "{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"params\":{},\"id\":1}";
    UnixHttp.Answer form = http.postAs("application/x-www-form-urlencoded", hello); // curl -d's default
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.contentType()).startsWith("text/plain");
    assertThat(form.body()).isEqualTo("rpc: unrecognized Content-Type: application/x-www-form-urlencoded");
    assertThat(http.postAs("text/plain", hello).status()).isEqualTo(415);
    assertThat(http.postAs(null, hello).body()).contains("\"result\""); // gorilla's single codec
    assertThat(http.postAs("Application/JSON; charset=utf-8", hello).body()).contains("\"result\"");
    assertThat(plugin.calls).isEmpty();
  }

  @Test
  void getOnTheRpcPathIsGorillas405() {
    UnixHttp.Answer answer = http.get("/");
    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.body()).isEqualTo("rpc: POST method required, received GET");
  }

  @Test
  void functionsJsonListsNoTemplateFunctions() {
    UnixHttp.Answer answer = http.get("/info/functions.json");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(JsonTree.object(answer.body())).isEqualTo(Map.of("base", List.of()));
  }

  @Test
  void infoApiRequestIdsAreStringsAsInfrakitsCliDecodesThem() {
    String body = http.get("/info/api.json").body();
    assertThat(body).contains("\"id\": \"1\"").doesNotContain("\"id\": 1");
  }

  @Test
  void onlyPostSlashIsJsonRpc() {
    assertThat(http.get("/").status()).isEqualTo(405);
    assertThat(http.post("/rpc", "{}".getBytes()).status()).isEqualTo(404);
    assertThat(http.get("/nothing").status()).isEqualTo(404);
  }

  @Test
  void helloListsEveryVersionWithTheDefaultAndTypedObjects() {
    String body = http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"params\":{},\"id\":1}").body();
    List<Map<String, String>> objects = List.of(Map.of("Name", ".", "ProxyFor", ""), Map.of("Name", "gpu", "ProxyFor", ""));
    assertThat(JsonTree.map(JsonTree.map(JsonTree.object(body).get("result")).get("Objects")))
        .isEqualTo(Map.of("Instance/0.5.0", objects, "Instance/0.6.0", objects, "Instance/0.6.1", objects));
  }

  @Test
  void implementsListsEveryVersionForOlderClients() {
    String body = http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Implements\",\"params\":{},\"id\":1}").body();
    assertThat(body).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"APIs\":["
        + "{\"Name\":\"Instance\",\"Version\":\"0.5.0\",\"Sub\":\"\"},"
        + "{\"Name\":\"Instance\",\"Version\":\"0.6.0\",\"Sub\":\"\"},"
        + "{\"Name\":\"Instance\",\"Version\":\"0.6.1\",\"Sub\":\"\"}]},\"id\":1}");
  }

  @Test
  void typesListsObjectNamesPerVersion() {
    String body = http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Types\",\"params\":{},\"id\":1}").body();
    assertThat(body).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"Types\":{"
        + "\"Instance/0.5.0\":[\".\",\"gpu\"],\"Instance/0.6.0\":[\".\",\"gpu\"],\"Instance/0.6.1\":[\".\",\"gpu\"]}},\"id\":1}");
  }

  @Test
  void infoApiDescribesVendorAndMethods() {
    try (TempPluginsDir other = new TempPluginsDir();
        PluginServer memory = PluginServer.builder().name("m").pluginsDirectory(other.path)
            .instancePlugin(new InMemoryInstancePlugin()).shutdownHook(false).build().start();
        UnixHttp h = new UnixHttp(memory.socketPath())) {
      UnixHttp.Answer answer = h.get("/info/api.json");
      assertThat(answer.status()).isEqualTo(200);
      Map<String, Object> info = JsonTree.object(answer.body());
      assertThat(info.get("Vendor")).isEqualTo(Map.of("Name", "infrakit-instance-memory", "Version", "1.0.0", "URL", ""));
      Map<String, Object> iface = JsonTree.map(((List<?>) info.get("Interfaces")).get(0));
      assertThat(iface).containsEntry("Name", "Instance").containsEntry("Version", "0.6.1");
      assertThat(answer.body()).contains("\"Properties\": {\"Note\":\"any JSON object\"}")
          .contains("Instance.Provision").contains("Instance.DescribeInstances");
    }
    assertThat(JsonTree.object(http.get("/info/api.json").body())).containsEntry("Vendor", null);
  }
}
