package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.oneview.TaskFailedException;
import io.oneviewinfrakit.oneview.TaskTimeoutException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow half of Provision, Destroy and Label: the OneView tasks, run on the plugin's bounded
 * worker pool after the RPC has answered.
 *
 * <p>Rules every step follows: a profile is deleted or modified only after re-reading it and finding
 * this namespace's envelope with the expected instance ID; a server is powered off only right after
 * reading it without a profile (or with ours); a failure is logged with OneView's error code and
 * message and what to do, never swallowed.
 */
final class BackgroundWork {

  /** Task error codes meaning "someone else put a profile on that server first" (see oneview-api.md). */
  static final Set<String> SERVER_TAKEN_ERRORS = Set.of(
      "ProfileAlreadyExistsInServer", "AssignProfileToDeviceBayError",
      "EnclosureBayUnavailableForProfile");

  private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

  /** The chosen server turned out to be taken by someone else. */
  private static final class ServerTakenException extends RuntimeException {
    ServerTakenException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  /** The create task outlived its timeout; it may still create the profile later. */
  private static final class CreateTimedOutException extends RuntimeException {
    final Task task;

    CreateTimedOutException(String message, Task task) {
      super(message, null, false, false);
      this.task = task;
    }
  }

  private final OneViewGateway gateway;
  private final InventoryCache cache;
  private final InstanceRegistry registry;
  private final ServerReservations reservations;
  private final PluginSettings settings;
  private final ExecutorService executor;
  private volatile boolean closing;

  BackgroundWork(OneViewGateway gateway, InventoryCache cache, InstanceRegistry registry,
      ServerReservations reservations, PluginSettings settings, ExecutorService executor) {
    this.gateway = gateway;
    this.cache = cache;
    this.registry = registry;
    this.reservations = reservations;
    this.settings = settings;
    this.executor = executor;
  }

  void submit(Runnable job) {
    executor.execute(job);
  }

  /** Stops starting new OneView work (a shutdown interrupts the workers; nothing is cleaned up then). */
  void closing() {
    closing = true;
  }

  // ---------------------------------------------------------------- provision

  void provision(InFlightInstance instance) {
    Set<String> tried = new HashSet<>();
    int attempt = 1;
    while (true) {
      if (stopRequested(instance)) {
        finishCancelled(instance);
        return;
      }
      String serverUri = instance.serverUri();
      try {
        applyProfile(instance, serverUri);
        break;
      } catch (ServerTakenException e) {
        tried.add(serverUri);
        reservations.release(serverUri, instance.id);
        instance.lastError(e.getMessage());
        if (closing) {
          return;
        }
        Optional<ServerView> next = attempt < settings.maxServerAttempts()
            ? chooseAnother(instance, tried) : Optional.empty();
        if (next.isEmpty()) {
          fail(instance, serverUri, e.getMessage() + "; no other free server to try after "
              + attempt + " attempt(s)", false, null);
          return;
        }
        log.info("Instance {}: {}; moving to server {}", instance.id, e.getMessage(), next.get().name());
        instance.serverUri(next.get().uri());
        attempt++;
      } catch (RuntimeException e) {
        if (closing) {
          return; // shutting down: what exists in OneView carries our envelope; the next run lists it
        }
        fail(instance, serverUri, OneViewGateway.describe(e), isTheServersFault(e),
            e instanceof CreateTimedOutException t ? t.task : null);
        return;
      }
    }
    if (stopRequested(instance)) {
      finishCancelled(instance);
      return;
    }
    try {
      writePendingLabels(instance);
    } catch (RuntimeException e) {
      instance.lastError("writing labels: " + OneViewGateway.describe(e));
      log.warn("Instance {}: writing tags merged by Label during provisioning failed: {}. The "
          + "group controller relabels on its next check", instance.id, OneViewGateway.describe(e));
    }
    boolean poweredAsAsked = true;
    if (instance.properties.powerOn()) {
      instance.phase(Phase.POWERING_ON);
      log.info("Instance {}: profile applied, powering on server {}", instance.id,
          serverName(instance.serverUri()));
      try {
        gateway.powerOn(instance.serverUri());
        registry.powerOnHandled.add(instance.profileUri());
      } catch (RuntimeException e) {
        if (closing) {
          return;
        }
        String reason = OneViewGateway.describe(e);
        poweredAsAsked = false;
        instance.lastError("power on: " + reason);
        registry.lastErrors.put(instance.id, "power on: " + reason);
        registry.powerOnFailures.merge(instance.profileUri(), 1, Integer::sum);
        log.warn("Instance {}: powering on server {} failed: {}. The instance exists (its profile is "
            + "applied); the plugin retries the power-on on a later refresh if the server stays off "
            + "(up to {} attempts), or power it on in OneView", instance.id,
            serverName(instance.serverUri()), reason, InstanceRegistry.MAX_POWER_ON_ATTEMPTS);
      }
    } else {
      registry.powerOnHandled.add(instance.profileUri());
    }
    if (closing) {
      return;
    }
    // The in-flight entry keeps the phase of its last own step: Running or PoweredOff are reported
    // only from a listing taken after the work finished (profile and server read together), never
    // from the plugin's belief, which an older listing's hardware snapshot would contradict.
    Phase outcome = instance.properties.powerOn() && poweredAsAsked ? Phase.RUNNING : Phase.POWERED_OFF;
    if (!instance.finishUnlessDestroyed(cache.startedSeq(), cache.now())) {
      finishCancelled(instance);
      return;
    }
    cache.refresh();
    log.info("Instance {} provisioned: profile {} on server {} ({})", instance.id,
        instance.properties.profileName(instance.id), serverName(instance.serverUri()),
        outcome.displayName());
  }

