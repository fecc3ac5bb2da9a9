package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulator's JSON bytes are exactly what Moshi's writer (nulls serialised) writes for the same tree. */
final class JsonTextTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/oneview");

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.walk(FIXTURES)) {
      List<String> names = files.filter(p -> p.toString().endsWith(".json"))
          .map(p -> FIXTURES.relativize(p).toString()).sorted().toList();
      assertThat(names).isNotEmpty();
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyCapturedDocumentIsWrittenAsMoshiWritesIt(String name) throws IOException {
    Object tree = Json.parse(Files.readString(FIXTURES.resolve(name)));
    assertThat(onTheWire(tree)).isEqualTo(moshi(tree));
  }

  @Test
  void theStandardInventoryIsWrittenAsMoshiWritesIt() throws IOException {
    Object tree = Json.parse(Inventory.standard(8).toJson());
    assertThat(onTheWire(tree)).isEqualTo(moshi(tree));
  }

  @Test
  void stringsAreEscapedAsMoshiEscapesThem() throws IOException {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x80; c++) every.append(c);
    every.append("\u2028\u2029é€😀\uD800");
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put(every.toString(), every.toString());
    tree.put("quote\"back\\slash", List.of("</script>", "\u0000", ""));
    assertThat(onTheWire(tree)).isEqualTo(moshi(tree));
  }

  @Test
  void numbersBooleansNullsAndNestingAreWrittenAsMoshiWritesThem() throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("long", Long.MIN_VALUE);
    tree.put("int", 42);
    tree.put("decimal", new BigDecimal("1.50"));
    tree.put("exponent", new BigDecimal("1E+3"));
    tree.put("double", 0.1);
    tree.put("true", true);
    tree.put("null", null);
    tree.put("empty", new LinkedHashMap<>());
    tree.put("list", new ArrayList<>(Arrays.asList(1L, null, List.of(), Map.of("a", "b"))));
    assertThat(onTheWire(tree)).isEqualTo(moshi(tree));
  }

  @Test
  void aNumberThatIsNotFiniteIsRefusedAsMoshiRefusesIt() {
    assertThatThrownBy(() -> JsonText.write(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> moshi(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
  }

  /** What the simulator sends: the text as UTF-8 (a lone surrogate becomes '?', as in Moshi's UTF-8 sink). */
  private static String onTheWire(Object tree) {
    return new String(Json.writeBytes(tree), StandardCharsets.UTF_8);
  }

  private static String moshi(Object tree) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, tree);
    }
    return buffer.readUtf8();
  }

  private static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable<?> list) {
      writer.beginArray();
      for (Object item : list) write(writer, item);
      writer.endArray();
    } else if (value instanceof String s) {
      writer.value(s);
    } else if (value instanceof Boolean b) {
      writer.value(b);
    } else if (value instanceof Number n) {
      writer.value(n);
    } else {
      writer.value(value.toString());
    }
  }
}
