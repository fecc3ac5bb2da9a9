package io.oneviewinfrakit.plugin;

import static java.util.stream.Collectors.joining;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ethernet network and network set names for the {@code Networks} property, and the reverse (URI to
 * name) for {@code Properties.connections}. Listed on demand and kept for a short while, so 64
 * concurrent provisions cost two listings, not 128; a name that is not found triggers a fresh
 * listing before it is called unknown (it may have just been created).
 */
final class NetworkCatalog {

  /** The networks of one listing. */
  record Snapshot(Map<String, String> networks, Map<String, String> networkSets, Instant at) {
    Snapshot {
      networks = Map.copyOf(networks);
      networkSets = Map.copyOf(networkSets);
    }
  }

  private final OneViewGateway gateway;
  private final Clock clock;
  private final Duration maxAge;
  private volatile Snapshot latest;

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

  /** The name of a network or network set URI from the cached listing, or null (no I/O). */
  String nameOf(String uri) {
    Snapshot snapshot = latest;
    if (snapshot == null || uri == null) {
      return null;
    }
    for (Map<String, String> byName : List.of(snapshot.networks(), snapshot.networkSets())) {
      for (Map.Entry<String, String> e : byName.entrySet()) {
        if (uri.equals(e.getValue())) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  /** Whether a listing would be worth it to name {@code uri} (unknown and the listing is old). */
  boolean wouldRefreshFor(String uri) {
    Snapshot snapshot = latest;
    return nameOf(uri) == null
        && (snapshot == null || snapshot.at().plus(maxAge).isBefore(clock.instant()));
  }

  /**
   * The cached listing unless older than the max age; with {@code force}, a listing that started
   * after this call. Concurrent callers share one listing: whoever waited for the lock takes the one
   * made meanwhile instead of listing again.
   */
  Snapshot fresh(boolean force) {
    Instant asked = clock.instant();
    Snapshot snapshot = latest;
    if (!force && isRecent(snapshot)) {
      return snapshot;
    }
    synchronized (this) {
      snapshot = latest;
      if (snapshot != null && (force ? !snapshot.at().isBefore(asked) : isRecent(snapshot))) {
        return snapshot;
      }
      // Stamped with the listing's start, so a forced caller never takes a listing that could
      // predate its own question.
      Instant started = clock.instant();
      Snapshot listed = new Snapshot(gateway.ethernetNetworks(), gateway.networkSets(), started);
      latest = listed;
      return listed;
    }
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
