package io.oneviewinfrakit.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark scenario with tiny sizes, so the build exercises their code paths. Nothing
 * here asserts a time or a size: speed and memory are measured by {@link Benchmarks} and quoted in
 * BENCHMARKS.md, never checked in a test on a shared machine.
 */
class BenchmarkSmokeTest {

  @Test
  void provisionLatency() {
    ScenarioResult r = ProvisionLatencyBench.run(ProvisionLatencyBench.Params.smoke());
    // The target is judged on both setups: a client in another process and one in the plugin's JVM.
    assertThat(r.rows()).filteredOn(row -> row.figure().startsWith("Provision p99, all measured calls"))
        .extracting(row -> row.met() != null).containsExactly(true, true);
    // In each round, the plugin in a child JVM took every call: 2 warm-up, two bursts of 4, 4
    // sequential; the bursts met the warm-up's OneView tasks running, not provisions only registered.
    assertThat(r.rows()).anySatisfy(row -> {
      assertThat(row.figure()).startsWith("instances listed at the end");
      for (String round : row.result().split("; ")) {
        assertThat(round).startsWith("14 / ");
        assertThat(Integer.parseInt(round.substring("14 / ".length()))).isGreaterThanOrEqualTo(2);
      }
    });
    // Two rounds, each in a JVM of its own, pooled: 2 x (4 + 4 + 4) calls per setup.
    assertThat(r.rows()).anySatisfy(row -> {
      assertThat(row.figure()).isEqualTo("client in another process: rounds");
      assertThat(row.result()).contains("of 2 rounds at or above 100 ms");
    });
    assertThat(r.rows()).anySatisfy(row -> {
      assertThat(row.figure()).isEqualTo("Provision p50, all measured calls");
      assertThat(row.result()).contains("(n=24)");
    });
    assertThat(r.rows()).anySatisfy(row -> {
      assertThat(row.figure()).startsWith("client in the plugin's JVM: first burst");
      assertThat(row.result()).contains("; 14 listed");
    });
    assertThat(r.toMarkdown()).contains("| figure | target | result | met? |");
  }

  @Test
  void threadsWhileWaitingAndWhileTheApplianceHangs() {
    ScenarioResult r = ThreadsBench.run(ThreadsBench.Params.smoke());
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure()).startsWith("A: plugin threads"));
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure()).startsWith("B: slowest Provision"));
  }

  @Test
  void scenarioEightCountsNoThreadAnEarlierScenarioOfTheSameRunLeftBehind() {
    // Benchmarks runs every scenario in one JVM; scenario 1 starts a child JVM first.
    ProvisionLatencyBench.run(ProvisionLatencyBench.Params.smoke());
    ScenarioResult r = ThreadsBench.run(ThreadsBench.Params.smoke());
    assertThat(r.rows()).anySatisfy(row -> {
      assertThat(row.figure()).isEqualTo("A: the threads, by name");
      assertThat(row.result()).contains("oneview-work-#").doesNotContain("CompletableFutureDelayScheduler")
          .doesNotContain("child");
    });
  }

  @Test
  void convergence() {
    ScenarioResult r = ConvergenceBench.run(ConvergenceBench.Params.smoke());
    assertThat(r.rows().get(0).result()).doesNotContain("did not converge");
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.result()).contains("POST /rest/server-profiles"));
    assertThat(r.rows()).anySatisfy(row -> {
      assertThat(row.figure()).isEqualTo("OneView requests, total");
      assertThat(row.target()).isEqualTo("<= 8 per instance");
      assertThat(row.met()).isNotNull();
    });
    // The warm-up converges the same way and judges nothing.
    ScenarioResult warmUp = ConvergenceBench.warmUp(ConvergenceBench.Params.smoke());
    assertThat(warmUp.rows().get(0).result()).doesNotContain("did not converge");
    assertThat(warmUp.rows()).allSatisfy(row -> assertThat(row.met()).isNull());
    assertThat(ConvergenceBench.runAfterWarmUp(ConvergenceBench.Params.smoke()).toMarkdown())
        .contains("after the warm-up convergence");
  }

  @Test
  void convergenceWithTheBus() {
    ScenarioResult r = ConvergenceBench.run(ConvergenceBench.Params.smokeWithBus());
    assertThat(r.rows().get(0).result()).doesNotContain("did not converge");
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure()).isEqualTo("task polls per instance"));
  }

  @Test
  void describe() {
    ScenarioResult r = DescribeBench.run(DescribeBench.Params.smoke());
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure()).startsWith("DescribeInstances p50"));
  }

  @Test
  void stateChangeBus() {
    ScenarioResult r = BusBench.run(BusBench.Params.smoke());
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure())
        .startsWith("OneView requests per minute, steady state, bus"));
  }

  @Test
  void listing() {
    ScenarioResult r = ListingBench.run(ListingBench.Params.smoke());
    assertThat(r.rows()).hasSize(8);
  }

  @Test
  void footprint() {
    ScenarioResult r = FootprintBench.run(FootprintBench.Params.smoke());
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure()).startsWith("heap used after GC, 4"));
  }

  @Test
  void slowClients() {
    ScenarioResult r = SlowClientBench.run(SlowClientBench.Params.smoke());
    assertThat(r.rows()).anySatisfy(row -> assertThat(row.figure()).startsWith("DescribeInstances p99 with 20 slow"));
  }

  @Test
  void statsAreNearestRank() {
    Stats s = Stats.of(java.util.List.of(1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L));
    assertThat(s.medianMs()).isEqualTo(2.0);
    assertThat(s.p99Ms()).isEqualTo(4.0);
    assertThat(Stats.median(java.util.List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
  }

  @Test
  void requestClassesHideIds() {
    var r = new io.oneviewinfrakit.simulator.RecordedRequest("PUT",
        "/rest/server-hardware/abc-123/powerState", null, 202, java.time.Instant.EPOCH);
    assertThat(RequestClasses.classify(r)).isEqualTo("PUT /rest/server-hardware/{id}/powerState");
    assertThat(RequestClasses.isListing(new io.oneviewinfrakit.simulator.RecordedRequest("GET",
        "/rest/server-profiles", "start=64", 200, java.time.Instant.EPOCH))).isTrue();
  }
}
