package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.examples.ScaleDemo.Tick;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleDemoTest {

  @Test
  void scalesTheGroupZeroToEightToTwoToZeroAndPrintsTheTimeline() {
    try (EmbeddedPlugin stack = EmbeddedPlugin.start(16, Duration.ofMillis(30), Duration.ofMillis(50))) {
      ScaleDemo demo = new ScaleDemo();
      demo.pollMillis = 50;
      demo.stepTimeoutSeconds = 30;
      Output output = new Output();

      List<Tick> timeline = demo.run(stack, output.stream);

      // Converged at 8, then 2, then 0, in that order, each with exactly that many Running instances.
      List<Tick> converged = timeline.stream().filter(t -> t.action().equals("converged")).toList();
      assertThat(converged).extracting(Tick::target).containsExactly(8, 2, 0);
      assertThat(converged).allSatisfy(t -> {
        assertThat(t.listed()).isEqualTo(t.target());
        assertThat(t.profiles()).isEqualTo(t.target());
        assertThat(t.tasks()).isZero();
        assertThat(t.phases().getOrDefault("Running", 0L)).isEqualTo(t.target());
      });
      // Like InfraKit's controller on a plugin that lists in-flight instances at once: one burst of
      // 8 provisions, then 6 destroys, then 2; never more instances than asked for.
      assertThat(timeline).extracting(Tick::action).filteredOn(a -> !a.isEmpty() && !a.equals("converged"))
          .containsExactly("provision 8", "destroy 6", "destroy 2");
      assertThat(timeline).allSatisfy(t -> assertThat(t.listed()).isLessThanOrEqualTo(8));
      assertThat(timeline).extracting(Tick::elapsed).isSorted();

      // The appliance ends empty: 8 profiles created, 8 deleted, nothing failed.
      assertThat(stack.simulator().serverProfiles()).isEmpty();
      assertThat(stack.simulator().tasks()).filteredOn(t -> t.name().equals("Create")).hasSize(8);
      assertThat(stack.simulator().tasks()).filteredOn(t -> t.name().equals("Delete")).hasSize(8);
      assertThat(stack.simulator().tasks()).noneMatch(t -> t.taskState().equals("Error"));

      assertThat(output.text()).contains("elapsed", "target", "listed", "profiles", "phases",
          "size 8 reached in", "size 2 reached in", "size 0 reached in")
          .containsPattern("\\d+\\.\\d\\ds\\s+8\\s+8\\s+8\\s+0\\s+converged\\s+Running 8");
    }
  }
}
