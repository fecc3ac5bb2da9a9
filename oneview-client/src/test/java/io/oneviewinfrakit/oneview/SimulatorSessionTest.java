package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.logins;
import static io.oneviewinfrakit.oneview.SimulatorSupport.requests;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.simulator.ManualClock;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.junit.EnableOneViewSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Login sessions end to end: re-login after a 401, logout on close, sharing one client across threads. */
@EnableOneViewSimulator(servers = 8)
final class SimulatorSessionTest {
  OneViewSimulator sim;

  @Test
  void invalidatedSessionIsRenewedWithExactlyOneLoginAndTheRequestSucceeds() {
    try (OneView ov = sdk(sim).build()) {
      String uri = ov.serverHardware().list().get(0).uri();
      assertThat(logins(sim)).isEqualTo(1);
      sim.requests().clear();

      sim.faults().invalidateSessions();
      assertThat(sim.sessionCount()).isZero();
      ServerHardware hw = ov.serverHardware().get(uri);

      assertThat(hw.uri()).isEqualTo(uri);
      assertThat(logins(sim)).isEqualTo(1);
      assertThat(requests(sim, "GET", uri)).extracting(RecordedRequest::status).containsExactly(401, 200);
      assertThat(sim.sessionCount()).isEqualTo(1);
    }
  }

  @Test
  void aPostRejectedWith401IsSentAgainAfterReLoginAndCreatesOneProfile() {
    try (OneView ov = sdk(sim).build()) {
      ServerProfileTemplate template = ov.serverProfileTemplates().findByName(SimulatorSupport.BLADE_TEMPLATE).orElseThrow();
      ServerHardware hw = ov.serverHardware().freeCompatibleWith(template).stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      ServerProfile draft = ov.serverProfileTemplates().newProfile(template).withName("after-restart")
          .withServerHardwareUri(hw.uri());
      sim.requests().clear();
      sim.faults().invalidateSessions();

      ov.tasks().await(ov.serverProfiles().create(draft), SimulatorSupport.TIMEOUT);

      // 401 means the appliance did not act on the request, so sending it again is safe.
      assertThat(requests(sim, "POST", "/rest/server-profiles")).extracting(RecordedRequest::status)
          .containsExactly(401, 202);
      assertThat(logins(sim)).isEqualTo(1);
      assertThat(sim.serverProfiles()).singleElement().returns("after-restart", p -> p.name());
    }
  }

  @Test
  void idleExpiredSessionIsRenewedTransparently() {
    ManualClock clock = new ManualClock();
    try (OneViewSimulator expiring = OneViewSimulator.builder().servers(2).clock(clock)
            .sessionIdleTimeout(Duration.ofMinutes(30)).build().start();
        OneView ov = sdk(expiring).build()) {
      assertThat(ov.serverHardware().list()).hasSize(2);
      clock.advance(Duration.ofMinutes(31));

      assertThat(ov.serverHardware().list()).hasSize(2);
      assertThat(logins(expiring)).isEqualTo(2);
      assertThat(expiring.requests().countWithStatus(401)).isEqualTo(1);
    }
  }

  @Test
  void closeLogsOutSoNoSessionLeaks() {
    OneView ov = sdk(sim).build();
    ov.serverHardware().list();
    assertThat(sim.sessionCount()).isEqualTo(1);

    ov.close();

    assertThat(sim.sessionCount()).isZero();
    assertThat(requests(sim, "DELETE", "/rest/login-sessions")).extracting(RecordedRequest::status)
        .containsExactly(204);
    assertThatThrownBy(() -> ov.serverHardware().list()).isInstanceOf(IllegalStateException.class);
    ov.close(); // idempotent: no second logout
    assertThat(sim.requests().count("DELETE", "/rest/login-sessions")).isEqualTo(1);
  }

  @Test
  void logoutEndsTheSessionAndTheNextCallLogsInAgain() {
    try (OneView ov = sdk(sim).build()) {
      ov.serverHardware().list();
      ov.logout();
      assertThat(sim.sessionCount()).isZero();

      ov.serverHardware().list();
      assertThat(sim.sessionCount()).isEqualTo(1);
      assertThat(logins(sim)).isEqualTo(2);
    }
    assertThat(sim.sessionCount()).isZero();
  }

  @Test
  void closingAClientWhoseSessionWasAlreadyInvalidatedDoesNotFail() {
    OneView ov = sdk(sim).build();
    ov.serverHardware().list();
    sim.faults().invalidateSessions();

    ov.close();

    assertThat(sim.sessionCount()).isZero();
  }

  @Test
  void sessionCapPerClientIsAnAuthenticationErrorAndClosingFreesASlot() {
    try (OneViewSimulator capped = OneViewSimulator.builder().servers(1).sessionLimitPerClient(1).build().start()) {
      OneView first = sdk(capped).build();
      first.serverHardware().list();
      try (OneView second = sdk(capped).build()) {
        AuthenticationException e = thrown(AuthenticationException.class, () -> second.serverHardware().list());
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.error().errorCode()).isEqualTo("AUTHN_SESSION_CLIENT_LIMIT_CROSSED");

        first.close();
        assertThat(second.serverHardware().list()).hasSize(1);
        assertThat(capped.sessionCount()).isEqualTo(1);
      }
      assertThat(capped.sessionCount()).isZero();
    }
  }

  @Test
  void manyThreadsSharingOneClientRenewAnInvalidatedSessionOnce() throws Exception {
    int threads = 16;
    int callsPerPhase = 5;
    try (OneView ov = sdk(sim).build()) {
      List<String> uris = ov.serverHardware().list().stream().map(ServerHardware::uri).toList();
      CountDownLatch warmedUp = new CountDownLatch(threads);
      CountDownLatch invalidated = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          results.add(pool.submit(() -> {
            int ok = 0;
            for (int i = 0; i < callsPerPhase; i++) ok += get(ov, uris.get((id + i) % uris.size()));
            warmedUp.countDown();
            assertThat(invalidated.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < callsPerPhase; i++) ok += get(ov, uris.get((id + i) % uris.size()));
            return ok;
          }));
        }
        assertThat(warmedUp.await(10, TimeUnit.SECONDS)).isTrue();
        sim.requests().clear();
        sim.faults().invalidateSessions();
        invalidated.countDown();
        for (Future<Integer> result : results) assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(2 * callsPerPhase);
      } finally {
        pool.shutdownNow();
      }

      // Every thread's first call after the restart may see 401, but only one logs in again.
      assertThat(logins(sim)).isEqualTo(1);
      assertThat(sim.requests().countWithStatus(401)).isBetween(1, threads);
      assertThat(sim.requests().countWithStatus(200)).isEqualTo(threads * callsPerPhase + 1);
      assertThat(sim.sessionCount()).isEqualTo(1);
    }
    assertThat(sim.sessionCount()).isZero();
  }

  private static int get(OneView ov, String uri) {
    return ov.serverHardware().get(uri).uri().equals(uri) ? 1 : 0;
  }
}
