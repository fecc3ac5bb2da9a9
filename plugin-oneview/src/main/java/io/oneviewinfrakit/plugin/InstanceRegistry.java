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

  /** Tags written by Label, shown until a refresh lists them. */
  record LabelOverlay(Map<String, String> tags, long writtenAfterSeq) {}

  final Map<String, InFlightInstance> inFlight = new ConcurrentHashMap<>();
  final Map<String, Hidden> hidden = new ConcurrentHashMap<>();
  final Map<String, LabelOverlay> labelOverlays = new ConcurrentHashMap<>();
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
    labelOverlays.values().removeIf(o -> seq > o.writtenAfterSeq());
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
