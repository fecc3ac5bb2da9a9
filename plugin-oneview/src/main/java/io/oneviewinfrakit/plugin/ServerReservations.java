package io.oneviewinfrakit.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which server each in-flight provision holds, and which servers are cooling down after a failure.
 *
 * <p>Choosing and reserving happen under one lock, so concurrent provisions never pick the same
 * server; the inventory snapshot alone cannot prevent that because it only learns of a profile after
 * OneView has applied it. A reservation lasts until the instance is either visible in a snapshot with
 * its profile on the server, or has failed.
 */
final class ServerReservations {

  /** Why a server is not offered; the counts go into the "no free server" message. */
  record Counts(int compatible, int inUse, int reserved, int maintenance, int coolingDown, int triedAlready,
      int unmatched, int failed, int poweredOn) {

    Counts(int compatible, int inUse, int reserved, int maintenance, int coolingDown, int triedAlready) {
      this(compatible, inUse, reserved, maintenance, coolingDown, triedAlready, 0, 0, 0);
    }

    Counts(int compatible, int inUse, int reserved, int maintenance, int coolingDown, int triedAlready,
        int unmatched, int failed) {
      this(compatible, inUse, reserved, maintenance, coolingDown, triedAlready, unmatched, failed, 0);
    }

    String explain() {
      StringBuilder s = new StringBuilder();
      append(s, unmatched, "excluded by the hardware properties");
      append(s, inUse, "in use");
      append(s, reserved, "reserved by in-flight provisions");
      append(s, maintenance, "in maintenance");
      append(s, failed, "failed (status Critical)");
      append(s, poweredOn, "free but powered on, not taken without --power-off-free-servers");
      append(s, coolingDown, "cooling down after a failure");
      append(s, triedAlready, "already tried by this provision");
      return s.toString();
    }

    private static void append(StringBuilder s, int n, String what) {
      if (n > 0) {
        s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(what);
      }
    }
  }

  /** The server reserved, if any; the counts are complete when none was (they say why). */
  record Choice(Optional<ServerView> server, Counts counts) {}

