package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting scopes through the SDK against the simulator: only the version read, or any with a bare URI. */
final class SimulatorScopeDeleteTest {
  private OneViewSimulator sim;
  private OneView ov;

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(2).build().start();
    ov = sdk(sim).build();
  }

  @AfterEach
  void stop() {
    ov.close();
    sim.close();
  }

  @Test
  void aScopeChangedSinceItWasReadIsNotDeleted() {
    String uri = ov.scopes().create(Scope.builder("lab").build()).awaitResourceUri(TIMEOUT);
    Scope read = ov.scopes().get(uri);
    ov.scopes().update(read.withName("lab-2")).await(TIMEOUT);

    StaleETagException stale = thrown(StaleETagException.class, () -> ov.scopes().delete(read));

    assertThat(stale.httpStatus()).isEqualTo(412);
    assertThat(ov.scopes().get(uri).name()).isEqualTo("lab-2");
    assertThat(sim.requests().matching("DELETE", uri).get(0).header("If-Match")).isEqualTo(read.eTag());
  }

  @Test
  void theScopeAsReadIsDeleted() {
    String uri = ov.scopes().create(Scope.builder("lab").build()).awaitResourceUri(TIMEOUT);

    ov.scopes().delete(ov.scopes().get(uri)).await(TIMEOUT);

    thrown(ResourceNotFoundException.class, () -> ov.scopes().get(uri));
  }

  @Test
  void aBareUriDeletesWhateverTheVersion() {
    String uri = ov.scopes().create(Scope.builder("lab").build()).awaitResourceUri(TIMEOUT);
    ov.scopes().update(ov.scopes().get(uri).withName("lab-2")).await(TIMEOUT);

    ov.scopes().delete(uri).await(TIMEOUT);

    thrown(ResourceNotFoundException.class, () -> ov.scopes().get(uri));
    assertThat(sim.requests().matching("DELETE", uri).get(0).header("If-Match")).isEqualTo("*");
  }
}
