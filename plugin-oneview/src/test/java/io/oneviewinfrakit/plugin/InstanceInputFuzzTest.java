package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.oneview.Filter;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.ServerProfileView;
import io.oneviewinfrakit.simulator.TaskKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
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
import org.slf4j.LoggerFactory;

/**
 * Thousands of malformed, oversized, wrongly-typed and hostile inputs through the plugin's socket:
 * instance properties, tags, logical IDs, instance IDs and raw JSON-RPC params. The server answers
 * each with a JSON-RPC error or a correct result and stays up; hostile tags round-trip exactly
 * through DescribeInstances and the ownership envelope on the appliance (no JSON injection); no
 * OneView filter the plugin sends can be broken out of; no input forges a log line.
 */
class InstanceInputFuzzTest {

  /** A marker put after CR/LF in inputs: a log message containing it forged a log line. */
  private static final String FORGED = "FORGED-LOG-LINE";

  /** Every filter the plugin or the SDK sends: one condition on a plain attribute, a quoted safe value. */
  private static final Pattern SAFE_FILTER = Pattern.compile(
      "\"(not )?[A-Za-z_][A-Za-z0-9_.]*(=|==| ne | matches )'[A-Za-z0-9 ._:/%-]*'\"");

  private static PluginHarness h;
  private static LogWatch logs;
  private static final AtomicInteger answered = new AtomicInteger();
  private static final AtomicLong ids = new AtomicLong(1);

  @BeforeContainer
  static void start() {
    h = PluginHarness.start(64, Duration.ZERO, b -> b.failureCooldown(Duration.ofMillis(1)));
    logs = new LogWatch();
  }

  @AfterContainer
  static void stop() {
    try {
      // Still up and still right after everything above.
      assertThat(h.client().describeInstances(Map.of(), false)).isNotNull();
      h.client().validate(PluginHarness.BLADE_PROPERTIES);
      List<String> filters = filterParameters();
      assertThat(filters).as("filters sent to OneView").allSatisfy(f ->
          assertThat(f).matches(SAFE_FILTER));
      assertThat(logs.forged()).as("log messages with a forged line").isEmpty();
    } finally {
      logs.close();
      h.close();
    }
  }

  // ------------------------------------------------------------------ instance properties

  /** A properties document and whether it is valid for the simulator's templates. */
  record Doc(String json, boolean valid) {}

  @Property(tries = 1500, seed = "7")
  void anyPropertiesDocumentIsAnsweredWithAnErrorOrOkAndNeverWrongly(@ForAll("documents") Doc doc) {
    Map<?, ?> answer = rpc("Instance.Validate", "{\"Type\":\"\",\"Properties\":" + doc.json + "}");
    if (doc.valid) {
      assertThat(answer.get("error")).as("error for a valid document " + doc.json).isNull();
      assertThat(answer.get("result")).isNotNull();
    } else {
      assertThat(answer.get("error")).as("error for an invalid document " + doc.json).isNotNull();
    }
  }

