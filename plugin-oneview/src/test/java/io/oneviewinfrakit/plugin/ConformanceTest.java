package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;

import io.oneviewinfrakit.infrakit.conformance.InstancePluginConformance;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The infrakit-spi conformance kit, against the plugin over its Unix socket, on the simulator. */
class ConformanceTest {

  private static final Set<String> WORKING = Set.of("Reserved", "PoweringOff", "CreatingProfile",
      "PoweringOn", "ProfileBusy");
  private static PluginHarness h;

  @BeforeAll
  static void start() {
    h = PluginHarness.start(24, Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @TestFactory
  Stream<DynamicTest> thePluginConformsToInfraKit() {
    InstancePluginConformance kit = InstancePluginConformance.builder()
        .socket(h.socket())
        .validProperties(PluginHarness.BLADE_PROPERTIES)
        .invalidProperties(RawJson.of("[]"), RawJson.of("{\"TemplateName\":7}"),
            RawJson.of("{\"TemplateName\":\"no-such-template\"}"),
            RawJson.of("{\"TemplateName\":\"Docker-Gen8-Template\",\"Unknown\":1}"))
        .awaitSettled(ConformanceTest::settle)
        .backendFailure(ConformanceTest::applianceDown, ConformanceTest::applianceUp)
        .build();
    return kit.checks().stream().map(c -> DynamicTest.dynamicTest(c.name(), c::run));
  }

  private static void settle(InstanceId id) {
    await("OneView work on " + id + " finished", Duration.ofSeconds(20),
        () -> h.sim.pendingTasks() == 0 && !WORKING.contains(h.phase(id).orElse("gone")));
  }

  private static void applianceDown() {
    h.sim.faults().applianceDown(true);
    await("the plugin noticed", Duration.ofSeconds(20), () -> {
      try {
        h.plugin().describeInstances(Map.of(), false);
        return false;
      } catch (OneViewUnavailableException e) {
        return true;
      }
    });
  }

  private static void applianceUp() {
    h.sim.faults().applianceDown(false);
    await("the plugin recovered", Duration.ofSeconds(20), () -> {
      h.plugin().describeInstances(Map.of(), false);
      return true;
    });
  }
}
