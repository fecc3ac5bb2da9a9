package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-client-IP session counters, unit-tested on {@link Sessions} directly. */
class SessionsPerClientTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Sessions sessions = new Sessions("Administrator", "secret", Duration.ofMinutes(5), 2);

  @Test
  void clientWhoseLastSessionIsLoggedOutIsForgotten() {
    String a1 = sessions.login("Administrator", "secret", null, "10.0.0.1", T0);
    String a2 = sessions.login("Administrator", "secret", null, "10.0.0.1", T0);
    String b = sessions.login("Administrator", "secret", null, "10.0.0.2", T0);
    assertThat(sessions.trackedClients()).isEqualTo(2);

    sessions.logout(a1);
    assertThat(sessions.trackedClients()).isEqualTo(2); // 10.0.0.1 still has a2
    sessions.logout(a2);
    sessions.logout(b);

    assertThat(sessions.trackedClients()).isZero();
  }

  @Test
  void clientWhoseSessionsExpireIsForgotten() {
    for (int i = 0; i < 100; i++) {
      sessions.login("Administrator", "secret", null, "10.0.1." + i, T0);
    }
    Instant later = T0.plus(Duration.ofMinutes(6));

    assertThat(sessions.count(later)).isZero();
    assertThat(sessions.trackedClients()).isZero();
  }

  @Test
  void clientAtItsLimitCanLogInAgainOnceASessionIsGone() {
    String first = sessions.login("Administrator", "secret", null, "10.0.0.1", T0);
    sessions.login("Administrator", "secret", null, "10.0.0.1", T0);

    sessions.logout(first);

    assertThat(sessions.login("Administrator", "secret", null, "10.0.0.1", T0)).startsWith("LTI");
    assertThat(sessions.trackedClients()).isEqualTo(1);
  }
}
