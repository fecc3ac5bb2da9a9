package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code <pre>{@code ...}</pre>} example in the SDK's javadoc compiles against the SDK as it is,
 * and the read-only ones that need nothing but a client run against the simulator: an example that
 * drifts from the API fails here, not in a reader's editor.
 *
 * <p>An example may use the names below without declaring them (the reader has them from the text
 * around it); anything else it uses must be declared or imported by the example itself.
 */
class JavadocExamplesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/oneviewinfrakit/oneview");
  private static final Pattern BLOCK = Pattern.compile("<pre>\\{@code\\s*\\n(.*?)\\n\\s*\\*\\s*}</pre>", Pattern.DOTALL);

  /** Names an example may take as given, with their types. */
  private static final Map<String, String> GIVEN = new LinkedHashMap<>();

  static {
    GIVEN.put("ov", "OneView");
    GIVEN.put("password", "char[]");
    GIVEN.put("name", "String");
    GIVEN.put("template", "ServerProfileTemplate");
    GIVEN.put("hardware", "ServerHardware");
    GIVEN.put("server", "ServerHardware");
    GIVEN.put("profile", "ServerProfile");
    GIVEN.put("network", "EthernetNetwork");
    GIVEN.put("hw", "String");
    GIVEN.put("uri", "String");
    GIVEN.put("task", "Task");
    GIVEN.put("executor", "java.util.concurrent.Executor");
  }

  /** All examples compiled by one javac run (javac is slow to start); null when one of them failed. */
  private static Path compiledTogether;

  @BeforeAll
  static void compileAllTogether() throws IOException {
    compiledTogether = compile(examples(), false);
  }

  @TestFactory
  Stream<DynamicTest> everyJavadocExampleCompiles() throws IOException {
    List<Example> examples = examples();
    assertThat(examples).as("examples found in %s", SOURCES).hasSizeGreaterThan(5);
    // When the batch failed, each example compiles alone so the report names the broken ones.
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.toString(),
        () -> assertThat(compiledTogether != null ? compiledTogether : compile(List.of(e), true)).isNotNull()));
  }

  @TestFactory
  Stream<DynamicTest> readOnlyExamplesRunAgainstTheSimulator() throws IOException {
    List<Example> runnable = examples().stream()
        .filter(e -> e.given().equals(List.of("ov")) && !e.code().matches("(?s).*\\.(create|update|delete|power\\w*)\\(.*"))
        .toList();
    assertThat(runnable).as("runnable examples").isNotEmpty();
    return runnable.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> run(e)));
  }

  record Example(String file, int index, String code, List<String> given) {
    String className() {
      return "Example_" + file.replace(".java", "").replace('/', '_') + "_" + index;
    }

    @Override
    public String toString() {
      return file + " example " + (index + 1);
    }

    String source() {
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String line : code.split("\n")) {
        (line.startsWith("import ") ? imports : body).append(line).append('\n');
      }
      List<String> params = given.stream().map(n -> GIVEN.get(n) + " " + n).toList();
      // Outside the SDK's package, as a reader's code is: package-private names do not compile.
      return "package javadoc.example;\n"
          + "import io.oneviewinfrakit.oneview.*;\n"
          + "import java.nio.file.*; import java.time.*; import java.util.*; import java.util.concurrent.*;\n"
          + imports
          + "public class " + className() + " {\n"
          + "  static void report(Object result, Throwable failure) {}\n"
          + "  public static void run(" + String.join(", ", params) + ") throws Exception {\n"
          + body
          + "  }\n}\n";
    }
  }

  private static List<Example> examples() throws IOException {
    List<Example> examples = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = BLOCK.matcher(Files.readString(file));
        int index = 0;
        while (m.find()) {
          String code = m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", ""))
              .reduce((a, b) -> a + "\n" + b).orElse("")
              .replace("&#64;", "@").replace("{@literal @}", "@");
          examples.add(new Example(SOURCES.relativize(file).toString(), index++, code, given(code)));
        }
      }
    }
    return examples;
  }

  /** The given names an example uses without declaring them (as a variable or a lambda parameter). */
  private static List<String> given(String code) {
    List<String> names = new ArrayList<>();
    for (String name : GIVEN.keySet()) {
      String n = Pattern.quote(name);
      boolean used = Pattern.compile("(?<![.\\w\"])" + n + "\\b(?!\")").matcher(code).find();
      boolean declared = Pattern.compile("\\b[A-Z][\\w.<>,?\\[\\] ]*\\s" + n + "\\s*[=:;)]").matcher(code).find()
          || Pattern.compile("(\\(|\\b)" + n + "\\s*(->|,[^)]*\\)\\s*->)").matcher(code).find()
          || Pattern.compile("\\bvar\\s+" + n + "\\b").matcher(code).find();
      if (used && !declared) {
        names.add(name);
      }
    }
    return names;
  }

  /** The class directory, or null (or an assertion failure when {@code strict}) if javac refused. */
  private static Path compile(List<Example> examples, boolean strict) throws IOException {
    Path dir = Files.createTempDirectory("javadoc-example");
    Path sources = Files.createDirectories(dir.resolve("javadoc/example"));
    List<String> args = new ArrayList<>(List.of("-proc:none", "-d", dir.toString(), "-cp", classPath()));
    for (Example e : examples) {
      Path source = sources.resolve(e.className() + ".java");
      Files.writeString(source, e.source());
      args.add(source.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
    if (strict) {
      assertThat(rc).as("%s does not compile:\n%s\n%s", examples, errors.toString(StandardCharsets.UTF_8),
          examples.get(0).source()).isZero();
    }
    return rc == 0 ? dir : null;
  }

  private static void run(Example e) throws Exception {
    Path classes = compiledTogether != null ? compiledTogether : compile(List.of(e), true);
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        OneView ov = SimulatorSupport.sdk(sim).build();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, OneView.class.getClassLoader())) {
      try {
        loader.loadClass("javadoc.example." + e.className()).getMethod("run", OneView.class).invoke(null, ov);
      } catch (InvocationTargetException failure) {
        throw new AssertionError(e + " failed against the simulator:\n" + e.code(), failure.getCause());
      }
    }
  }

  /** Surefire runs tests from a manifest-only jar; it names the real class path here. */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