  /** Checks, powers off and creates the profile on one server; returns with the profile URI set. */
  private void applyProfile(InFlightInstance instance, String serverUri) {
    ServerView server = gateway.server(serverUri);
    if (!server.isFree()) {
      throw new ServerTakenException("server " + server.name() + " is no longer free ("
          + (server.hasProfile() ? "it has profile " + server.profileUri() : "state " + server.state()
              + (server.maintenance() ? ", in maintenance" : "")) + ")", null);
    }
    if (!server.isPoweredOff()) {
      instance.phase(Phase.POWERING_OFF);
      log.info("Instance {}: powering off server {} to apply a profile", instance.id, server.name());
      gateway.powerOff(serverUri);
      if (stopRequested(instance)) {
        return;
      }
    }
    instance.phase(Phase.CREATING_PROFILE);
    String name = instance.properties.profileName(instance.id);
    log.info("Instance {}: creating profile {} from template \"{}\" on server {}", instance.id, name,
        instance.template.name(), server.name());
    Envelope written = instance.envelope();
    instance.writtenTags(written.tags());
    Task task = gateway.startCreate(instance.template, name, EnvelopeCodec.encode(written), serverUri,
        instance.customize);
    Task done;
    try {
      done = gateway.awaitProfileTask(task);
    } catch (TaskFailedException e) {
      String code = OneViewGateway.errorCode(e);
      String partial = e.task().associatedResourceUri();
      if (code != null && SERVER_TAKEN_ERRORS.contains(code)) {
        removePartialProfile(instance, partial);
        throw new ServerTakenException("OneView refused server " + server.name() + " ("
            + OneViewGateway.describe(e) + ")", e);
      }
      throw e;
    } catch (TaskTimeoutException e) {
      throw new CreateTimedOutException("profile create task " + task.uri() + " did not finish within "
          + Durations.human(gateway.profileTaskTimeout()), e.task() != null ? e.task() : task);
    }
    String profileUri = done.associatedResourceUri();
    if (profileUri == null) {
      profileUri = gateway.profilesNamed(name).stream().map(ProfileView::uri).findFirst()
          .orElseThrow(() -> new IllegalStateException("profile create task " + done.uri()
              + " completed without naming the profile it created"));
    }
    synchronized (instance) {
      instance.profileUri(profileUri);
      instance.lastError(null);
    }
  }

  private Optional<ServerView> chooseAnother(InFlightInstance instance, Set<String> tried) {
    Inventory inventory = cache.latest();
    if (inventory == null) {
      return Optional.empty();
    }
    // The group's hardware properties (issue 8) hold for the next server too.
    return reservations.reserve(instance.id, instance.template, inventory.servers().values(), tried,
        instance.properties.hardware().accepts(instance.logicalId)).server();
  }

