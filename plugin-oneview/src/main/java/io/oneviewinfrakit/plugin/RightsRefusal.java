package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.oneview.OneViewException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OneView refused a change (HTTP 403) because the plugin's user lacks the rights for it. That does
 * not change until an administrator changes the user's role, and InfraKit's group controller would
 * otherwise provision again at every poll, each attempt another 403 in the appliance's audit log.
 * So after one, provisions are refused at once with the reason, for a backoff that doubles from
 * {@code first} to {@code max}; then one provision may try again. One WARN per refusal, and one INFO
 * when OneView accepts a change again. Thread-safe.
 */
final class RightsRefusal {
  private static final Logger log = LoggerFactory.getLogger(RightsRefusal.class);

  private final Clock clock;
  private final Duration first;
  private final Duration max;
  private String reason;
  private Instant until;
  private Duration backoff;

  RightsRefusal(Clock clock, Duration first, Duration max) {
    this.clock = clock;
    this.first = first;
    this.max = max;
    this.backoff = first;
  }

  /** Whether {@code failure} is OneView saying the user may not do this (not a session problem). */
  static boolean isRightsFailure(Throwable failure) {
    return failure instanceof OneViewException e && e.httpStatus() == 403;
  }

  /** OneView refused {@code what} (e.g. "create server profiles") for lack of rights. */
  synchronized void refused(String what, Throwable failure) {
    Instant now = clock.instant();
    until = now.plus(backoff).truncatedTo(ChronoUnit.SECONDS);
    reason = "OneView refused to let the plugin's user " + what + " ("
        + OneViewGateway.describe(failure) + "). Give the user (--user / INFRAKIT_ONEVIEW_OVUSER) a "
        + "role that manages server profiles and server power, such as Server administrator";
    log.warn("{}; provisions are refused until {} without asking OneView, then one is tried again",
        reason, until);
    backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
  }

  /** OneView accepted a change: the user has the rights (again). */
  synchronized void accepted() {
    if (reason != null) {
      log.info("OneView accepts the plugin's changes again; provisions go ahead");
    }
    reason = null;
    until = null;
    backoff = first;
  }

  /** Refuses a provision while the last refusal's backoff runs. */
  synchronized void throwIfRefused() {
    if (reason != null && clock.instant().isBefore(until)) {
      throw new PluginException(reason + "; provisions are refused until " + until
          + ", then one is tried again");
    }
  }
}
