package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProvisionOneTest {

  private static OneViewSimulator sim;
  private static OneView ov;

  @BeforeAll
  static void start() {
    sim = OneViewSimulator.builder().servers(8).build().start(); // Encl1, bay 1-6 (bay 2, 6 on), DL360-1, -2
    ov = OneViewTarget.connect(sim);
  }

  @AfterAll
  static void stop() {
    ov.close();
    sim.close();
  }

  @BeforeEach
  void freshInventory() {
    sim.reset();
  }

  private static ProvisionOne parse(String... args) {
    ProvisionOne command = new ProvisionOne();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void powersANamedPoweredOnServerOffCreatesTheProfileAndPowersItOn() {
    Output output = new Output();
    ServerProfile profile = parse("--server", "Encl1, bay 2").provision(ov, output.stream);

    ServerHardwareView server = sim.serverHardware("Encl1, bay 2").orElseThrow();
    assertThat(sim.serverProfiles()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("example-encl1-bay-2").isEqualTo(profile.name());
      assertThat(p.serverHardwareUri()).isEqualTo(server.uri());
      assertThat(p.state()).isEqualTo("Normal");
    });
    assertThat(server.powerState()).isEqualTo("On");
    assertThat(sim.tasks()).extracting(t -> t.name()).containsExactly("Power off", "Create", "Power on");
    assertThat(output.text()).contains("Server Encl1, bay 2 (On, NoProfileApplied)", "Powering off Encl1, bay 2",
        "Creating profile example-encl1-bay-2", "task Completed", "Powering on Encl1, bay 2",
        "server  Encl1, bay 2, power On, ProfileApplied", "state   Normal, status OK");
    assertThat(output.text()).containsPattern("MACs    [0-9A-F]{2}(:[0-9A-F]{2}){5}");
  }

  @Test
  void autoPicksAPoweredOffServerAndTouchesNoOther() {
    Map<String, String> powerBefore = powerStates();
    ServerProfile profile = parse("--name", "picked", "--no-power-on").provision(ov, new Output().stream);

    String used = sim.serverProfiles().get(0).serverHardwareUri();
    assertThat(profile.serverHardwareUri()).isEqualTo(used);
    assertThat(sim.serverProfiles()).extracting(p -> p.name()).containsExactly("picked");
    assertThat(powerBefore.get(used)).isEqualTo("Off");
    // --no-power-on: nothing was powered at all, so every server keeps its power state.
    assertThat(powerStates()).isEqualTo(powerBefore);
    assertThat(sim.tasks()).extracting(t -> t.name()).containsExactly("Create");
  }

  @Test
  void refusesANamedServerThatIsNotFreeAndChangesNothing() {
    parse("--server", "Encl1, bay 1", "--name", "first").provision(ov, new Output().stream);
    Map<String, String> powerBefore = powerStates();
    int tasksBefore = sim.tasks().size();

    assertThatThrownBy(() -> parse("--server", "Encl1, bay 1", "--name", "second").provision(ov, new Output().stream))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("server \"Encl1, bay 1\" is not free (it has profile /rest/server-profiles/")
        .hasMessageContaining("ProvisionOne only uses free servers");
    sim.maintenanceMode(sim.serverHardware("Encl1, bay 3").orElseThrow().uri(), true);
    assertThatThrownBy(() -> parse("--server", "Encl1, bay 3").provision(ov, new Output().stream))
        .hasMessageContaining("is not free (maintenance)");

    assertThat(sim.serverProfiles()).extracting(p -> p.name()).containsExactly("first");
    assertThat(sim.tasks()).hasSize(tasksBefore);
    assertThat(powerStates()).isEqualTo(powerBefore);
  }

  @Test
  void refusesAnIncompatibleOrUnknownServerAndAnUnknownTemplate() {
    assertThatThrownBy(() -> parse("--server", "DL360-1").provision(ov, new Output().stream))
        .hasMessage("server \"DL360-1\" does not fit template \"Docker-Gen8-Template\" "
            + "(different hardware type or enclosure group)");
    assertThatThrownBy(() -> parse("--server", "Encl9, bay 9").provision(ov, new Output().stream))
        .hasMessage("no server named \"Encl9, bay 9\"");
    assertThatThrownBy(() -> parse("--template", "Nope").provision(ov, new Output().stream))
        .hasMessage("no template named \"Nope\"; templates: Docker-Gen8-Template, Rack-DL360-Template");
    assertThat(sim.serverProfiles()).isEmpty();
    assertThat(sim.tasks()).isEmpty();
  }

  @Test
  void saysSoWhenNoServerIsFree() {
    List<String> racks = List.of("DL360-1", "DL360-2");
    for (String rack : racks) {
      parse("--template", "Rack-DL360-Template", "--server", rack).provision(ov, new Output().stream);
    }
    assertThatThrownBy(() -> parse("--template", "Rack-DL360-Template").provision(ov, new Output().stream))
        .hasMessage("no free server fits template \"Rack-DL360-Template\" (2 compatible, none free)");
  }

  @Test
  void theCommandLineRunsOnAnEmbeddedSimulatorAndReportsFailuresAsOneLine() {
    ProvisionOne command = new ProvisionOne();
    Output output = new Output();
    command.out = output.stream;
    command.environment = name -> null;
    assertThat(ProvisionOne.commandLine(command).execute("--server", "Encl1, bay 3")).isZero();
    assertThat(output.text()).contains("Using embedded OneView simulator", "Profile example-encl1-bay-3");

    ProvisionOne refused = new ProvisionOne();
    refused.out = new Output().stream;
    refused.environment = name -> null;
    CommandLine cmd = ProvisionOne.commandLine(refused);
    Output errors = new Output();
    cmd.setErr(new java.io.PrintWriter(errors.stream, true));
    assertThat(cmd.execute("--server", "DL360-1")).isEqualTo(1);
    assertThat(errors.text()).isEqualTo("ProvisionOne: server \"DL360-1\" does not fit template "
        + "\"Docker-Gen8-Template\" (different hardware type or enclosure group)" + System.lineSeparator());
  }

  private static Map<String, String> powerStates() {
    return sim.serverHardware().stream().collect(Collectors.toMap(ServerHardwareView::uri, ServerHardwareView::powerState));
  }

}