  /** Writes tags that Label merged into the instance after its profile was created. */
  private void writePendingLabels(InFlightInstance instance) {
    if (instance.tags().equals(instance.writtenTags())) {
      return;
    }
    AtomicReference<Map<String, String>> written = new AtomicReference<>();
    Task task = gateway.updateDescription(instance.profileUri(), profile -> {
      Envelope envelope = EnvelopeCodec
          .decodeInstance(profile.description(), settings.namespace(), instance.id)
          .orElseThrow(() -> new IllegalStateException("profile " + profile.uri()
              + " no longer carries this instance's envelope"));
      // The instance's tags as of THIS attempt, never a snapshot taken before the first read: once
      // the profile exists, Label also writes it directly, and this PUT may land after such a Label's
      // (it is retried on 412 and 409). Re-merging an older snapshot then put an older label back
      // into OneView after a newer Label had returned (LoadTest: "expected l22 but listed l337").
      // Label merges into the instance before its own PUT, so a write that OneView accepts after
      // that PUT (its eTag read after it) merges tags at least as new.
      Map<String, String> current = instance.tags();
      written.set(current);
      return EnvelopeCodec.encode(envelope.withMergedTags(current));
    });
    gateway.awaitProfileTask(task);
    instance.writtenTags(written.get());
  }

  private boolean stopRequested(InFlightInstance instance) {
    return instance.destroyRequested() || closing || Thread.currentThread().isInterrupted();
  }

  /** Destroy arrived during provisioning: remove what was created, then forget the instance. */
  private void finishCancelled(InFlightInstance instance) {
    if (closing) {
      return;
    }
    InstanceRegistry.Hidden hidden = registry.hidden.computeIfAbsent(instance.id,
        id -> new InstanceRegistry.Hidden());
    try {
      removePartialProfile(instance, instance.profileUri());
      log.info("Instance {} destroyed while provisioning: nothing of it is left in OneView",
          instance.id);
    } catch (RuntimeException e) {
      registry.hidden.remove(instance.id);
      log.warn("Instance {} was destroyed while provisioning but removing its profile failed: {}. "
          + "It is listed again so the group controller retries the destroy", instance.id,
          OneViewGateway.describe(e));
    } finally {
      long seq = cache.startedSeq();
      reservations.release(instance.serverUri(), instance.id);
      registry.inFlight.remove(instance.id);
      hidden.finished(seq, cache.now());
      cache.refresh();
    }
  }

  /** A provision failed: clean up, cool the server down, drop the instance, say why and what to do. */
  private void fail(InFlightInstance instance, String serverUri, String reason, boolean coolDown,
      Task stillRunning) {
    String serverName = serverName(serverUri);
    InstanceRegistry.Hidden hidden = registry.hidden.computeIfAbsent(instance.id,
        id -> new InstanceRegistry.Hidden());
    if (coolDown && serverUri != null) {
      reservations.coolDown(serverUri, settings.failureCooldown(), reason);
    }
    reservations.release(serverUri, instance.id);
    registry.inFlight.remove(instance.id);
    log.warn("Provisioning instance {} on server {} failed: {}. The instance is dropped and the "
        + "group controller provisions a replacement{}; check the server and the template in "
        + "OneView", instance.id, serverName, reason,
        coolDown ? " on another server (" + serverName + " is avoided for "
            + Durations.human(settings.failureCooldown()) + ")" : "");
    if (stillRunning != null) {
      // The create task may still create the profile: wait for it (hidden meanwhile), then remove it.
      submit(() -> {
        try {
          gateway.awaitProfileTask(stillRunning, cleanupWait());
        } catch (RuntimeException ignored) {
          // Whatever the task's end, what it left behind is removed below.
        }
        cleanUpFailed(instance, hidden);
      });
    } else {
      cleanUpFailed(instance, hidden);
    }
  }

  /**
   * Whether a failure points at the server (a OneView task failed or hung on it), so the server
   * should cool down; an unreachable appliance is nobody's server's fault, and cooling every server
   * during an outage would block all provisions after it.
   */
  private static boolean isTheServersFault(RuntimeException e) {
    return e instanceof TaskFailedException || e instanceof TaskTimeoutException
        || e instanceof CreateTimedOutException;
  }

  private java.time.Duration cleanupWait() {
    java.time.Duration fourTimes = gateway.profileTaskTimeout().multipliedBy(4);
    java.time.Duration floor = java.time.Duration.ofMinutes(5);
    return fourTimes.compareTo(floor) > 0 ? fourTimes : floor;
  }

