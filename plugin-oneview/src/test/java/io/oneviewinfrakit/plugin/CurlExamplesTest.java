package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Talking to the plugin with curl" commands, run as written with the real curl against
 * the plugin's socket: each JSON-RPC body is accepted (a result, no error) and {@code /info/api.json}
 * answers.
 */
class CurlExamplesTest {

  /** The instance ID the README's Label and Destroy examples carry. */
  private static final String EXAMPLE_ID = "ov-3kq7w2mzd5x4r6ta";

  static List<String> readmeCurlCommands() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("## Talking to the plugin with curl");
    assertThat(section).as("README section").isNotNegative();
    int start = readme.indexOf("```shell\n", section) + "```shell\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    return block.lines().filter(l -> l.startsWith("curl ")).toList();
  }

  private static String run(String command, Path socket) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "S='" + socket + "'; " + command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(command + " -> " + out).isZero();
    return out;
  }

  @Test
  void everyCurlExampleOfTheReadmeIsAcceptedByThePlugin() throws Exception {
    List<String> commands = readmeCurlCommands();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(8);
    try (PluginHarness h = PluginHarness.start(8, Duration.ZERO)) {
      String id = null;
      for (String command : commands) {
        if (id != null) {
          command = command.replace(EXAMPLE_ID, id);
        }
        String answer = run(command, h.socket());
        if (command.contains("/info/api.json")) {
          assertThat(answer).contains("\"Vendor\"").contains("Instance.Provision");
          continue;
        }
        assertThat(answer).as(command).startsWith("{\"jsonrpc\":\"2.0\",\"result\":").doesNotContain("\"error\"");
        Matcher provisioned = Pattern.compile("\"ID\":\"(ov-[a-z2-7]{16})\"").matcher(answer);
        if (command.contains("Instance.Provision") && provisioned.find()) {
          id = provisioned.group(1);
        }
      }
      assertThat(id).as("the Provision example returned an ID").isNotNull();
    }
  }
}
