package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdkQuickStartTest {

  @Test
  void createsTheProfileOnAFreePoweredOffBladeAndPowersItOn() {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4).build().start();
        OneView ov = OneViewTarget.connect(sim)) {
      String uri = SdkQuickStart.createProfileAndPowerOn(ov, "web-1");

      List<ServerProfileView> profiles = sim.serverProfiles();
      assertThat(profiles).singleElement().satisfies(p -> {
        assertThat(p.uri()).isEqualTo(uri);
        assertThat(p.name()).isEqualTo("web-1");
        assertThat(p.state()).isEqualTo("Normal");
      });
      ServerHardwareView server = sim.serverHardware().stream()
          .filter(hw -> hw.uri().equals(profiles.get(0).serverHardwareUri())).findFirst().orElseThrow();
      assertThat(server.name()).startsWith("Encl1, bay ");
      assertThat(server.powerState()).isEqualTo("On");
      assertThat(server.serverProfileUri()).isEqualTo(uri);
      // It picked a server that was off, so it never had to power anything off.
      assertThat(sim.tasks()).extracting(t -> t.name()).containsExactly("Create", "Power on");
    }
  }

  @Test
  void theReadmeRegionIsTenLinesOrSo() throws IOException {
    List<String> source = Files.readAllLines(
        Path.of("src/main/java/io/oneviewinfrakit/examples/SdkQuickStart.java"));
    int begin = source.indexOf("    // README-BEGIN");
    int end = source.indexOf("    // README-END");
    assertThat(begin).isNotNegative();
    assertThat(end - begin - 1).isBetween(5, 10);
  }

  @Test
  void theOneViewJavadocAndTheDesignNotesQuoteTheRegionWordForWord() throws IOException {
    List<String> source = Files.readAllLines(
        Path.of("src/main/java/io/oneviewinfrakit/examples/SdkQuickStart.java"));
    List<String> region = source.subList(source.indexOf("    // README-BEGIN") + 1,
        source.indexOf("    // README-END"));
    String javadoc = String.join("\n", region.stream().map(line -> " * " + line.substring(2)).toList());
    assertThat(Files.readString(Path.of("../oneview-client/src/main/java/io/oneviewinfrakit/oneview/OneView.java")))
        .contains(javadoc);
    String design = String.join("\n", region.stream().map(line -> line.substring(2)).toList());
    assertThat(Files.readString(Path.of("../docs/DESIGN.md"))).contains(design);
  }

  @Test
  void theTopLevelReadmeQuotesTheRegionWordForWord() throws IOException {
    List<String> source = Files.readAllLines(
        Path.of("src/main/java/io/oneviewinfrakit/examples/SdkQuickStart.java"));
    List<String> region = source.subList(source.indexOf("    // README-BEGIN") + 1,
        source.indexOf("    // README-END"));
    // The README shows the region inside its own try block, two spaces less indented.
    String quoted = String.join("\n", region.stream().map(line -> line.substring(2)).toList());
    assertThat(Files.readString(Path.of("../README.md"))).contains(quoted);
  }

  @Test
  void mainRunsOnAnEmbeddedSimulator() {
    Output output = new Output();
    SdkQuickStart.run(name -> null, output.stream); // no INFRAKIT_ONEVIEW_OVURL: the simulator
    assertThat(output.text()).contains("Using embedded OneView simulator")
        .containsPattern("Created /rest/server-profiles/\\S+ and powered its server on");
  }
}