  private void cleanUpFailed(InFlightInstance instance, InstanceRegistry.Hidden hidden) {
    if (closing) {
      return;
    }
    try {
      removePartialProfile(instance, instance.profileUri());
    } catch (RuntimeException e) {
      registry.hidden.remove(instance.id, hidden);
      log.warn("Instance {}: removing the partial profile of the failed provision failed: {}. The "
          + "profile is ours, so it is listed and the group controller destroys it", instance.id,
          OneViewGateway.describe(e));
      return;
    } finally {
      cache.refresh();
    }
    hidden.finished(cache.startedSeq(), cache.now());
  }

  /**
   * Removes a profile this instance may have created: the given URI if known, otherwise any profile
   * named like the instance; each only if it carries this instance's envelope.
   */
  private void removePartialProfile(InFlightInstance instance, String knownUri) {
    Set<String> uris = new HashSet<>();
    if (knownUri != null) {
      uris.add(knownUri);
    }
    gateway.profilesNamed(instance.properties.profileName(instance.id))
        .forEach(p -> uris.add(p.uri()));
    for (String uri : uris) {
      Optional<ProfileView> profile = gateway.profile(uri);
      if (profile.isPresent() && isOurs(profile.get(), instance.id)) {
        powerOffAndDelete(profile.get(), instance.id);
      }
    }
  }

  // ---------------------------------------------------------------- destroy

  /** Powers off and deletes an owned profile; on failure the instance reappears. */
  void destroy(String id, ProfileView listed, InstanceRegistry.Hidden hidden) {
    try {
      Optional<ProfileView> profile = gateway.profile(listed.uri());
      if (profile.isEmpty()) {
        log.info("Instance {} destroyed: its profile {} was already gone", id, listed.name());
      } else if (!isOurs(profile.get(), id)) {
        log.warn("Instance {}: profile {} no longer carries this plugin's envelope (edited in "
            + "OneView?); it is not deleted and no longer listed", id, listed.uri());
      } else if (profile.get().isBeingDeleted() && profile.get().taskUri() != null) {
        // An earlier run (or an operator) already deletes it: wait for that instead of a second delete.
        log.info("Instance {}: profile {} is already being deleted; waiting for that task", id,
            profile.get().name());
        gateway.awaitTask(profile.get().taskUri());
        log.info("Instance {} destroyed: profile {} deleted", id, profile.get().name());
      } else {
        powerOffAndDelete(profile.get(), id);
        log.info("Instance {} destroyed: profile {} deleted, server {} released", id,
            profile.get().name(), serverName(profile.get().serverHardwareUri()));
      }
      hidden.finished(cache.startedSeq(), cache.now());
    } catch (RuntimeException e) {
      if (closing) {
        return;
      }
      registry.hidden.remove(id, hidden);
      String reason = OneViewGateway.describe(e);
      registry.lastErrors.put(id, "destroy: " + reason);
      log.warn("Destroying instance {} (profile {}) failed: {}. It is listed again so the group "
          + "controller retries; if it keeps failing, check the profile in OneView", id,
          listed.name(), reason);
    } finally {
      cache.refresh();
    }
  }

  private void powerOffAndDelete(ProfileView profile, String id) {
    String serverUri = profile.serverHardwareUri();
    if (serverUri != null) {
      ServerView server = gateway.server(serverUri);
      // Only a server carrying this very profile is ours to power off.
      if (profile.uri().equals(server.profileUri()) && !server.isPoweredOff()) {
        log.info("Instance {}: powering off server {} before deleting its profile", id, server.name());
        gateway.powerOff(serverUri);
      }
    }
    gateway.deleteProfile(profile.uri());
  }

  private boolean isOurs(ProfileView profile, String id) {
    return EnvelopeCodec.decodeInstance(profile.description(), settings.namespace(), id).isPresent();
  }

  // ---------------------------------------------------------------- label

  /** Awaits a Label update task; on failure drops the overlay so the listing shows the truth. */
  void awaitLabel(String id, Task task, InstanceRegistry.LabelOverlay overlay) {
    try {
      gateway.awaitProfileTask(task);
      overlay.written(cache.startedSeq(), cache.now());
    } catch (RuntimeException e) {
      registry.labelOverlays.remove(id, overlay);
      if (!closing) {
        log.warn("Labelling instance {} failed in OneView: {}. The group controller relabels on "
            + "its next check", id, OneViewGateway.describe(e));
      }
    } finally {
      cache.refresh();
    }
  }

