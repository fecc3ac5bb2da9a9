package io.oneviewinfrakit.plugin;

import static java.util.stream.Collectors.joining;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ethernet network and network set names for the {@code Networks} property, and the reverse (URI to
 * name, Fibre Channel networks included) for {@code Properties.connections}. Listed on demand and
 * kept for a short while, so 64 concurrent provisions cost one listing, not 64; a name that is not
 * found triggers a fresh listing before it is called unknown (it may have just been created).
 *
 * <p>Listings are single-flight: at most one runs, callers that may use it wait for it, and a
 * caller that needs a listing started after its question waits for the running one and then shares
 * the next. A connection URI that a listing started after it was first asked about did not name is
 * remembered as unknown for {@link #UNKNOWN_FOR}, so a profile connected to a network the
 * plugin cannot see does not cause a listing on every refresh.
 *
 * <p>Thread-safe.
 */
final class NetworkCatalog {
  /** How long a URI no listing could name stays unknown before it may cause another listing. */
  static final Duration UNKNOWN_FOR = Duration.ofMinutes(5);
  private static final int MAX_UNKNOWN = 10_000;

  /** The networks of one listing, stamped with the time it started. */
  record Snapshot(Map<String, String> networks, Map<String, String> networkSets,
      Map<String, String> fcNetworks, Instant at) {
    Snapshot {
      networks = Map.copyOf(networks);
      networkSets = Map.copyOf(networkSets);
      fcNetworks = Map.copyOf(fcNetworks);
    }
  }

  private final OneViewGateway gateway;
  private final Clock clock;
  private final Duration maxAge;
  private final Object lock = new Object();
  private final Map<String, Instant> unknownSince = new ConcurrentHashMap<>();
  private volatile Snapshot latest;
  private volatile Map<String, String> namesByUri = Map.of();
  private CompletableFuture<Snapshot> inFlight; // guarded by lock
  private Instant inFlightStarted; // guarded by lock

  NetworkCatalog(OneViewGateway gateway, Clock clock, Duration maxAge) {
    this.gateway = gateway;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /**
   * The URIs of {@code names}, in order: an Ethernet network of that name, else a network set. Throws
   * {@link IllegalArgumentException} naming every unknown name and listing the known ones.
   */
  List<String> resolve(List<String> names) {
    Snapshot cached = fresh(false);
    Snapshot snapshot = names.stream().anyMatch(n -> uriOf(cached, n) == null) ? fresh(true) : cached;
    List<String> uris = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      String uri = uriOf(snapshot, name);
      if (uri == null) {
        unknown.add(name);
      } else {
        uris.add(uri);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("\"" + InstanceProperties.NETWORKS + "\" names unknown "
          + (unknown.size() == 1 ? "network " : "networks ")
          + unknown.stream().map(n -> "\"" + n + "\"").collect(joining(", "))
          + " (Ethernet networks: " + list(snapshot.networks()) + "; network sets: "
          + list(snapshot.networkSets()) + "; names are case-sensitive)");
    }
    return uris;
  }

  /** The name of a network, network set or Fibre Channel network URI from the cached listing, or null (no I/O). */
  String nameOf(String uri) {
    return uri == null ? null : namesByUri.get(uri);
  }

  /**
   * Whether a listing would be worth it to name {@code uri}: unknown, the cached listing is older
   * than the max age, and no listing since {@code uri} was first asked about failed to name it
   * (within {@link #UNKNOWN_FOR}).
   */
  boolean wouldRefreshFor(String uri) {
    if (nameOf(uri) != null) {
      unknownSince.remove(uri);
      return false;
    }
    Instant now = clock.instant();
    Snapshot snapshot = latest;
    Instant asked = unknownSince.get(uri);
    if (asked != null && asked.plus(UNKNOWN_FOR).isBefore(now)) {
      unknownSince.remove(uri, asked);
      asked = null;
    }
    if (asked == null) {
      if (unknownSince.size() >= MAX_UNKNOWN) unknownSince.clear();
      unknownSince.putIfAbsent(uri, now);
    } else if (snapshot != null && !snapshot.at().isBefore(asked)) {
      return false; // a listing made since it was first asked about did not know it either
    }
    return snapshot == null || snapshot.at().plus(maxAge).isBefore(now);
  }

  /**
   * The cached listing unless older than the max age; with {@code force}, a listing that started
   * after this call. Concurrent callers share one listing (see the class comment).
   */
  Snapshot fresh(boolean force) {
    Instant asked = clock.instant();
    while (true) {
      Snapshot snapshot = latest;
      if (satisfies(snapshot, force, asked)) {
        return snapshot;
      }
      CompletableFuture<Snapshot> wait;
      boolean usable;
      boolean mine = false;
      synchronized (lock) {
        snapshot = latest;
        if (satisfies(snapshot, force, asked)) {
          return snapshot;
        }
        if (inFlight == null) {
          inFlight = new CompletableFuture<>();
          inFlightStarted = clock.instant();
          mine = true;
        }
        wait = inFlight;
        usable = !force || !inFlightStarted.isBefore(asked);
      }
      if (mine) {
        return list(wait);
      }
      try {
        Snapshot shared = wait.join();
        if (usable) {
          return shared;
        }
      } catch (CompletionException e) {
        if (usable) {
          throw e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
      // That listing may predate the question: loop and share (or run) the next one.
    }
  }

  /** Runs one listing for everyone waiting on {@code result}. */
  private Snapshot list(CompletableFuture<Snapshot> result) {
    Instant started;
    synchronized (lock) {
      started = inFlightStarted;
    }
    try {
      // Stamped with the listing's start, so a forced caller never takes a listing that could
      // predate its own question.
      Snapshot listed = new Snapshot(gateway.ethernetNetworks(), gateway.networkSets(), gateway.fcNetworks(), started);
      Map<String, String> names = new HashMap<>();
      for (Map<String, String> byName : List.of(listed.fcNetworks(), listed.networkSets(), listed.networks())) {
        byName.forEach((name, uri) -> names.put(uri, name));
      }
      namesByUri = Map.copyOf(names);
      latest = listed;
      result.complete(listed);
      return listed;
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      throw e;
    } finally {
      synchronized (lock) {
        inFlight = null;
      }
    }
  }

  private boolean satisfies(Snapshot snapshot, boolean force, Instant asked) {
    return snapshot != null && (force ? !snapshot.at().isBefore(asked) : isRecent(snapshot));
  }

  private boolean isRecent(Snapshot snapshot) {
    return snapshot != null && !snapshot.at().plus(maxAge).isBefore(clock.instant());
  }

  private static String uriOf(Snapshot snapshot, String name) {
    String network = snapshot.networks().get(name);
    return network != null ? network : snapshot.networkSets().get(name);
  }

  private static String list(Map<String, String> byName) {
    return byName.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(byName.keySet()));
  }
}
