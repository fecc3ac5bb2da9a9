package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a power-on that a provision could not: an owned profile whose envelope says PowerOn and
 * {@code Running}, applied, with its server off, is powered on.
 *
 * <p>It acts only on what it has seen needing a power-on for {@link PluginSettings#powerOnGrace()}
 * (the process that created the profile, this one or another manager node's, powers it on within
 * seconds; only a provision whose process died is left over), re-reads the profile and the server
 * right before acting and obeys what they say then (never a profile marked {@code Destroying}, never
 * a server that no longer carries the profile), and powers each profile on once per run, so an
 * operator's later power-off is not fought; failed attempts are retried on later refreshes,
 * {@value InstanceRegistry#MAX_POWER_ON_ATTEMPTS} attempts in all.
 */
final class PowerReconciler {

  private static final Logger log = LoggerFactory.getLogger(PowerReconciler.class);

  private final OneViewGateway gateway;
  private final InstanceRegistry registry;
  private final PluginSettings settings;
  private final BackgroundWork work;
  private final Clock clock;
  private final Runnable refresh;
  /** Profile URI -> when a listing first showed it applied with its server off. */
  private final Map<String, Instant> offSince = new ConcurrentHashMap<>();

  PowerReconciler(OneViewGateway gateway, InstanceRegistry registry, PluginSettings settings,
      BackgroundWork work, Clock clock, Runnable refresh) {
    this.gateway = gateway;
    this.registry = registry;
    this.settings = settings;
    this.work = work;
    this.clock = clock;
    this.refresh = refresh;
  }

  void reconcile(Inventory inventory) {
    Instant now = clock.instant();
    offSince.keySet().retainAll(inventory.owned().values().stream().map(o -> o.profile().uri())
        .toList());
    for (Inventory.OwnedProfile owned : inventory.owned().values()) {
      ProfileView profile = owned.profile();
      String id = owned.envelope().id();
      if (!owned.envelope().powerOn() || registry.inFlight.containsKey(id) || registry.isHidden(id)
          || profile.serverHardwareUri() == null || registry.powerOnHandled.contains(profile.uri())) {
        offSince.remove(profile.uri());
        continue;
      }
      ServerView server = inventory.servers().get(profile.serverHardwareUri());
      if (server == null || !profile.uri().equals(server.profileUri())
          || Phase.of(profile, server) != Phase.POWERED_OFF) {
        offSince.remove(profile.uri());
        continue;
      }
      Instant since = offSince.computeIfAbsent(profile.uri(), u -> now);
      if (Duration.between(since, now).compareTo(settings.powerOnGrace()) < 0) {
        continue;
      }
      if (!registry.powerOnHandled.add(profile.uri())) {
        continue;
      }
      offSince.remove(profile.uri());
      int attempt = registry.powerOnFailures.getOrDefault(profile.uri(), 0) + 1;
      work.submit(() -> powerOn(id, profile.uri(), server, attempt));
    }
  }

  private void powerOn(String id, String profileUri, ServerView server, int attempt) {
    try {
      // The decision came from a listing up to one refresh interval old, and this job may have
      // waited in the queue: re-read right before acting.
      String skip = noLongerWanted(id, profileUri, server.uri());
      if (skip != null) {
        log.info("Instance {}: not powering on server {} as planned: {}", id, server.name(), skip);
        return;
      }
    } catch (RuntimeException e) {
      // Could not re-check: do nothing now, a later refresh decides again from a new listing.
      registry.powerOnHandled.remove(profileUri);
      log.info("Instance {}: could not re-check server {} before powering it on ({}); a later "
          + "refresh decides again", id, server.name(), OneViewGateway.describe(e));
      return;
    }
    log.info("Instance {}: its server {} has been off for at least {} although it should be on (an "
        + "earlier power-on failed or the process that provisioned it did not finish); powering it "
        + "on (attempt {} of {})", id, server.name(), Durations.human(settings.powerOnGrace()), attempt,
        InstanceRegistry.MAX_POWER_ON_ATTEMPTS);
    // The power task is watched by the SDK's task tracker: no worker waits while the server powers on.
    java.util.concurrent.CompletableFuture<Task> done;
    try {
      done = gateway.watchPowerTask(gateway.startPowerOn(server.uri()));
    } catch (RuntimeException e) {
      done = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    done.whenComplete((task, failure) -> {
      try {
        if (failure == null) {
          registry.lastErrors.remove(id);
          return;
        }
        Throwable e = OneViewGateway.cause(failure);
        registry.lastErrors.put(id, "power on: " + OneViewGateway.describe(e));
        int failed = registry.powerOnFailures.merge(profileUri, 1, Integer::sum);
        boolean retry = failed < InstanceRegistry.MAX_POWER_ON_ATTEMPTS && !work.closing();
        if (retry) {
          registry.powerOnHandled.remove(profileUri); // a later refresh tries again
        }
        log.warn("Instance {}: powering on server {} failed: {}. {}", id, server.name(),
            OneViewGateway.describe(e), retry ? "The plugin tries again on a later refresh if the "
                + "server stays off" : "Power it on in OneView");
      } finally {
        refresh.run();
      }
    });
  }

  /**
   * Re-reads the profile and its server just before a power-on; null when it is still wanted, else
   * why not. Never a server that does not carry the profile (another user may have moved it), never
   * an instance being destroyed (by this process, or marked {@code Destroying} by any: its destroy
   * powers the server off, and a power-on after that would make OneView refuse the delete).
   */
  private String noLongerWanted(String id, String profileUri, String serverUri) {
    if (work.closing()) {
      return "the plugin is shutting down";
    }
    if (registry.inFlight.containsKey(id) || registry.isHidden(id)) {
      return "the instance is being provisioned or destroyed";
    }
    Optional<ProfileView> profile = gateway.profile(profileUri);
    Optional<Envelope> envelope = profile.flatMap(p ->
        EnvelopeCodec.decodeInstance(p.description(), settings.namespace(), id));
    if (envelope.isEmpty()) {
      return "its profile is gone or no longer carries this plugin's envelope";
    }
    if (envelope.get().destroying()) {
      return "its profile is marked Destroying";
    }
    if (!envelope.get().powerOn()) {
      return "its envelope no longer asks for power";
    }
    if (!serverUri.equals(profile.get().serverHardwareUri())) {
      return "its profile was moved to another server";
    }
    if (!"Normal".equalsIgnoreCase(profile.get().state())) {
      // OneView is working on the profile: a later refresh decides again once it is done.
      registry.powerOnHandled.remove(profileUri);
      return "its profile is " + profile.get().state();
    }
    ServerView server = gateway.server(serverUri);
    if (!profileUri.equals(server.profileUri())) {
      return "the server no longer carries its profile";
    }
    if (!server.isPoweredOff()) {
      // Someone else powered it on (or is doing so): nothing left to do, and not fought later.
      return "the server is no longer off (" + server.powerState() + ")";
    }
    // Checked again right before acting, in case a destroy arrived during the reads above.
    if (registry.isHidden(id)) {
      return "the instance is being destroyed";
    }
    return null;
  }
}
