package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

final class RetryTest extends FakeApplianceFixture {
  private static final String HARDWARE = fixture("python-oneviewclient/server-hardware.json");
  private static final String URI = "/rest/server-hardware/30303437-3933-4753-4831-31315835524E";

  private final AtomicInteger calls = new AtomicInteger();

  private static MockResponse unavailable() {
    return new MockResponse().setResponseCode(503).setBody("{\"errorCode\":\"SERVICE_UNAVAILABLE\",\"message\":\"Busy.\"}");
  }

  @Test
  void getIsRetriedOn503UntilItSucceeds() {
    appliance.handler = request -> calls.incrementAndGet() <= 2 ? unavailable() : json(200, HARDWARE);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardware().get(URI).uri()).isEqualTo(URI);
    }
    assertThat(calls).hasValue(3);
  }

  @Test
  void getRetriesStopAfterTheConfiguredCount() {
    appliance.handler = request -> {
      calls.incrementAndGet();
      return new MockResponse().setResponseCode(502 + calls.get() % 3);
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().get(URI))
          .isInstanceOf(OneViewException.class)
          .satisfies(e -> assertThat(((OneViewException) e).httpStatus()).isBetween(502, 504));
    }
    assertThat(calls).hasValue(4);
  }

  @Test
  void getIsRetriedOnATransient500ButAChangeIsNot() {
    appliance.handler = request -> {
      calls.incrementAndGet();
      boolean firstGet = request.getMethod().equals("GET") && calls.get() == 1;
      return firstGet || !request.getMethod().equals("GET")
          ? new MockResponse().setResponseCode(500).setBody("{\"errorCode\":\"INTERNAL_ERROR\",\"message\":\"busy\"}")
          : json(200, HARDWARE);
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardware().get(URI).uri()).isEqualTo(URI);
      assertThat(calls).hasValue(2);
      ServerProfile profile = ServerProfile.fromJson("{\"uri\":\"/rest/server-profiles/1\",\"eTag\":\"7\"}");
      assertThatThrownBy(() -> ov.serverProfiles().update(profile)).isInstanceOf(OneViewException.class)
          .satisfies(e -> assertThat(((OneViewException) e).httpStatus()).isEqualTo(500));
      assertThat(calls).hasValue(3); // a PUT that met a 500 may have been applied: never repeated
    }
  }

  @Test
  void postIsNeverRetried() {
    appliance.handler = request -> {
      calls.incrementAndGet();
      return unavailable();
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().create(ServerProfile.fromJson("{\"name\":\"p\"}")))
          .isInstanceOf(OneViewException.class)
          .hasMessage("POST /rest/server-profiles failed: HTTP 503: SERVICE_UNAVAILABLE: Busy.");
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void putWithoutIfMatchIsNotRetriedButWithIfMatchIs() {
    appliance.handler = request -> {
      calls.incrementAndGet();
      return unavailable();
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().powerOn(URI)).isInstanceOf(OneViewException.class);
      assertThat(calls).hasValue(1);
      ServerProfile profile = ServerProfile.fromJson("{\"uri\":\"/rest/server-profiles/1\",\"eTag\":\"7\"}");
      assertThatThrownBy(() -> ov.serverProfiles().update(profile)).isInstanceOf(OneViewException.class);
      assertThat(calls).hasValue(1 + 4);
    }
  }

  @Test
  void connectionFailureIsRetriedForGet() {
    appliance.handler = request -> calls.incrementAndGet() == 1
        ? new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST)
        : json(200, HARDWARE);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardware().get(URI).uri()).isEqualTo(URI);
    }
    assertThat(calls).hasValue(2);
  }

  @Test
  void unreachableApplianceIsOneViewExceptionWithIoCause() throws Exception {
    OneView ov = FakeAppliance.builder(server).retries(1, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)).build();
    server.shutdown();
    assertThatThrownBy(() -> ov.serverHardware().get(URI))
        .isInstanceOf(OneViewException.class)
        .hasMessageStartingWith("GET /rest/version failed: java.net.ConnectException")
        .hasCauseInstanceOf(IOException.class)
        .satisfies(e -> assertThat(((OneViewException) e).httpStatus()).isZero());
    ov.close();
  }

  @Test
  void retriesCanBeDisabled() {
    appliance.handler = request -> {
      calls.incrementAndGet();
      return unavailable();
    };
    try (OneView ov = FakeAppliance.builder(server)
        .retries(0, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1)).build()) {
      assertThatThrownBy(() -> ov.serverHardware().get(URI)).isInstanceOf(OneViewException.class);
    }
    assertThat(calls).hasValue(1);
  }
}
