package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.OneViewException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The look for a profile whose create request got no answer (the connection dropped, or a gateway
 * answered 5xx): OneView may or may not have created it. Its name is unique to the instance and it
 * carries the instance's envelope, so it is looked up by name, after a backoff each time, until the
 * create lookup wait is over.
 */
final class LostCreateLookup {

  /** The create request got no answer and no profile of it showed up: it may still appear. */
  static final class CreateOutcomeUnknownException extends RuntimeException {
    CreateOutcomeUnknownException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private final OneViewGateway gateway;
  private final PluginSettings settings;
  private final Clock clock;
  private final String instanceId;
  private final String name;
  private final OneViewException lostCreate;
  private final Instant lookupUntil;
  private int looks;

  LostCreateLookup(OneViewGateway gateway, PluginSettings settings, Clock clock, String instanceId,
      String name, OneViewException lostCreate) {
    this.gateway = gateway;
    this.settings = settings;
    this.clock = clock;
    this.instanceId = instanceId;
    this.name = name;
    this.lostCreate = lostCreate;
    this.lookupUntil = clock.instant().plus(settings.createLookupWait());
  }

  /** One look: the profile if it exists now; OneView failing to answer counts as not seen yet. */
  Optional<ProfileView> look() {
    looks++;
    try {
      return ourProfile(gateway, settings, name, instanceId);
    } catch (RuntimeException e) {
      if (!OneViewGateway.isTransient(e)) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /**
   * How long until the next look, after one that found nothing.
   *
   * @throws CreateOutcomeUnknownException when the wait is over or the provision is to stop: the
   *     create counts as not made, and whoever cleans up keeps watching for a late profile
   */
  Duration nextLookIn(boolean stopRequested) {
    if (!clock.instant().isBefore(lookupUntil) || stopRequested) {
      throw new CreateOutcomeUnknownException("the create request for profile " + name + " got "
          + "no answer (" + OneViewGateway.describe(lostCreate) + ") and no such profile appeared "
          + "within " + Durations.human(settings.createLookupWait()), lostCreate);
    }
    return settings.retryDelay(looks);
  }

  /** The profile named {@code name} that carries instance {@code id}'s envelope, if any. */
  static Optional<ProfileView> ourProfile(OneViewGateway gateway, PluginSettings settings,
      String name, String id) {
    return gateway.profilesNamed(name).stream()
        .filter(p -> EnvelopeCodec.decodeInstance(p.description(), settings.namespace(), id).isPresent())
        .findFirst();
  }
}
