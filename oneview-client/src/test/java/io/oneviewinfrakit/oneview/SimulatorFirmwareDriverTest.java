package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.BLADE_TEMPLATE;
import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.ManualClock;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Firmware bundles removed (and custom baselines built) through the SDK against the simulator. */
final class SimulatorFirmwareDriverTest {
  private static final Duration REMOVE = Duration.ofMinutes(1);

  private final ManualClock clock = new ManualClock();
  private OneViewSimulator sim;
  private OneView ov;
  private FirmwareDriver spp;

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(2).clock(clock).taskDuration(TaskKind.FIRMWARE, REMOVE).build().start();
    ov = sdk(sim).build();
    spp = ov.firmwareDrivers().list().get(0);
  }

  @AfterEach
  void stop() {
    ov.close();
    sim.close();
  }

  @Test
  void aBaselineInUseByATemplateIsRefusedAndStays() {
    OneViewException refused = thrown(OneViewException.class, () -> ov.firmwareDrivers().delete(spp.uri()));

    assertThat(refused.httpStatus()).isEqualTo(409);
    assertThat(refused.error().errorCode()).isEqualTo("RESOURCE_IN_USE");
    assertThat(refused).hasMessageContaining(BLADE_TEMPLATE);
    assertThat(ov.firmwareDrivers().get(spp.uri())).isEqualTo(spp);
  }

  @Test
  void aBaselineNoOneUsesIsGoneOnceItsTaskCompletes() {
    String template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow().uri();
    ov.serverProfileTemplates().delete(template).await(TIMEOUT);

    PendingTask removing = ov.firmwareDrivers().delete(spp.uri());

    assertThat(removing.refresh().state()).isEqualTo(TaskState.RUNNING);
    assertThat(ov.firmwareDrivers().findByName(spp.name())).contains(spp);
    clock.advance(REMOVE);
    assertThat(removing.await(TIMEOUT).state()).isEqualTo(TaskState.COMPLETED);
    assertThat(ov.firmwareDrivers().list()).isEmpty();
    thrown(ResourceNotFoundException.class, () -> ov.firmwareDrivers().get(spp.uri()));
  }

  @Test
  void anUnknownBundleIsNotFound() {
    ResourceNotFoundException missing = thrown(ResourceNotFoundException.class,
        () -> ov.firmwareDrivers().delete("/rest/firmware-drivers/no-such-bundle"));

    assertThat(missing.httpStatus()).isEqualTo(404);
  }

  @Test
  void aCustomBaselineBuiltFromTheSppCanBeRemoved() {
    PendingTask creating = ov.firmwareDrivers().createCustomBaseline("Docker-SPP", spp.uri(), List.of());
    clock.advance(REMOVE);
    FirmwareDriver custom = ov.firmwareDrivers().get(creating.awaitResourceUri(TIMEOUT));
    assertThat(custom.name()).isEqualTo("Docker-SPP");
    assertThat(custom.bundleType()).isEqualTo("Custom");
    assertThat(custom.version()).isEqualTo(spp.version());

    PendingTask removing = ov.firmwareDrivers().delete(custom.uri());
    clock.advance(REMOVE);
    removing.await(TIMEOUT);

    assertThat(ov.firmwareDrivers().list()).containsExactly(spp);
  }
}
