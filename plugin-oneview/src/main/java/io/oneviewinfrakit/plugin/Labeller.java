package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.oneview.Task;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Label: merges tags into an instance's envelope. Reads the profile, re-checks that its envelope is
 * this instance's and still {@code Running}, and PUTs with the eTag just read (retried on 412 and
 * 409 by the gateway). The new tags are shown at once through an overlay; the update task is
 * awaited in the background.
 */
final class Labeller {

  private static final Logger log = LoggerFactory.getLogger(Labeller.class);

  private final OneViewGateway gateway;
  private final InventoryCache cache;
  private final InstanceRegistry registry;
  private final PluginSettings settings;
  private final BackgroundWork work;
  /** Label writes whose update task is still awaited. */
  private final java.util.concurrent.atomic.AtomicInteger pending =
      new java.util.concurrent.atomic.AtomicInteger();

  Labeller(OneViewGateway gateway, InventoryCache cache, InstanceRegistry registry,
      PluginSettings settings, BackgroundWork work) {
    this.gateway = gateway;
    this.cache = cache;
    this.registry = registry;
    this.settings = settings;
    this.work = work;
  }

  void label(String id, Map<String, String> merge) {
    Backlog.refuseIfFull("label writes", pending.get(), settings.maxBacklog());
    Inventory inventory = cache.usable();
    if (registry.isHidden(id) || inventory.destroying(id).isPresent()) {
      throw new PluginException("instance " + id + " is being destroyed; labels not changed");
    }
    // One Label of an instance at a time (OneView would answer 409 to the second PUT anyway): the
    // overlay left in place is then the one of the write OneView accepted last, so a caller's
    // earlier Label can never cover its later one.
    Lock lock = registry.labelLocks.get(id);
    lock.lock();
    boolean written;
    try {
      written = labelLocked(id, merge, inventory);
    } finally {
      lock.unlock();
    }
    if (written) {
      log.info("Labelled instance {} with {}", id, LogText.of(merge.keySet()));
    }
  }

  /** Label's work under the instance's label lock; false when only the pending envelope changed. */
  private boolean labelLocked(String id, Map<String, String> merge, Inventory listed) {
    InFlightInstance instance = registry.inFlight.get(id);
    // The listing was read before this look-up: a refresh may have dropped the in-flight entry in
    // between because a newer listing shows its profile. Re-read the listing then (as Destroy reads
    // the in-flight entry first), or the instance would wrongly be "unknown".
    Inventory inventory = instance == null && !listed.owned().containsKey(id) ? cache.usable() : listed;
    String profileUri;
    if (instance != null) {
      synchronized (instance) {
        instance.mergeTags(merge);
        profileUri = instance.profileUri();
      }
      if (profileUri == null) {
        // The background work writes the merged tags with (or right after) the profile.
        log.info("Labelled instance {} with {} (still provisioning: written with its profile)", id,
            LogText.of(merge.keySet()));
        return false;
      }
    } else {
      Inventory.OwnedProfile owned = inventory.ownedOrThrow(id, settings.namespace(), "label");
      EnvelopeCodec.encode(owned.envelope().withMergedTags(merge)); // size check before any call
      profileUri = owned.profile().uri();
    }
    AtomicReference<Map<String, String>> written = new AtomicReference<>();
    Task task = gateway.updateDescription(profileUri, profile -> {
      Envelope envelope = EnvelopeCodec.decodeInstance(profile.description(), settings.namespace(), id)
          .orElseThrow(() -> new PluginException("instance " + id + ": its profile "
              + profile.uri() + " no longer carries this plugin's envelope; not labelled"));
      if (envelope.destroying()) {
        throw new PluginException("instance " + id + " is being destroyed; labels not changed");
      }
      // An instance still in flight may have labels pending that its provision has not written
      // yet: write the instance's whole tag set as of this attempt, so this write (and its
      // overlay) is never older than the in-flight entry it replaces in listings.
      Envelope merged = envelope.withMergedTags(instance != null ? instance.tags() : merge);
      written.set(merged.tags());
      return EnvelopeCodec.encode(merged);
    });
    InstanceRegistry.LabelOverlay overlay = new InstanceRegistry.LabelOverlay(written.get());
    registry.labelOverlays.put(id, overlay);
    pending.incrementAndGet();
    // The task tracker watches the update task: no worker waits while OneView writes the labels.
    gateway.watchProfileTask(task).whenComplete((t, failure) -> {
      try {
        labelTaskEnded(id, failure, overlay);
      } finally {
        pending.decrementAndGet();
      }
    });
    return true;
  }

  /** A Label update task ended; on failure drops the overlay so the listing shows the truth. */
  private void labelTaskEnded(String id, Throwable failure, InstanceRegistry.LabelOverlay overlay) {
    try {
      if (failure == null) {
        overlay.written(cache.startedSeq(), cache.now());
        return;
      }
      Throwable e = OneViewGateway.cause(failure);
      registry.labelOverlays.remove(id, overlay);
      if (!work.closing()) {
        log.warn("Labelling instance {} failed in OneView: {}. The group controller relabels on "
            + "its next check", id, OneViewGateway.describe(e));
      }
    } finally {
      cache.refresh();
    }
  }
}
