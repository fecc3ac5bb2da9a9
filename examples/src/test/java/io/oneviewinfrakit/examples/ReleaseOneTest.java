package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReleaseOneTest {

  private static OneViewSimulator sim;
  private static OneView ov;

  @BeforeAll
  static void start() {
    sim = OneViewSimulator.builder().servers(8).build().start();
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

  private static ReleaseOne parse(String... args) {
    ReleaseOne command = new ReleaseOne();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static void provision(String server, String name) {
    ProvisionOne provision = new ProvisionOne();
    new CommandLine(provision).parseArgs("--server", server, "--name", name);
    provision.provision(ov, new Output().stream);
  }

  @Test
  void powersOffDeletesTheNamedProfileAndLeavesTheServerFree() {
    provision("Encl1, bay 3", "keep");
    provision("Encl1, bay 4", "release-me");
    Output output = new Output();

    ServerHardware freed = parse("--profile", "release-me").release(ov, output.stream);

    assertThat(freed.name()).isEqualTo("Encl1, bay 4");
    assertThat(freed.isFree()).isTrue();
    assertThat(sim.serverProfiles()).extracting(p -> p.name()).containsExactly("keep");
    assertThat(sim.serverHardware("Encl1, bay 4").orElseThrow().powerState()).isEqualTo("Off");
    assertThat(sim.serverHardware("Encl1, bay 3").orElseThrow().powerState()).isEqualTo("On");
    assertThat(output.text()).contains("Profile release-me (/rest/server-profiles/", "Powering off Encl1, bay 4",
        "Deleting profile release-me", "Deleted release-me; server Encl1, bay 4 is free, power Off");
  }

  @Test
  void refusesAnUnknownProfileAndOneTheInfraKitPluginManages() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
    String bay5 = sim.serverHardware("Encl1, bay 5").orElseThrow().uri();
    ov.tasks().await(ov.serverProfiles().create(ov.serverProfileTemplates().newProfile(template)
        .withName("infrakit-ov-aaaaaaaaaaaaaaaa").withServerHardwareUri(bay5)
        .withDescription("infrakit-oneview/v1 {\"owner\":\"default\",\"id\":\"ov-aaaaaaaaaaaaaaaa\"}")),
        Duration.ofSeconds(10));
    int tasksBefore = sim.tasks().size();

    assertThatThrownBy(() -> parse("--profile", "nope").release(ov, new Output().stream))
        .hasMessage("no server profile named \"nope\"");
    assertThatThrownBy(() -> parse("--profile", "infrakit-ov-aaaaaaaaaaaaaaaa").release(ov, new Output().stream))
        .hasMessage("profile \"infrakit-ov-aaaaaaaaaaaaaaaa\" is managed by the InfraKit plugin; "
            + "destroy the instance through InfraKit instead");
    assertThat(sim.serverProfiles()).hasSize(1);
    assertThat(sim.tasks()).hasSize(tasksBefore);
  }

  @Test
  void withoutAProfileOnTheSimulatorItProvisionsOneToRelease() {
    ReleaseOne command = new ReleaseOne();
    Output output = new Output();
    command.out = output.stream;
    command.environment = name -> null;
    assertThat(ProvisionOne.commandLine(command).execute()).isZero();
    assertThat(output.text()).contains("Creating profile example-encl1-bay-1",
        "Deleted example-encl1-bay-1; server Encl1, bay 1 is free, power Off");
  }

  @Test
  void onAnApplianceTheProfileMustBeNamed() {
    ReleaseOne command = new ReleaseOne();
    command.out = new Output().stream;
    command.environment = name -> switch (name) {
      case OneViewTarget.URL -> "https://127.0.0.1:1";
      case OneViewTarget.USER -> "someone";
      case OneViewTarget.PASSWORD -> "secret";
      default -> null;
    };
    CommandLine cmd = ProvisionOne.commandLine(command);
    Output errors = new Output();
    cmd.setErr(new java.io.PrintWriter(errors.stream, true));
    assertThat(cmd.execute("--yes")).isEqualTo(1);
    assertThat(errors.text()).contains("ReleaseOne: --profile is required");
  }
}
