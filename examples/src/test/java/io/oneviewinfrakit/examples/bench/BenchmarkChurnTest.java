package io.oneviewinfrakit.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scenarios 3 and 5 at a size where seeding creates hundreds of server profiles while the plugin
 * lists them (refresh every 50 ms): the listing must converge under that churn, never fail with
 * "changed while it was being listed" or make Provision answer "OneView could not be listed". No
 * timing is asserted; the scenarios only have to run to the end with every instance accounted for.
 */
class BenchmarkChurnTest {

  @Test
  void describeScenarioSeedsHundredsOfProfilesWhileThePluginListsThem() {
    ScenarioResult r = DescribeBench.run(new DescribeBench.Params(600, 300, 300, 3, Duration.ofMillis(100),
        Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(50)));
    assertThat(r.title()).doesNotContain("failed");
    assertThat(r.rows()).anySatisfy(row -> {
      assertThat(row.figure()).startsWith("DescribeInstances, 3 callers");
      assertThat(row.result()).contains("100 instances per answer");
    });
  }

  @Test
  void footprintScenarioProvisionsHundredsOfInstancesWhileThePluginListsThem() {
    ScenarioResult r = FootprintBench.run(new FootprintBench.Params(1, Optional.empty(), 300, Duration.ofMillis(50)));
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure()).startsWith("heap used after GC, 300"));
  }
}