  /** Powered-off servers first (no power-off needed), then by name, then by URI. */
  private static final Comparator<ServerView> PREFERENCE = Comparator.comparing((ServerView s) -> !s.isPoweredOff())
      .thenComparing(ServerView::name, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(ServerView::uri);

  private record Cooldown(Instant until, String reason) {}

  private final Clock clock;
  private final boolean powerOffFreeServers;
  private final Duration takenMemory;
  private final Map<String, String> reservedBy = new HashMap<>(); // server URI -> instance ID
  private final Map<String, Cooldown> cooldowns = new HashMap<>(); // server URI -> until
  private final Map<String, Instant> seenTaken = new HashMap<>(); // server URI -> until
  // The compatible servers of the last few listings and kinds of template asked about, in order of
  // preference, newest first: a burst of provisions reserves from one listing, each in turn under
  // the lock, and comparing every server of the listing for each of them made the lock the burst's
  // queue. A few, so that groups of different templates provisioning together do not evict each
  // other's.
  private static final class Sorted {
    final Collection<ServerView> from;
    final int size;
    final String kind;
    final List<ServerView> servers;
    /** How many leading servers cannot be chosen until a reservation is released. */
    int settled;
    /** {@link #releases} when {@link #settled} was last right. */
    long releasesSeen;

    Sorted(Collection<ServerView> from, String kind, List<ServerView> servers) {
      this.from = from;
      this.size = from.size();
      this.kind = kind;
      this.servers = servers;
    }
  }

  private static final int SORTED_KEPT = 4;
  private final ArrayDeque<Sorted> sorted = new ArrayDeque<>();
  /** Counts released reservations: a released server may be chosen again. */
  private long releases;

  ServerReservations(Clock clock) {
    this(clock, false, Duration.ofSeconds(30));
  }

  /**
   * @param powerOffFreeServers whether a free server that is powered on may be chosen (it is then
   *     powered off): off by default, someone may be using it bare
   * @param takenMemory how long a server a provision found taken by someone else is not offered
   *     again, although the cached listing still shows it free (until a newer listing shows it)
   */
  ServerReservations(Clock clock, boolean powerOffFreeServers, Duration takenMemory) {
    this.clock = clock;
    this.powerOffFreeServers = powerOffFreeServers;
    this.takenMemory = takenMemory;
  }

  /** A provision found this server taken by someone else: not offered again for a while. */
  synchronized void markTaken(String serverUri) {
    if (serverUri != null) {
      seenTaken.put(serverUri, clock.instant().plus(takenMemory));
    }
  }

  /**
   * Picks a free compatible server not reserved, not cooling down and not in {@code exclude}, and
   * reserves it for {@code instanceId}; powered-off servers first (no power-off needed), then by name.
   * {@code servers} (a listing's) must not change once passed.
   */
  synchronized Choice reserve(String instanceId, TemplateView template, Collection<ServerView> servers,
      Set<String> exclude) {
    return reserve(instanceId, template, servers, exclude, s -> true);
  }

  /**
   * As {@link #reserve(String, TemplateView, Collection, Set)}, among the compatible servers
   * {@code eligible} accepts (the group's hardware properties). A server OneView reports failed
   * (status Critical) is never chosen.
   */
  synchronized Choice reserve(String instanceId, TemplateView template, Collection<ServerView> servers,
      Set<String> exclude, java.util.function.Predicate<ServerView> eligible) {
    Instant now = clock.instant();
    cooldowns.values().removeIf(c -> !c.until().isAfter(now));
    seenTaken.values().removeIf(until -> !until.isAfter(now));
    Sorted order = preferred(template, servers);
    if (order.releasesSeen != releases) {
      order.settled = 0;
      order.releasesSeen = releases;
    }
    Choice choice = scan(order, order.settled, exclude, eligible);
    if (choice.server().isEmpty() && order.settled > 0) {
      choice = scan(order, 0, exclude, eligible); // the counts say why none is left: count them all
    }
    choice.server().ifPresent(best -> reservedBy.put(best.uri(), instanceId));
    return choice;
  }

  /**
   * The first server left in {@code order} from {@code from} on, and the counts of those passed
   * (all of them when none is left). Moves {@code order.settled} past the leading servers that
   * cannot be chosen until a reservation is released: a burst of provisions reserving from one
   * listing passed every server reserved before it again, for each call, under the lock.
   */
  private Choice scan(Sorted order, int from, Set<String> exclude,
      java.util.function.Predicate<ServerView> eligible) {
    int compatible = from;
    int inUse = 0;
    int reserved = 0;
    int maintenance = 0;
    int cooling = 0;
    int tried = 0;
    int unmatched = 0;
    int failed = 0;
    int poweredOn = 0;
    boolean settledSoFar = true;
    ServerView best = null;
    List<ServerView> list = order.servers;
    for (int i = from; i < list.size(); i++) {
      ServerView server = list.get(i);
      compatible++;
      // Reserved, or so in this listing (which never changes): passed over by every later call.
      boolean settled = false;
      // A server an in-flight provision holds counts as reserved even once a listing shows the
      // profile being applied to it (otherwise the counts would depend on the refresh timing).
      if (reservedBy.containsKey(server.uri())) {
        reserved++;
        settled = true;
      } else if (!eligible.test(server)) {
        unmatched++;
      } else if (server.maintenance()) {
        maintenance++;
        settled = true;
      } else if (server.isCritical()) {
        failed++;
        settled = true;
      } else if (!server.isFree() || seenTaken.containsKey(server.uri())) {
        inUse++;
        settled = !server.isFree();
      } else if (!server.isPoweredOff() && !powerOffFreeServers) {
        poweredOn++;
        settled = true;
      } else if (cooldowns.containsKey(server.uri())) {
        cooling++;
      } else if (exclude.contains(server.uri())) {
        tried++;
      } else {
        best = server; // the first one left, in order of preference; reserved by the caller
        settled = true;
      }
      settledSoFar &= settled;
      if (settledSoFar && i >= order.settled) {
        order.settled = i + 1;
      }
      if (best != null) {
        break;
      }
    }
    return new Choice(Optional.ofNullable(best),
        new Counts(compatible, inUse, reserved, maintenance, cooling, tried, unmatched, failed,
            poweredOn));
  }

  /**
   * The servers of {@code servers} compatible with {@code template}, in order of preference; kept
   * for the same collection (by identity: a listing's servers never change once passed).
   */
  private Sorted preferred(TemplateView template, Collection<ServerView> servers) {
    String kind = template.hardwareTypeUri() + " " + template.enclosureGroupUri();
    for (Sorted s : sorted) {
      if (s.from == servers && s.size == servers.size() && s.kind.equals(kind)) {
        return s;
      }
    }
    List<ServerView> compatible = new ArrayList<>();
    for (ServerView server : servers) {
      if (server.isCompatibleWith(template)) {
        compatible.add(server);
      }
    }
    compatible.sort(PREFERENCE);
    Sorted s = new Sorted(servers, kind, compatible);
    s.releasesSeen = releases;
    sorted.addFirst(s);
    if (sorted.size() > SORTED_KEPT) {
      sorted.removeLast();
    }
    return s;
  }

  /** Releases the reservation of {@code serverUri} if {@code instanceId} holds it. */
  synchronized void release(String serverUri, String instanceId) {
    if (serverUri != null && reservedBy.remove(serverUri, instanceId)) {
      releases++;
    }
  }

  /** Keeps a server out of the choices for {@code duration}. */
  synchronized void coolDown(String serverUri, Duration duration, String reason) {
    cooldowns.put(serverUri, new Cooldown(clock.instant().plus(duration), reason));
  }

  synchronized boolean isCoolingDown(String serverUri) {
    Cooldown c = cooldowns.get(serverUri);
    return c != null && c.until().isAfter(clock.instant());
  }

  synchronized boolean isReserved(String serverUri) {
    return reservedBy.containsKey(serverUri);
  }

  synchronized int reservedCount() {
    return reservedBy.size();
  }
}
