package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.TaskKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module READMEs show code that runs: each README's Java block is exactly a marked region of
 * this file (imports aside, which must be imports of this file), and the tests here run that region
 * against the simulator. Change one without the other and these tests fail.
 */
final class ReadmeTest {
  private static final Path THIS_FILE = Path.of("src/test/java/io/oneviewinfrakit/oneview/ReadmeTest.java");

  @Test
  void clientReadmeShowsTheCodeThisTestRuns() throws IOException {
    assertReadmeMatches(Path.of("README.md"), "client");
  }

  @Test
  void simulatorReadmeShowsTheCodeThisTestRuns() throws IOException {
    assertReadmeMatches(Path.of("../oneview-simulator/README.md"), "simulator");
  }

  @Test
  void readmesNameTheCurrentVersion() throws IOException {
    String version = System.getProperty("project.version");
    assertThat(version).as("project.version, set by the build").isNotBlank();
    for (Path readme : List.of(Path.of("README.md"), Path.of("../oneview-simulator/README.md"))) {
      assertThat(Files.readString(readme)).as(readme.toString()).contains("<version>" + version + "</version>");
    }
  }

  @Test
  void clientExampleCreatesAProfileOnAFreeServer() {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4).build().start()) {
      String profileUri = clientExample(sim.url(), sim.username(), sim.password().toCharArray(), sim.certificatePem());
      assertThat(sim.serverProfiles()).extracting(p -> p.uri()).containsExactly(profileUri);
    }
  }

  @Test
  void simulatorExampleFailsTheFirstCreateAndSucceedsOnTheSecond() {
    assertThat(simulatorExample()).isEqualTo(2);
  }

  private static String clientExample(String url, String user, char[] password, String caPem) {
    // README:client begin
    try (OneView ov = OneView.builder()
        .url(url)                          // such as "https://oneview.example.com"
        .credentials(user, password)       // the password is a char[]
        .trust(caPem)                      // the appliance's CA: PEM text, a Path or a KeyStore
        .build()) {
      ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
      // OneView applies a profile only to a server that is off: pick a free, compatible one that is.
      ServerHardware server = ov.serverHardware().freeCompatibleWith(template).stream()
          .filter(hw -> hw.powerState() == PowerState.OFF).findFirst().orElseThrow();
      ServerProfile profile = ov.serverProfileTemplates().newProfile(template)
          .withName("web-1").withServerHardwareUri(server.uri());
      Task created = ov.tasks().await(ov.serverProfiles().create(profile), Duration.ofMinutes(30));
      return created.associatedResourceUri();
    }
    // README:client end
  }

  private static int simulatorExample() {
    // README:simulator begin
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4).build().start();
        OneView ov = OneView.builder()
            .url(sim.url())
            .credentials(sim.username(), sim.password().toCharArray())
            .trust(sim.certificatePem())   // the simulator's own self-signed certificate
            .build()) {
      sim.faults().failNextTask(TaskKind.PROFILE_CREATE, "ProfileAlreadyExistsInServer");
      ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
      ServerHardware server = ov.serverHardware().freeCompatibleWith(template).get(0);
      ServerProfile profile = ov.serverProfileTemplates().newProfile(template)
          .withName("web-1").withServerHardwareUri(server.uri());
      try {
        ov.tasks().await(ov.serverProfiles().create(profile), Duration.ofMinutes(1));
        throw new AssertionError("the injected fault did not fail the task");
      } catch (TaskFailedException expected) {
        ov.tasks().await(ov.serverProfiles().create(profile), Duration.ofMinutes(1));
      }
      return sim.requests().count("POST", "/rest/server-profiles");
    }
    // README:simulator end
  }

  /** The README's Java block, imports aside, is the marked region of this file; its imports are this file's. */
  private static void assertReadmeMatches(Path readme, String marker) throws IOException {
    String source = Files.readString(THIS_FILE);
    Matcher region = Pattern.compile("\\n( *)// README:" + marker + " begin\\n(.*?)\\n *// README:" + marker + " end",
        Pattern.DOTALL).matcher(source);
    assertThat(region.find()).as("region " + marker + " in " + THIS_FILE).isTrue();
    String indent = region.group(1);
    List<String> expected = new ArrayList<>();
    for (String line : region.group(2).split("\n", -1)) {
      expected.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
    }

    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
    assertThat(block.find()).as("a ```java block in " + readme).isTrue();
    List<String> imports = new ArrayList<>();
    List<String> code = new ArrayList<>();
    for (String line : block.group(1).strip().split("\n", -1)) {
      if (line.startsWith("import ")) imports.add(line);
      else if (!(code.isEmpty() && line.isBlank())) code.add(line);
    }
    assertThat(code).as(readme + " shows the " + marker + " region of " + THIS_FILE).isEqualTo(expected);
    assertThat(imports).as("the imports " + readme + " shows").isNotEmpty();
    for (String line : imports) {
      String type = line.substring("import ".length(), line.length() - 1);
      boolean samePackage = type.startsWith("io.oneviewinfrakit.oneview.")
          && type.indexOf('.', "io.oneviewinfrakit.oneview.".length()) < 0;
      assertThat(samePackage ? exists(type) : source.contains("\n" + line + "\n"))
          .as(readme + " imports what the example uses: " + line).isTrue();
    }
  }

  private static boolean exists(String type) {
    try {
      Class.forName(type);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