  // ---------------------------------------------------------------- reconcile

  /**
   * Finishes what an earlier run (or a failed power-on) could not: an owned profile whose envelope
   * says PowerOn, whose profile is applied and whose server is off is powered on, until that succeeds
   * once per profile per run (so an operator's later power-off is not fought); failed attempts are
   * retried on later refreshes, {@value InstanceRegistry#MAX_POWER_ON_ATTEMPTS} attempts in all.
   */
  void reconcile(Inventory inventory) {
    for (Inventory.OwnedProfile owned : inventory.owned().values()) {
      ProfileView profile = owned.profile();
      String id = owned.envelope().id();
      if (!owned.envelope().powerOn() || registry.inFlight.containsKey(id) || registry.isHidden(id)
          || profile.serverHardwareUri() == null || registry.powerOnHandled.contains(profile.uri())) {
        continue;
      }
      ServerView server = inventory.servers().get(profile.serverHardwareUri());
      if (server == null || !profile.uri().equals(server.profileUri())
          || Phase.of(profile, server) != Phase.POWERED_OFF) {
        continue;
      }
      if (!registry.powerOnHandled.add(profile.uri())) {
        continue;
      }
      int attempt = registry.powerOnFailures.getOrDefault(profile.uri(), 0) + 1;
      submit(() -> {
        try {
          // The decision above came from a listing up to one refresh interval old, and this job may
          // have waited in the queue behind long provisions: re-read right before acting.
          String skip = powerOnNoLongerWanted(id, profile.uri(), server.uri());
          if (skip != null) {
            log.info("Instance {}: not powering on server {} as planned: {}", id, server.name(), skip);
            return;
          }
        } catch (RuntimeException e) {
          // Could not re-check: do nothing now, a later refresh decides again from a new listing.
          registry.powerOnHandled.remove(profile.uri());
          log.info("Instance {}: could not re-check server {} before powering it on ({}); a later "
              + "refresh decides again", id, server.name(), OneViewGateway.describe(e));
          return;
        }
        log.info("Instance {}: its server {} is off although it should be on (an earlier power-on "
            + "failed or an earlier run did not finish); powering it on (attempt {} of {})", id,
            server.name(), attempt, InstanceRegistry.MAX_POWER_ON_ATTEMPTS);
        try {
          gateway.powerOn(server.uri());
          registry.lastErrors.remove(id);
        } catch (RuntimeException e) {
          registry.lastErrors.put(id, "power on: " + OneViewGateway.describe(e));
          int failed = registry.powerOnFailures.merge(profile.uri(), 1, Integer::sum);
          boolean retry = failed < InstanceRegistry.MAX_POWER_ON_ATTEMPTS && !closing;
          if (retry) {
            registry.powerOnHandled.remove(profile.uri()); // a later refresh tries again
          }
          log.warn("Instance {}: powering on server {} failed: {}. {}", id, server.name(),
              OneViewGateway.describe(e), retry ? "The plugin tries again on a later refresh if the "
                  + "server stays off" : "Power it on in OneView");
        } finally {
          cache.refresh();
        }
      });
    }
  }

  /**
   * Re-reads the profile and its server just before a reconcile power-on; null when the power-on is
   * still wanted, else why not. The plugin never powers a server that does not carry its own profile
   * (another user may have moved the profile and put theirs on the server meanwhile), and never
   * powers on an instance being destroyed (its destroy powers the server off; a power-on after that
   * would make OneView refuse the delete).
   */
  private String powerOnNoLongerWanted(String id, String profileUri, String serverUri) {
    if (closing) {
      return "the plugin is shutting down";
    }
    if (registry.inFlight.containsKey(id) || registry.isHidden(id)) {
      return "the instance is being provisioned or destroyed";
    }
    Optional<ProfileView> profile = gateway.profile(profileUri);
    if (profile.isEmpty() || !isOurs(profile.get(), id)) {
      return "its profile is gone or no longer carries this plugin's envelope";
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

  private String serverName(String serverUri) {
    Inventory inventory = cache.latest();
    ServerView server = inventory == null || serverUri == null ? null
        : inventory.servers().get(serverUri);
    return server != null ? server.name() : String.valueOf(serverUri);
  }
}
