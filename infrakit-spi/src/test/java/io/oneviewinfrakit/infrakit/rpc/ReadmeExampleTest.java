package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The root README's "Writing your own InfraKit plugin in Java" block, exactly as written there:
 * compiled with only its own imports, run in a child JVM whose home is a temporary directory, and
 * driven over the socket it says it opens. Editing the README without keeping it working fails here.
 */
class ReadmeExampleTest {

  private static final Path README = Path.of("..", "README.md");

  @Test
  void thePluginServerBlockServesAPluginOnTheSocketItNamesAndRemovesItOnExit() throws Exception {
    String block = javaBlockAfter("## Writing your own InfraKit plugin in Java");
    try (TempPluginsDir home = new TempPluginsDir()) {
      Path sources = Files.createDirectories(home.resolve("src"));
      Path classes = Files.createDirectories(home.resolve("classes"));
      Files.writeString(sources.resolve("ReadmeMain.java"), program(block));
      compile(sources.resolve("ReadmeMain.java"), classes);

      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Duser.home=" + home.path, "-cp", classes + java.io.File.pathSeparator + testClassPath(), "ReadmeMain")
          .redirectErrorStream(true).start();
      child.getOutputStream().close();
      // The socket path the README's comment promises, under the child's home.
      Path socket = home.path.resolve(".infrakit/plugins/instance-example");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(output).contains("socket " + socket, "provisioned example-", "described 1");
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(socket).as("removed on exit").doesNotExist();
    }
  }

  /** The README block: import lines go to the top of a class, the rest runs on a thread of main(). */
  private static String program(String block) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : block.split("\n")) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    // Names the block does not import are spelled out in full, so a missing import in the README fails to compile.
    return imports + """
        public class ReadmeMain {
          /** Stands in for the reader's plugin. */
          static final class MyPlugin implements io.oneviewinfrakit.infrakit.spi.InstancePlugin {
            private final io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin delegate =
                new io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin("example-");
            public void validate(io.oneviewinfrakit.infrakit.spi.RawJson p) { delegate.validate(p); }
            public io.oneviewinfrakit.infrakit.spi.InstanceId provision(io.oneviewinfrakit.infrakit.spi.InstanceSpec s) {
              return delegate.provision(s);
            }
            public void label(io.oneviewinfrakit.infrakit.spi.InstanceId id, java.util.Map<String, String> l) {
              delegate.label(id, l);
            }
            public void destroy(io.oneviewinfrakit.infrakit.spi.InstanceId id, io.oneviewinfrakit.infrakit.spi.DestroyContext c) {
              delegate.destroy(id, c);
            }
            public java.util.List<io.oneviewinfrakit.infrakit.spi.InstanceDescription> describeInstances(
                java.util.Map<String, String> t, boolean p) {
              return delegate.describeInstances(t, p);
            }
          }

          static void readme() throws Exception {
        """ + body + """
          }

          public static void main(String[] args) throws Exception {
            Thread server = new Thread(() -> {
              try {
                readme();
              } catch (Exception e) {
                e.printStackTrace();
                System.exit(2);
              }
            });
            server.start();
            java.nio.file.Path socket = java.nio.file.Path.of(System.getProperty("user.home"), ".infrakit", "plugins",
                "instance-example");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!java.nio.file.Files.exists(socket) && System.nanoTime() < deadline) {
              Thread.sleep(20); // polls for the socket file the README promises, bounded
            }
            System.out.println("socket " + socket);
            try (io.oneviewinfrakit.infrakit.rpc.InstancePluginClient client =
                io.oneviewinfrakit.infrakit.rpc.InstancePluginClient.connect(socket)) {
              System.out.println("provisioned " + client.provision(io.oneviewinfrakit.infrakit.spi.InstanceSpec.builder()
                  .properties("{}").tag("group", "workers").build()).value());
              System.out.println("described " + client.describeInstances(java.util.Map.of("group", "workers"), false).size());
            }
            System.exit(0); // as SIGTERM would: the shutdown hook closes the server
          }
        }
        """;
  }

  private static String javaBlockAfter(String heading) throws IOException {
    String readme = Files.readString(README);
    int at = readme.indexOf(heading);
    assertThat(at).as("README heading %s", heading).isNotNegative();
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find(at)).as("a java block after %s", heading).isTrue();
    return m.group(1);
  }

  private static void compile(Path source, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", testClassPath(), source.toString()));
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertThat(rc).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
  }

  /** Surefire runs tests from a manifest-only jar; it names the real class path here. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
