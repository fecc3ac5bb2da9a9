package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.StaleETagException;
import io.oneviewinfrakit.oneview.Task;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provision's steps once its profile exists: write the tags Label merged into the instance
 * meanwhile, power the server on if asked, report the instance provisioned. The instance exists
 * now, so a failure here is reported with it rather than ending it.
 */
final class ProvisionFinish {
  // Logs as the provision it finishes, under the logger operators already filter on.
  private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

  /** How one step hands on to the next without a thread waiting: the provision's own run. */
  interface Steps {
    /** Runs {@code step} on the worker pool. */
    void next(Runnable step);

    /** Runs {@code step} on the worker pool after {@code delay} (held by the timer, not a worker). */
    void later(Runnable step, Duration delay);

    /** Runs {@code then} on the worker pool once {@code task} ends, with its outcome. */
    void whenDone(CompletableFuture<Task> task, BiConsumer<Task, Throwable> then);
  }

  private final OneViewGateway gateway;
  private final InventoryCache cache;
  private final InstanceRegistry registry;
  private final PluginSettings settings;
  private final BackgroundWork work;
  private final ProvisionCleanup cleanup;

  ProvisionFinish(OneViewGateway gateway, InventoryCache cache, InstanceRegistry registry,
      PluginSettings settings, BackgroundWork work, ProvisionCleanup cleanup) {
    this.gateway = gateway;
    this.cache = cache;
    this.registry = registry;
    this.settings = settings;
    this.work = work;
    this.cleanup = cleanup;
  }

  /** Starts the steps of {@code instance}, whose profile now exists. */
  void start(InFlightInstance instance, Steps steps) {
    instance.lastError(null);
    if (cleanup.stopRequested(instance)) {
      cleanup.cancelled(instance);
      return;
    }
    writePendingLabels(instance, steps, 1);
  }

  /**
   * Writes tags that Label merged into the instance after its profile was created. A 412 (someone
   * changed the profile) reads again at once; a 409 (a task still runs on it) looks again later.
   */
  private void writePendingLabels(InFlightInstance instance, Steps steps, int attemptNo) {
    if (instance.tags().equals(instance.writtenTags())) {
      powerOn(instance, steps);
      return;
    }
    AtomicReference<Map<String, String>> written = new AtomicReference<>();
    Task task;
    try {
      task = gateway.updateDescriptionOnce(instance.profileUri(), profile -> {
        Envelope envelope = EnvelopeCodec
            .decodeInstance(profile.description(), settings.namespace(), instance.id)
            .filter(e -> !e.destroying())
            .orElseThrow(() -> new IllegalStateException("profile " + profile.uri()
                + " no longer carries this instance's live envelope"));
        // The instance's tags as of THIS attempt, never a snapshot taken before the first read:
        // once the profile exists, Label also writes it directly, and this PUT may land after
        // such a Label's. Label merges into the instance before its own PUT, so a write that
        // OneView accepts after that PUT (its eTag read after it) merges tags at least as new.
        Map<String, String> current = instance.tags();
        written.set(current);
        return EnvelopeCodec.encode(envelope.withMergedTags(current));
      });
    } catch (RuntimeException e) {
      boolean retry = attemptNo < OneViewGateway.MAX_ETAG_ATTEMPTS && (e instanceof StaleETagException
          || OneViewGateway.BUSY_PROFILE.equals(OneViewGateway.errorCode(e)));
      if (!retry) {
        labelsFailed(instance, steps, e);
      } else if (e instanceof StaleETagException) {
        steps.next(() -> writePendingLabels(instance, steps, attemptNo + 1));
      } else {
        steps.later(() -> writePendingLabels(instance, steps, attemptNo + 1),
            settings.retryDelay(attemptNo));
      }
      return;
    }
    steps.whenDone(gateway.watchProfileTask(task), (done, failure) -> {
      if (failure != null) {
        labelsFailed(instance, steps, failure);
        return;
      }
      instance.writtenTags(written.get());
      powerOn(instance, steps);
    });
  }

  private void labelsFailed(InFlightInstance instance, Steps steps, Throwable e) {
    instance.lastError("writing labels: " + OneViewGateway.describe(e));
    log.warn("Instance {}: writing tags merged by Label during provisioning failed: {}. The "
        + "group controller relabels on its next check", instance.id, OneViewGateway.describe(e));
    powerOn(instance, steps);
  }

  private void powerOn(InFlightInstance instance, Steps steps) {
    if (!instance.properties.powerOn()) {
      registry.powerOnHandled.add(instance.profileUri());
      finish(instance, true);
      return;
    }
    instance.phase(Phase.POWERING_ON);
    log.info("Instance {}: profile applied, powering on server {}", instance.id,
        serverName(instance.serverUri()));
    long t0 = System.nanoTime();
    CompletableFuture<Task> task;
    try {
      task = gateway.watchPowerTask(gateway.startPowerOn(instance.serverUri()));
    } catch (RuntimeException e) {
      powerOnFailed(instance, e);
      return;
    }
    steps.whenDone(task, (done, failure) -> {
      if (failure != null) {
        powerOnFailed(instance, failure);
        return;
      }
      registry.powerOnHandled.add(instance.profileUri());
      log.info("Instance {}: server {} powered on ({})", instance.id,
          serverName(instance.serverUri()), Durations.since(t0));
      finish(instance, true);
    });
  }

  private void powerOnFailed(InFlightInstance instance, Throwable e) {
    if (work.closing()) {
      return;
    }
    String reason = OneViewGateway.describe(e);
    instance.lastError("power on: " + reason);
    registry.lastErrors.put(instance.id, "power on: " + reason);
    registry.powerOnFailures.merge(instance.profileUri(), 1, Integer::sum);
    log.warn("Instance {}: powering on server {} failed: {}. The instance exists (its profile is "
        + "applied); the plugin retries the power-on on a later refresh if the server stays off "
        + "(up to {} attempts), or power it on in OneView", instance.id,
        serverName(instance.serverUri()), reason, InstanceRegistry.MAX_POWER_ON_ATTEMPTS);
    finish(instance, false);
  }

  /**
   * Reports the instance provisioned, unless it was destroyed meanwhile; also ends a provision whose
   * step failed after its profile was created.
   */
  void finish(InFlightInstance instance, boolean poweredAsAsked) {
    if (work.closing()) {
      return;
    }
    // The in-flight entry keeps the phase of its last own step: Running or PoweredOff are
    // reported only from a listing taken after the work finished (profile and server read
    // together), never from the plugin's belief, which an older listing's hardware snapshot
    // would contradict.
    Phase outcome = instance.properties.powerOn() && poweredAsAsked ? Phase.RUNNING
        : Phase.POWERED_OFF;
    if (!instance.finishUnlessDestroyed(cache.startedSeq(), cache.now())) {
      cleanup.cancelled(instance);
      return;
    }
    cache.refresh();
    log.info("Instance {} provisioned: profile {} on server {} ({}, {} in all)", instance.id,
        instance.properties.profileName(instance.id), serverName(instance.serverUri()),
        outcome.displayName(), Durations.since(instance.startedNanos));
  }

  private String serverName(String serverUri) {
    return Inventory.serverName(cache.latest(), serverUri);
  }
}