  @Provide
  Arbitrary<Doc> documents() {
    Arbitrary<Doc> objects = Combinators.combine(
        templateValues(), Arbitraries.of(true, false),
        jsonValues().optional(), jsonValues().optional(), jsonValues().optional(),
        Arbitraries.of("TemplateName", "Note", "PowerOn", "ProfileNamePrefix", "templatename",
            "TemplateName ", "Template\u0000Name", "__proto__", "").list().ofMaxSize(3))
        .as((template, withTemplate, note, powerOn, prefix, extraKeys) -> {
          Map<String, String> fields = new LinkedHashMap<>();
          boolean valid = withTemplate && template.valid;
          if (withTemplate) {
            fields.put("TemplateName", template.json);
          }
          if (note.isPresent()) {
            fields.put("Note", note.get().json);
            valid &= note.get().json.equals("null") || note.get().json.startsWith("\"");
          }
          if (powerOn.isPresent()) {
            fields.put("PowerOn", powerOn.get().json);
            valid &= powerOn.get().json.equals("true") || powerOn.get().json.equals("false");
          }
          if (prefix.isPresent()) {
            fields.put("ProfileNamePrefix", prefix.get().json);
            valid &= prefix.get().json.matches("\"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\"");
          }
          StringBuilder json = new StringBuilder("{");
          fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
          for (String extra : extraKeys) {
            if (!fields.containsKey(extra)) {
              valid = false; // unknown key (or a duplicate of a known one: not one document)
            }
            json.append(json.length() > 1 ? "," : "").append(quote(extra)).append(":1");
          }
          return new Doc(json.append('}').toString(), valid);
        });
    Arbitrary<Doc> notObjects = jsonValues().map(v -> new Doc(v.json, v.json.equals(VALID_DOCUMENT)));
    Arbitrary<Doc> deep = Arbitraries.integers().between(100, 5000)
        .map(n -> new Doc("[".repeat(n) + "]".repeat(n), false));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, objects),
        net.jqwik.api.Tuple.of(2, notObjects),
        net.jqwik.api.Tuple.of(1, deep));
  }

  private record Value(String json, boolean valid) {}

  private static final String VALID_DOCUMENT = "{\"TemplateName\":\"" + PluginHarness.BLADE_TEMPLATE + "\"}";

  private static Arbitrary<Value> templateValues() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.of(PluginHarness.BLADE_TEMPLATE, PluginHarness.RACK_TEMPLATE)
            .map(t -> new Value(quote(t), true))),
        net.jqwik.api.Tuple.of(1, hostileStrings().map(s -> new Value(quote(s), false))),
        net.jqwik.api.Tuple.of(2, jsonValues().filter(v -> !v.json.startsWith("\""))
            .map(v -> new Value(v.json, false))));
  }

  /** JSON values of every type, including huge numbers and hostile strings. */
  private static Arbitrary<Value> jsonValues() {
    return Arbitraries.oneOf(
        Arbitraries.of("null", "true", "false", "0", "-0", "1e999", "-1e999", "1.5",
            "123456789012345678901234567890", "9223372036854775808", "[]", "{}", "[null]",
            VALID_DOCUMENT, "\"\"", "\" \"", "\"on\"", "\"true\"")
            .map(v -> new Value(v, false)),
        hostileStrings().map(s -> new Value(quote(s), false)));
  }

  /** Strings that have broken parsers, filters, envelopes and logs elsewhere. */
  static Arbitrary<String> hostileStrings() {
    Arbitrary<String> fixed = Arbitraries.of(
        "\"},\"owner\":\"other", "\",\"owner\":\"other\",\"x\":\"", "\"}}", "\\", "\\\"", "\\u0000",
        EnvelopeCodec.PREFIX, EnvelopeCodec.PREFIX + "{\"owner\":\"other\",\"id\":\"ov-aaaaaaaaaaaaaaaa\",\"tags\":{}}",
        "'", "' or '1'='1", "x' or name ne '", "%", "%27", "%25%27", " or ", "name eq 'x'", "\"", "\u0000",
        "\r\n" + FORGED + " INFO fake", "\n" + FORGED, "日本語", "\uD83D\uDE00\uD83D\uDC4D", "\u2028\u2029",
        "\u202Eevil", "\uFEFF", "a\tb", "ov-aaaaaaaaaaaaaaaa", "Docker-Gen8-Template ", "docker-gen8-template");
    Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(40)
        .filter(InstanceInputFuzzTest::validUnicode);
    Arbitrary<String> big = Arbitraries.of("v", "'", "\"},\"owner\":\"x", "日", "\\")
        .map(s -> s.repeat(10_240 / s.getBytes(StandardCharsets.UTF_8).length));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, fixed),
        net.jqwik.api.Tuple.of(4, random),
        net.jqwik.api.Tuple.of(1, big),
        net.jqwik.api.Tuple.of(3, Combinators.combine(fixed, random).as((a, b) -> b + a + b)));
  }

  /** Go's JSON (InfraKit's) never carries lone surrogates: strings of whole code points only. */
  private static boolean validUnicode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ tags through the envelope

  @Property(tries = 120, seed = "11")
  void hostileTagsAndLabelsRoundTripExactlyThroughDescribeAndTheEnvelope(
      @ForAll("tagMaps") Map<String, String> tags, @ForAll("tagMaps") Map<String, String> labels,
      @ForAll("logicalIds") Optional<String> logicalId, @ForAll boolean powerOn) {
    InstanceSpec.Builder spec = InstanceSpec.builder()
        .properties(RawJson.of("{\"TemplateName\":\"" + PluginHarness.BLADE_TEMPLATE + "\",\"PowerOn\":"
            + powerOn + "}"))
        .tags(tags);
    logicalId.ifPresent(l -> spec.logicalId(LogicalId.of(l)));
    Map<String, String> merged = new TreeMap<>(tags);
    merged.putAll(labels);
    boolean fits = jsonBytes(merged) + 300 < EnvelopeCodec.MAX_ENCODED_BYTES;
    boolean tagsFit = jsonBytes(tags) + 300 < EnvelopeCodec.MAX_ENCODED_BYTES;

    InstanceId id;
    try {
      id = h.client().provision(spec.build());
    } catch (RuntimeException e) {
      assertThat(tagsFit).as("provision refused although the tags fit: " + e.getMessage()).isFalse();
      assertThat(e.getMessage()).startsWith("instance tags are too large");
      return;
    }
    assertThat(tagsFit).as("provision of tags that cannot fit").isTrue();
    try {
      Map<String, String> filter = tags.isEmpty() ? Map.of() : Map.of(tags.keySet().iterator().next(),
          tags.values().iterator().next());
      assertThat(listed(id, filter).tags()).isEqualTo(tags);
      InstanceDescription d = listed(id, Map.of());
      assertThat(d.logicalId() == null ? null : d.logicalId().value())
          .isEqualTo(logicalId.filter(l -> !l.isBlank()).orElse(null));

      Throwable labelled = catchThrowable(() -> h.client().label(id, labels));
      Map<String, String> expected = tags;
      if (fits) {
        assertThat(labelled).as("label of tags that fit").isNull();
        expected = merged;
        assertThat(listed(id, labels).tags()).isEqualTo(merged);
      } else if (labelled != null) {
        assertThat(labelled.getMessage()).contains("too large");
      }

      Map<String, String> onTheAppliance = expected;
      String[] seen = {null};
      await("the envelope of " + id + " on the appliance", Duration.ofSeconds(20), () -> {
        Optional<ServerProfileView> profile = h.envelopedProfiles().stream()
            .filter(p -> p.description().contains("\"id\":\"" + id.value() + "\"")).findFirst();
        seen[0] = profile.map(ServerProfileView::description).orElse(null);
        return seen[0] != null && h.sim.pendingTasks() == 0
            && onTheAppliance.equals(independentlyParsed(seen[0]).get("tags"));
      });
      Map<?, ?> envelope = independentlyParsed(seen[0]);
      assertThat(envelope.keySet().stream().map(String::valueOf).toList())
          .containsExactlyInAnyOrder("owner", "id", "intent", "logicalId", "powerOn", "tags");
      assertThat(envelope.get("intent")).isEqualTo("Running");
      assertThat(envelope.get("owner")).isEqualTo("default");
      assertThat(envelope.get("id")).isEqualTo(id.value());
      assertThat(envelope.get("powerOn")).isEqualTo(powerOn);
      assertThat(envelope.get("tags")).isEqualTo(onTheAppliance);
    } finally {
      h.client().destroy(id, DestroyContext.TERMINATE);
    }
  }

  @Provide
  Arbitrary<Map<String, String>> tagMaps() {
    return Arbitraries.maps(hostileStrings(), hostileStrings()).ofMaxSize(5);
  }

  @Provide
  Arbitrary<Optional<String>> logicalIds() {
    return hostileStrings().filter(s -> !s.isBlank()).optional();
  }

  private static InstanceDescription listed(InstanceId id, Map<String, String> filter) {
    List<InstanceDescription> all = h.client().describeInstances(filter, true);
    return all.stream().filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not listed with filter " + filter));
  }

  /** The envelope read by a plain JSON parser, not the plugin's decoder. */
  private static Map<?, ?> independentlyParsed(String description) {
    assertThat(description).startsWith(EnvelopeCodec.PREFIX);
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(
        description.substring(EnvelopeCodec.PREFIX.length())))) {
      Object value = reader.readJsonValue();
      assertThat(reader.peek()).isEqualTo(JsonReader.Token.END_DOCUMENT);
      return (Map<?, ?>) value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int jsonBytes(Map<String, String> tags) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject();
      for (Map.Entry<String, String> e : tags.entrySet()) {
        w.name(e.getKey()).value(e.getValue());
      }
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) buffer.size();
  }

  // ------------------------------------------------------------------ raw params of every method

  @Property(tries = 1500, seed = "13")
  void wronglyTypedAndHostileParamsOfEveryMethodGetAWellFormedAnswer(
      @ForAll("methods") String method, @ForAll("paramValues") String a, @ForAll("paramValues") String b) {
    String params = switch (method) {
      case "Instance.Label" -> "{\"Type\":\"\",\"Instance\":" + a + ",\"Labels\":" + b + "}";
      case "Instance.Destroy" -> "{\"Type\":\"\",\"Instance\":" + a + ",\"Context\":" + b + "}";
      case "Instance.DescribeInstances" -> "{\"Type\":\"\",\"Tags\":" + a + ",\"Properties\":" + b + "}";
      case "Instance.Provision" -> "{\"Type\":\"\",\"Spec\":{\"Properties\":" + a + ",\"Tags\":" + b
          + ",\"LogicalID\":" + a + "}}";
      default -> "{\"Type\":" + a + ",\"Properties\":" + b + "}";
    };
    Map<?, ?> answer = rpc(method, params);
    if (answer.get("result") instanceof Map<?, ?> result && result.get("ID") instanceof String id) {
      // A provision that went through must be a real, listed instance: clean it up.
      assertThat(h.client().describeInstances(Map.of(), false)).extracting(d -> d.id().value()).contains(id);
      h.client().destroy(InstanceId.of(id), DestroyContext.TERMINATE);
    }
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("Instance.Validate", "Instance.Provision", "Instance.Label", "Instance.Destroy",
        "Instance.DescribeInstances");
  }

  @Provide
  Arbitrary<String> paramValues() {
    return Arbitraries.oneOf(
        jsonValues().map(Value::json),
        Arbitraries.of("\"ov-aaaaaaaaaaaaaaaa\"", "\"ov-AAAAAAAAAAAAAAAA\"", "\"ov-\"", "\"../../etc/passwd\"",
            "\"terminate\"", "\"rolling_update\"", "\"TERMINATE\"", "{\"k\":1}", "{\"k\":null}", "{\"k\":[\"v\"]}",
            "{\"k\":\"v\",\"k\":\"w\"}", "[\"a\",\"b\"]", "\"" + "x".repeat(20_000) + "\"",
            "{\"TemplateName\":\"" + PluginHarness.BLADE_TEMPLATE + "\",\"PowerOn\":\"yes\"}"),
        tagMaps().map(InstanceInputFuzzTest::json));
  }

  // ------------------------------------------------------------------ OneView filters

  @Example
  void filterBreakingProfileNamePrefixesAreRejectedAndSafeOnesOnlyEverReachAFilter() {
    for (String prefix : List.of("x' or name ne '", "a'", "%", "a%", "a or b", "a\"b", "-a", ".a", "",
        "a".repeat(65), "日本", "a\nb")) {
      RawJson properties = RawJson.of("{\"TemplateName\":\"" + PluginHarness.BLADE_TEMPLATE
          + "\",\"ProfileNamePrefix\":" + quote(prefix) + "}");
      assertThatThrownBy(() -> h.client().validate(properties)).hasMessageContaining("ProfileNamePrefix");
      assertThatThrownBy(() -> h.client().provision(InstanceSpec.builder().properties(properties).build()))
          .hasMessageContaining("ProfileNamePrefix");
    }
    // A create whose answer was lost makes the plugin look its profile up by name: a OneView filter.
    int before = filterParameters().size();
    for (String prefix : List.of("a.b_c-d", "Z9", "x-")) {
      h.sim.faults().loseResponses("POST", "/rest/server-profiles", 1);
      InstanceId id = h.client().provision(InstanceSpec.builder().properties(RawJson.of(
          "{\"TemplateName\":\"" + PluginHarness.BLADE_TEMPLATE + "\",\"ProfileNamePrefix\":\"" + prefix + "\"}"))
          .build());
      await("the instance found by name and provisioned", Duration.ofSeconds(20),
          () -> h.sim.pendingTasks() == 0 && h.client().describeInstances(Map.of(), true).stream()
              .anyMatch(d -> d.id().equals(id) && "Running".equals(Json.field(d.properties(), "phase"))));
    }
    List<String> filters = filterParameters();
    assertThat(filters.size()).as("filters sent after creates whose answer was lost").isGreaterThan(before);
    assertThat(filters).allSatisfy(f -> assertThat(f).matches(SAFE_FILTER));
  }

  @Property(tries = 2000, seed = "17")
  void theSdkFilterRejectsQuotesAndKeepsAnyOtherValueInsideItsQuotes(@ForAll("filterValues") String value) {
    if (value.indexOf('\'') >= 0 || value.indexOf('"') >= 0) {
      assertThatThrownBy(() -> Filter.eq("name", value)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Filter.seq("name", value)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Filter.matches("name", value)).isInstanceOf(IllegalArgumentException.class);
    } else {
      assertThat(Filter.eq("name", value).expression()).isEqualTo("name='" + value + "'");
      assertThat(Filter.not(Filter.ne("name", value)).expression()).isEqualTo("not name ne '" + value + "'");
    }
  }

  @Provide
  Arbitrary<String> filterValues() {
    return Arbitraries.oneOf(hostileStrings(), Arbitraries.strings().withChars("'\"% or=and\\()ab").ofMaxLength(12));
  }

  /** Every {@code filter} query parameter the simulator received, decoded, as OneView reads it. */
  private static List<String> filterParameters() {
    List<String> filters = new ArrayList<>();
    for (RecordedRequest r : h.sim.requests().all()) {
      for (String part : r.query().split("&")) {
        if (part.startsWith("filter=")) {
          filters.add(URLDecoder.decode(part.substring("filter=".length()), StandardCharsets.UTF_8));
        }
      }
    }
    return filters;
  }

  // ------------------------------------------------------------------ plumbing

  /**
   * Posts one JSON-RPC call as raw bytes on the plugin's socket and checks the answer's shape:
   * HTTP 200, JSON-RPC 2.0, the request's id, exactly one of a non-null result or an error with a
   * code and a message that is not a stack trace.
   */
  private static Map<?, ?> rpc(String method, String params) {
    long id = ids.getAndIncrement();
    String body = "{\"jsonrpc\":\"2.0\",\"method\":" + quote(method) + ",\"params\":" + params + ",\"id\":" + id + "}";
    String response = post(body.getBytes(StandardCharsets.UTF_8));
    assertThat(response).startsWith("HTTP/1.1 200 ");
    String json = response.substring(response.indexOf("\r\n\r\n") + 4);
    Map<?, ?> answer;
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      answer = (Map<?, ?>) reader.readJsonValue();
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
    assertThat(answer.get("jsonrpc")).isEqualTo("2.0");
    if (answer.get("error") instanceof Map<?, ?> error) {
      assertThat(answer.get("result")).isNull();
      assertThat(error.get("code")).isInstanceOf(Double.class);
      assertThat(error.get("message")).isInstanceOf(String.class);
      String message = (String) error.get("message");
      assertThat(message).isNotBlank().doesNotContain("\tat ").doesNotContainPattern("\\bat [a-z]+\\.[a-z.]+\\.[A-Z]");
      if (((Double) error.get("code")) != -32700.0) {
        assertThat(answer.get("id")).isEqualTo((double) id);
      }
    } else {
      assertThat(answer.get("result")).as("result of " + body.substring(0, Math.min(300, body.length())))
          .isNotNull();
      assertThat(answer.get("id")).isEqualTo((double) id);
    }
    answered.incrementAndGet();
    return answer;
  }

  private static String post(byte[] body) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(h.socket()));
      byte[] head = ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      channel.write(ByteBuffer.wrap(head));
      ByteBuffer payload = ByteBuffer.wrap(body);
      while (payload.hasRemaining()) {
        channel.write(payload);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
      while (channel.read(buffer) >= 0) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the plugin's socket failed", e);
    }
  }

  static String quote(String s) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.value(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static String json(Map<String, String> map) {
    StringBuilder s = new StringBuilder("{");
    map.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
    return s.append('}').toString();
  }

  /** Watches every log event of the plugin's JVM (at the configured levels) for forged lines. */
  private static final class LogWatch implements AutoCloseable {
    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Queue<String> forged = new ConcurrentLinkedQueue<>();
    private final UnsynchronizedAppenderBase<ILoggingEvent> appender = new UnsynchronizedAppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message != null && (message.contains("\n" + FORGED) || message.contains("\r" + FORGED))) {
          forged.add(event.getLoggerName() + ": " + message.substring(0, Math.min(200, message.length())));
        }
      }
    };

    LogWatch() {
      appender.setContext(root.getLoggerContext());
      appender.start();
      root.addAppender(appender);
    }

    List<String> forged() {
      return List.copyOf(forged);
    }

    @Override
    public void close() {
      root.detachAppender(appender);
    }
  }
}
