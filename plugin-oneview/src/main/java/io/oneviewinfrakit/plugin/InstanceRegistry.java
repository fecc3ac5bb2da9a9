package io.oneviewinfrakit.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the plugin knows that the latest inventory may not show yet: instances being provisioned,
 * instances being destroyed (hidden at once), tags just written by Label, and the last error of each
 * instance. Each entry lives until a refresh that started after its OneView write has listed the
 * result, so an answer never flickers between "before" and "after".
 */
final class InstanceRegistry {

  /** An instance being destroyed (or a failed provision being cleaned up): hidden from listings. */
  static final class Hidden {
    private volatile long finishedAfterSeq = -1;
    private volatile Instant finishedAt;

    void finished(long afterSeq, Instant now) {
      finishedAt = now;
      finishedAfterSeq = afterSeq;
    }

    Instant finishedAt() {
      return finishedAt;
    }

    boolean visibleIn(long seq) {
      return finishedAfterSeq >= 0 && seq > finishedAfterSeq;
    }
  }

  /**
   * Tags written by one Label (the whole merged tag set it PUT), shown instead of the listed tags
   * until a refresh that started after this write's task finished lists exactly these tags (or, for
   * an appliance that lists late or someone else relabelling, until the listing grace passed).
   *
   * <p>One object per write, compared by identity: a later Label's overlay replaces it, and the
   * earlier write's background await or a failure can then only touch its own overlay, never the
   * newer one (a value record compared equal to a newer overlay carrying the same tags).
   */
  static final class LabelOverlay {
    private final Map<String, String> tags;
    private volatile long writtenAfterSeq = -1;
    private volatile Instant writtenAt;

    LabelOverlay(Map<String, String> tags) {
      this.tags = Map.copyOf(tags);
    }

    Map<String, String> tags() {
      return tags;
    }

    /** The update task finished: refreshes numbered above {@code afterSeq} list these tags. */
    void written(long afterSeq, Instant now) {
      writtenAt = now;
      writtenAfterSeq = afterSeq;
    }

    /**
     * True when refresh {@code inventory} makes this overlay redundant: it started after the write
     * finished and lists these very tags, or it no longer lists the instance, or the grace passed.
     */
    boolean redundantIn(Inventory inventory, String id, Instant graceEnd) {
      if (writtenAfterSeq < 0 || inventory.seq() <= writtenAfterSeq) {
        return false;
      }
      Inventory.OwnedProfile listed = inventory.owned().get(id);
      return listed == null || listed.envelope().tags().equals(tags) || writtenAt.isBefore(graceEnd);
    }
  }

  final Map<String, InFlightInstance> inFlight = new ConcurrentHashMap<>();
  final Map<String, Hidden> hidden = new ConcurrentHashMap<>();
  final Map<String, LabelOverlay> labelOverlays = new ConcurrentHashMap<>();
  /**
   * Serializes the Labels of one instance (PUT, then overlay installed), so the overlay left in
   * place is the one of the PUT OneView accepted last. Striped: bounded, nothing to forget.
   */
  final com.google.common.util.concurrent.Striped<java.util.concurrent.locks.Lock> labelLocks =
      com.google.common.util.concurrent.Striped.lazyWeakLock(1024);
  final Map<String, String> lastErrors = new ConcurrentHashMap<>();
  /** Profile URIs whose power-on this run has done or attempted (the reconcile pass does it once). */
  final Set<String> powerOnHandled = ConcurrentHashMap.newKeySet();
  /**
   * Failed power-on attempts per profile URI (an HTTP error or a task that failed or outlived its
   * timeout): the reconcile pass tries again, up to {@link #MAX_POWER_ON_ATTEMPTS} in all, so a
   * transient OneView failure does not leave an instance off for good.
   */
  final Map<String, Integer> powerOnFailures = new ConcurrentHashMap<>();

  static final int MAX_POWER_ON_ATTEMPTS = 5;

  Optional<InFlightInstance> inFlight(String id) {
    return Optional.ofNullable(inFlight.get(id));
  }

  boolean isHidden(String id) {
    return hidden.containsKey(id);
  }

  /**
   * A Destroy of an instance still provisioning: marks it and hides it in one step (under the
   * instance's monitor, which {@link #drop} also takes), so a provision failing at the same moment
   * cannot leave a hidden entry nobody resolves. False when its work is over or it was dropped: the
   * Destroy then goes the way of a listed instance.
   */
  boolean requestDestroy(InFlightInstance instance) {
    synchronized (instance) {
      if (!instance.requestDestroyUnlessFinished()) {
        return false;
      }
      hidden.computeIfAbsent(instance.id, k -> new Hidden());
      return true;
    }
  }

  /**
   * A failed or cancelled provision gives up its instance: it is no longer in flight and stays hidden
   * until the returned entry is resolved (finished once what it created is gone, or removed so the
   * instance is listed again). The provision owns that entry, whoever created it.
   */
  Hidden drop(InFlightInstance instance) {
    synchronized (instance) {
      instance.markDropped();
      Hidden h = hidden.computeIfAbsent(instance.id, k -> new Hidden());
      inFlight.remove(instance.id);
      return h;
    }
  }

  /**
   * Forgets entries that refresh {@code inventory} has made redundant: a provisioned instance once a
   * later listing shows its profile, a destroyed one once a later listing no longer shows it. An
   * appliance may list a change late; after {@code listingGrace} the entry goes anyway (the listing
   * is then the truth, e.g. someone else deleted the profile).
   */
  void prune(Inventory inventory, ServerReservations reservations, Duration listingGrace) {
    long seq = inventory.seq();
    Instant graceEnd = inventory.startedAt().minus(listingGrace);
    inFlight.values().removeIf(f -> {
      boolean listed = inventory.owned().containsKey(f.id);
      Hidden destroyed = hidden.get(f.id);
      if (f.visibleIn(seq) && (listed || f.finishedAt().isBefore(graceEnd)
          || (destroyed != null && destroyed.visibleIn(seq) && !listed))) {
        reservations.release(f.serverUri(), f.id);
        return true;
      }
      return false;
    });
    hidden.entrySet().removeIf(e -> e.getValue().visibleIn(seq)
        && (!inventory.owned().containsKey(e.getKey()) || e.getValue().finishedAt().isBefore(graceEnd)));
    labelOverlays.entrySet().removeIf(e -> e.getValue().redundantIn(inventory, e.getKey(), graceEnd));
    lastErrors.keySet().removeIf(id -> !inventory.owned().containsKey(id) && !inFlight.containsKey(id));
    if (!powerOnFailures.isEmpty()) {
      Set<String> listed = new java.util.HashSet<>();
      inventory.owned().values().forEach(o -> listed.add(o.profile().uri()));
      inFlight.values().forEach(f -> listed.add(f.profileUri()));
      powerOnFailures.keySet().removeIf(uri -> !listed.contains(uri));
    }
    if (!powerOnHandled.isEmpty()) {
      // One entry per profile ever created: forget deleted ones, or a long run grows without bound.
      Set<String> live = new java.util.HashSet<>();
      inventory.owned().values().forEach(o -> live.add(o.profile().uri()));
      inFlight.values().forEach(f -> live.add(f.profileUri()));
      powerOnHandled.removeIf(uri -> !live.contains(uri));
    }
  }
}
