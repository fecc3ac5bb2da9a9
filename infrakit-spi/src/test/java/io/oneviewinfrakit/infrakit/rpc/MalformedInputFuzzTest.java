package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okio.Buffer;

/**
 * Thousands of malformed and hostile bodies: each gets a JSON-RPC answer (an error where the body cannot
 * be a valid request), never a dropped connection, an HTML page or a stack trace, and the server stays up.
 */
class MalformedInputFuzzTest {
  private static final Set<Double> CODES = Set.of(-32700.0, -32600.0, -32601.0, -32602.0, -32000.0);
  private static final List<String> METHODS = List.of("Handshake.Hello", "Handshake.Implements", "Handshake.Types",
      "Instance.Validate", "Instance.Provision", "Instance.Label", "Instance.Destroy", "Instance.DescribeInstances",
      "Instance.Nope", "", "Instance.", ".");
  private static final List<String> KEYS = List.of("Type", "Spec", "Properties", "Tags", "Init", "LogicalID",
      "Attachments", "ID", "Instance", "Labels", "Context", "Reason", "jsonrpc", "method", "params", "id", "x");

  private static TempPluginsDir dir;
  private static PluginServer server;
  private static UnixHttp http;
  private static final AtomicInteger answered = new AtomicInteger();

  @BeforeContainer
  static void start() {
    dir = new TempPluginsDir();
    server = PluginServer.builder().name("instance-fuzz").pluginsDirectory(dir.path)
        .instancePlugin(new InMemoryInstancePlugin()).instancePlugin("t", new InMemoryInstancePlugin())
        .shutdownHook(false).build().start();
    http = new UnixHttp(server.socketPath());
  }

  @AfterContainer
  static void stop() {
    // The server must still serve a normal call after everything above.
    assertThat(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"params\":{},\"id\":1}").body())
        .contains("\"result\"");
    assertThat(answered.get()).isGreaterThan(3000);
    http.close();
    server.close();
    dir.close();
  }

  private static Map<String, Object> jsonRpcAnswer(UnixHttp.Answer answer) {
    answered.incrementAndGet();
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("<html");
    Map<String, Object> response = JsonTree.object(answer.body());
    assertThat(response).containsEntry("jsonrpc", "2.0").containsKey("id");
    assertThat(response.containsKey("result") ^ response.containsKey("error")).as(answer.body()).isTrue();
    return response;
  }

  private static void assertError(UnixHttp.Answer answer) {
    Map<String, Object> response = jsonRpcAnswer(answer);
    assertThat(response).as(answer.body()).containsKey("error");
    Map<String, Object> error = JsonTree.map(response.get("error"));
    assertThat(CODES).contains((Double) error.get("code"));
    assertThat((String) error.get("message")).isNotBlank();
  }

  @Property(tries = 1500)
  void arbitraryTextGetsAJsonRpcError(@ForAll("garbage") String body) {
    assertError(http.post(body));
  }

  @Property(tries = 500)
  void arbitraryBytesGetAJsonRpcError(@ForAll("bytes") byte[] body) {
    assertError(http.post("/", body));
  }

  @Property(tries = 500)
  void everyTruncatedRealRequestGetsAJsonRpcError(@ForAll("truncated") String body) {
    assertError(http.post(body));
  }

  @Property(tries = 1500)
  void wellFormedEnvelopesWithHostileParamsGetAnAnswerWithTheirId(
      @ForAll("methods") String method, @ForAll("json") String params, @ForAll long id) {
    String body = "{\"jsonrpc\":\"2.0\",\"method\":" + quote(method) + ",\"params\":" + params + ",\"id\":" + id + "}";
    UnixHttp.Answer answer = http.post(body);
    jsonRpcAnswer(answer);
    assertThat(answer.body()).endsWith(",\"id\":" + id + "}");
  }

  @Example
  void deeplyNestedDocumentIsAParseErrorNotACrash() {
    assertError(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\",\"params\":{\"Properties\":"
        + "[".repeat(100_000) + "]".repeat(100_000) + "},\"id\":1}"));
  }

  @Example
  void bodyOverTheDefaultMegabyteIsAnError() {
    assertError(http.post("/", new byte[(1 << 20) + 1]));
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+truefalsn \\u").ofMaxLength(100),
        Arbitraries.of("", " ", "{}", "[]", "null", "\"2.0\"", "{\"jsonrpc\":\"2.0\"}", "{\"method\":\"Handshake.Hello\"}",
            "{\"jsonrpc\":2.0,\"method\":\"Handshake.Hello\"}", "{\"jsonrpc\":\"2.0\",\"method\":null}", "\uFEFF{}", "NaN"));
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
  }

  @Provide
  Arbitrary<String> truncated() {
    List<String> lines = fixtureLines();
    return Arbitraries.of(lines).flatMap(line -> Arbitraries.integers().between(0, line.length() - 1).map(i -> line.substring(0, i)));
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.oneOf(Arbitraries.of(METHODS), Arbitraries.strings().ofMaxLength(20));
  }

  @Provide
  Arbitrary<String> json() {
    return Arbitraries.recursive(MalformedInputFuzzTest::scalar, MalformedInputFuzzTest::container, 0, 4);
  }

  private static Arbitrary<String> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.of("null", "true", "false", "0", "-1", "1e400", "123456789012345678901234567890", "{}", "[]", "\"\""),
        Arbitraries.longs().map(Object::toString),
        Arbitraries.strings().ofMaxLength(12).map(MalformedInputFuzzTest::quote));
  }

  private static Arbitrary<String> container(Arbitrary<String> inner) {
    Arbitrary<String> array = inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(5)), inner)
        .as((k, v) -> quote(k) + ":" + v).list().ofMaxSize(4)
        .map(l -> l.stream().collect(Collectors.joining(",", "{", "}")));
    return Arbitraries.oneOf(array, object, object);
  }

  private static String quote(String s) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.value(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static List<String> fixtureLines() {
    StringBuilder all = new StringBuilder();
    for (String v : List.of("0.5.0", "0.6.0", "0.6.1")) {
      try (InputStream in = MalformedInputFuzzTest.class.getResourceAsStream(
          "/fixtures/infrakit-wire/group-controller-requests-" + v + ".jsonl")) {
        all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all.toString().lines().filter(l -> !l.isBlank()).toList();
  }
}
