package io.oneviewinfrakit.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a provision that failed or was destroyed while in progress: the instance leaves the
 * registry, the server is released (or cooled down when it is to blame), and whatever the provision
 * may have created goes to the {@link Destroyer}, which removes it durably.
 */
final class ProvisionCleanup {
  // Logs as the provision it ends, under the logger operators already filter on.
  private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

  private final OneViewGateway gateway;
  private final InventoryCache cache;
  private final InstanceRegistry registry;
  private final ServerReservations reservations;
  private final PluginSettings settings;
  private final BackgroundWork work;
  private final Destroyer destroyer;
  private final Clock clock;

  ProvisionCleanup(OneViewGateway gateway, InventoryCache cache, InstanceRegistry registry,
      ServerReservations reservations, PluginSettings settings, BackgroundWork work,
      Destroyer destroyer, Clock clock) {
    this.gateway = gateway;
    this.cache = cache;
    this.registry = registry;
    this.reservations = reservations;
    this.settings = settings;
    this.work = work;
    this.destroyer = destroyer;
    this.clock = clock;
  }

  /** Whether the provision is to stop: its instance is being destroyed, or the plugin closes. */
  boolean stopRequested(InFlightInstance instance) {
    return instance.destroyRequested() || work.closing() || Thread.currentThread().isInterrupted();
  }

  /** Destroy arrived during provisioning: hand what was created to the destroyer, forget the instance. */
  void cancelled(InFlightInstance instance) {
    if (work.closing()) {
      return;
    }
    InstanceRegistry.Hidden hidden = registry.drop(instance);
    String uri = instance.profileUri();
    if (uri == null) {
      reservations.release(instance.serverUri(), instance.id);
      log.info("Instance {} destroyed while provisioning: no profile had been created", instance.id);
      hidden.finished(cache.startedSeq(), cache.now());
      cache.refresh();
      return;
    }
    log.info("Instance {} destroyed while provisioning: removing its profile {}", instance.id,
        instance.properties.profileName(instance.id));
    destroy(instance, uri, null, hidden);
  }

  /** A provision failed: hand what it may have created to the destroyer, cool the server down, say why. */
  void failed(InFlightInstance instance, String serverUri, String reason, boolean coolDown,
      String profileUri, boolean mayExistUnseen) {
    String serverName = Inventory.serverName(cache.latest(), serverUri);
    InstanceRegistry.Hidden hidden = registry.drop(instance);
    if (coolDown && serverUri != null) {
      reservations.coolDown(serverUri, settings.failureCooldown(), reason);
    }
    log.warn("Provisioning instance {} on server {} failed: {}. The instance is dropped and the "
        + "group controller provisions a replacement{}; check the server and the template in "
        + "OneView", instance.id, serverName, reason,
        coolDown ? " on another server (" + serverName + " is avoided for "
            + Durations.human(settings.failureCooldown()) + ")" : "");
    if (profileUri == null && !mayExistUnseen && instance.profileUri() == null) {
      reservations.release(serverUri, instance.id);
      hidden.finished(cache.startedSeq(), cache.now());
      cache.refresh();
      return;
    }
    // A create task that is still running (or whose answer was lost) may create the profile later:
    // the destroyer looks for it by name until well after the task could have ended.
    Instant appearBy = mayExistUnseen ? clock.instant().plus(cleanupWait()) : null;
    destroy(instance, profileUri != null ? profileUri : instance.profileUri(), appearBy, hidden);
  }

  /** A partial profile left by a create OneView refused (server taken): removed durably. */
  void removePartial(InFlightInstance instance, String uri) {
    destroyer.start(instance.id, uri, instance.properties.profileName(instance.id), null,
        new Destroyer.Outcome() {});
  }

  /**
   * Hands what the provision created to the destroyer. The server stays reserved until the profile
   * is gone: a listing taken before the profile was created still shows the server free, and
   * another provision must not pick it meanwhile.
   */
  private void destroy(InFlightInstance instance, String uri, Instant appearBy,
      InstanceRegistry.Hidden hidden) {
    String serverUri = instance.serverUri();
    Runnable release = () -> reservations.release(serverUri, instance.id);
    if (uri == null) {
      // Only watching for a profile whose create may have been lost: no profile holds the server
      // now, and if one appears there, a provision that picked the server meanwhile moves on.
      release.run();
      release = () -> {};
    }
    destroyer.start(instance.id, uri, instance.properties.profileName(instance.id), appearBy,
        new HiddenUntilDurable(registry, cache, instance.id, hidden, release));
  }

  private Duration cleanupWait() {
    Duration fourTimes = gateway.profileTaskTimeout().multipliedBy(4);
    Duration floor = Duration.ofMinutes(5);
    Duration wait = fourTimes.compareTo(floor) > 0 ? fourTimes : floor;
    return wait.compareTo(settings.createLookupWait()) > 0 ? wait : settings.createLookupWait();
  }
}
