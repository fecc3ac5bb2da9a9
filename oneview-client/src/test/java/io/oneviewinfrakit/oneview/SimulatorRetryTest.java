package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.BLADE_TEMPLATE;
import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.requests;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.junit.EnableOneViewSimulator;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transient failures injected by the simulator: idempotent requests are retried with backoff,
 * POSTs (and PUTs without an eTag) are sent exactly once and fail with a typed error.
 */
@EnableOneViewSimulator(servers = 8)
final class SimulatorRetryTest {
  private static final String PROFILES = "/rest/server-profiles";

  OneViewSimulator sim;
  private OneView ov;
  private ServerProfileTemplate template;
  private ServerHardware hw;

  @BeforeEach
  void logIn() {
    ov = sdk(sim).build();
    template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    hw = ov.serverHardware().freeCompatibleWith(template).stream()
        .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
    sim.requests().clear();
  }

  @AfterEach
  void close() {
    ov.close();
  }

  @Test
  void getAbsorbsTransient503s() {
    sim.faults().failNextRequests(2, 503);

    ServerHardware read = ov.serverHardware().get(hw.uri());

    assertThat(read.uri()).isEqualTo(hw.uri());
    assertThat(requests(sim, "GET", hw.uri())).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
  }

  @Test
  void listAbsorbsTransient502sAnd504s() {
    sim.faults().failNextRequests(1, 502).failNextRequests(1, 504);

    assertThat(ov.serverHardware().list()).hasSize(8);
    assertThat(sim.requests().countStartingWith("GET", "/rest/server-hardware")).isEqualTo(3);
  }

  @Test
  void getGivesUpAfterTheConfiguredRetriesWithTheStatus() {
    sim.faults().failNextRequests(4, 503);

    OneViewException e = thrown(OneViewException.class, () -> ov.serverHardware().get(hw.uri()));

    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(requests(sim, "GET", hw.uri())).hasSize(4);
  }

  @Test
  void getRetriesAfterADroppedConnection() {
    sim.faults().dropNextConnections(1);

    assertThat(ov.serverHardware().get(hw.uri()).uri()).isEqualTo(hw.uri());
    assertThat(requests(sim, "GET", hw.uri())).extracting(RecordedRequest::status)
        .containsExactly(RecordedRequest.DROPPED, 200);
  }

  @Test
  void postUnder503IsNotRetriedAndFailsWithTheStatus() {
    ServerProfile draft = draft("once");
    sim.faults().failNextRequests(1, 503);

    OneViewException e = thrown(OneViewException.class, () -> ov.serverProfiles().create(draft));

    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e).hasMessageContaining("POST /rest/server-profiles");
    assertThat(requests(sim, "POST", PROFILES)).extracting(RecordedRequest::status).containsExactly(503);
    assertThat(sim.serverProfiles()).isEmpty();
  }

  @Test
  void postOnADroppedConnectionIsNotRetriedAndFailsWithTheIoError() {
    ServerProfile draft = draft("dropped");
    sim.faults().dropNextConnections(1);

    OneViewException e = thrown(OneViewException.class, () -> ov.serverProfiles().create(draft));

    assertThat(e.httpStatus()).isZero();
    assertThat(e).hasCauseInstanceOf(IOException.class);
    assertThat(requests(sim, "POST", PROFILES)).extracting(RecordedRequest::status)
        .containsExactly(RecordedRequest.DROPPED);
    assertThat(sim.serverProfiles()).isEmpty();
  }

  @Test
  void powerChangeWithoutETagIsNotRetried() {
    sim.faults().failNextRequests(1, 503);

    OneViewException e = thrown(OneViewException.class, () -> ov.serverHardware().powerOn(hw.uri()));

    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(requests(sim, "PUT", hw.uri() + "/powerState")).hasSize(1);
    assertThat(sim.serverHardware(hw.name()).orElseThrow().powerState()).isEqualTo("Off");
  }

  @Test
  void updateWithETagIsRetriedAfter503() {
    String uri = ov.tasks().await(ov.serverProfiles().create(draft("retried")), TIMEOUT).associatedResourceUri();
    ServerProfile profile = ov.serverProfiles().get(uri);
    sim.faults().failNextRequests(1, 503);

    ov.tasks().await(ov.serverProfiles().update(profile.withDescription("after a 503")), TIMEOUT);

    assertThat(requests(sim, "PUT", uri)).extracting(RecordedRequest::status).containsExactly(503, 202);
    assertThat(ov.serverProfiles().get(uri).description()).isEqualTo("after a 503");
  }

  @Test
  void taskPollingSurvivesTransientErrors() {
    Task create = ov.serverProfiles().create(draft("polled"));
    sim.faults().failNextRequests(2, 503);

    Task done = ov.tasks().await(create, TIMEOUT);

    assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(requests(sim, "GET", create.uri())).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
  }

  private ServerProfile draft(String name) {
    return ov.serverProfileTemplates().newProfile(template).withName(name).withServerHardwareUri(hw.uri());
  }
}
