package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.examples.PluginClientTour.Outcome;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PluginClientTourTest {

  @Test
  void toursARunningPluginOverItsSocketAndLeavesNothingBehind() {
    try (EmbeddedPlugin running = EmbeddedPlugin.start(8, Duration.ofMillis(20), Duration.ofMillis(100))) {
      PluginClientTour tour = new PluginClientTour();
      new CommandLine(tour).parseArgs("--count", "3", "--poll-millis", "50");
      Output output = new Output();

      Outcome outcome = tour.tour(running.socketPath(), output.stream);

      assertThat(outcome.provisioned()).hasSize(3).allSatisfy(id -> assertThat(id.value()).startsWith("ov-"));
      assertThat(outcome.running()).hasSize(3).allSatisfy(d -> {
        assertThat(PluginProperties.phase(d)).isEqualTo("Running");
        assertThat(PluginProperties.serverName(d)).startsWith("Encl1, bay ");
        assertThat(PluginProperties.profileName(d)).isEqualTo("infrakit-" + d.id().value());
      });
      assertThat(outcome.labelled()).extracting(InstanceDescription::id)
          .containsExactlyInAnyOrderElementsOf(outcome.provisioned());
      assertThat(outcome.labelled()).allSatisfy(d -> assertThat(d.tags())
          .containsEntry("tour.label", "hello").containsEntry("infrakit.group", "tour"));
      assertThat(outcome.afterDestroy()).isEmpty();

      String text = output.text();
      assertThat(text).contains("implements Instance/0.5.0, Instance/0.6.0, Instance/0.6.1",
          "Validate {\"TemplateName\":\"Docker-Gen8-Template\"}: ok",
          "Validate {\"templatename\":\"Docker-Gen8-Template\"}: refused: ",
          "unknown property \"templatename\"", "3 listed: Running 3",
          "Label tour.label=hello: 3 of 3 instances listed with it",
          "Describe after destroy: 0 of the tour's instances listed");
      assertThat(text).containsPattern("Provision -> ov-\\S+ \\(\\d+ ms\\)");

      // The plugin finishes the deletes in the background: every profile goes, every server is off.
      PluginClientTour.awaitAppliance(running.simulator(), Duration.ofSeconds(20));
      assertThat(running.simulator().serverHardware()).allSatisfy(hw -> assertThat(hw.serverProfileUri()).isNull());
      assertThat(running.simulator().tasks()).filteredOn(t -> t.name().equals("Create")).hasSize(3);
      assertThat(running.simulator().tasks()).filteredOn(t -> t.name().equals("Delete")).hasSize(3);
    }
  }

  @Test
  void aTourThatFailsPartWayDestroysWhatItProvisioned() {
    // 16 simulated servers hold 12 blades of the template: the 13th provision is refused.
    try (EmbeddedPlugin running = EmbeddedPlugin.start(16, Duration.ofMillis(20), Duration.ofMillis(100))) {
      PluginClientTour tour = new PluginClientTour();
      new CommandLine(tour).parseArgs("--count", "13", "--poll-millis", "50");
      Output output = new Output();

      assertThatThrownBy(() -> tour.tour(running.socketPath(), output.stream))
          .hasMessageContaining("no free server for template \"Docker-Gen8-Template\"");

      assertThat(output.text()).contains("Tour failed: ").contains("destroying the 12 instances it provisioned");
      PluginClientTour.awaitAppliance(running.simulator(), Duration.ofSeconds(30));
      assertThat(running.simulator().serverProfiles()).isEmpty();
      // An instance destroyed while provisioning may never get its profile: every profile created is deleted.
      long created = running.simulator().tasks().stream().filter(t -> t.name().equals("Create")).count();
      assertThat(running.simulator().tasks()).filteredOn(t -> t.name().equals("Delete")).hasSize((int) created);
      assertThat(running.simulator().serverHardware()).allSatisfy(hw -> assertThat(hw.serverProfileUri()).isNull());
    }
  }

  @Test
  void embeddedModeStartsItsOwnSimulatorAndPlugin() {
    PluginClientTour tour = new PluginClientTour();
    Output output = new Output();
    tour.out = output.stream;
    int exit = ProvisionOne.commandLine(tour).execute("--embedded", "--embedded-task-millis", "0",
        "--poll-millis", "50", "--count", "1");

    assertThat(exit).isZero();
    assertThat(output.text()).contains("Started an embedded simulator and plugin on ", "1 listed: Running 1",
        "OneView (simulated): every profile deleted, no task running");
  }

  @Test
  void theDefaultSocketIsInfraKitsPluginDirectory() {
    PluginClientTour tour = new PluginClientTour();
    new CommandLine(tour).parseArgs();
    assertThat(tour.socket).isEqualTo(Path.of(System.getProperty("user.home"), ".infrakit/plugins/instance-oneview"));
    assertThat(tour.count).isEqualTo(2);
  }
}
