package io.oneviewinfrakit.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices what other OneView users and the hardware did to this plugin's instances, as
 * ironic-oneviewd's periodic checks did, and says how each instance is to be reported.
 *
 * <p>The rules (the README explains why):
 * <ul>
 *   <li>profile deleted by someone else: the instance is gone; it is no longer listed (the group
 *       provisions a replacement) and a WARN says so once;</li>
 *   <li>server failed (status Critical), removed from OneView, or the profile unassigned:
 *       {@link Phase#LOST}, <b>not listed</b>, so the group provisions a replacement; the profile is
 *       kept (the plugin never deletes on its own) and the instance is listed again if the server
 *       recovers;</li>
 *   <li>server in maintenance, profile moved to another server by someone else, profile failed after
 *       the fact (status Critical/Error or state *Failed): {@link Phase#UNHEALTHY} with the reason,
 *       still listed: the flavor's health check (or an operator) decides, because the instance still
 *       exists and replacing it would leave two;</li>
 * </ul>
 * Lost and Unhealthy are derived from each listing at DescribeInstances time, so they are as fresh as
 * the inventory; the reconcile pass (every {@code reconcileInterval}, on the inventory refresh) adds
 * what one listing cannot show: moves (it remembers each instance's server), deletions, and the error
 * of a profile's failed task (one task read per failure).
 */
final class DriftReconciler {

  /** How an instance is reported: its phase and why. */
  record Drift(Phase phase, String reason) {}

  private static final Logger log = LoggerFactory.getLogger(DriftReconciler.class);

  private final Clock clock;
  private final Duration interval;
  private final Executor executor;
  private final java.util.function.Function<String, String> taskFailure;
  /** Instance ID -> the server its profile was on at the last pass. */
  private final Map<String, String> lastServer = new ConcurrentHashMap<>();
  /** Instance ID -> why it counts as moved (kept for this run: OneView does not remember). */
  private final Map<String, String> moved = new ConcurrentHashMap<>();
  /** Failed task URI -> its error, read once. */
  private final Map<String, String> taskErrors = new ConcurrentHashMap<>();
  /** Instance ID -> the drift last logged, so each change is logged once. */
  private final Map<String, Drift> logged = new ConcurrentHashMap<>();
  private volatile Instant lastPass = Instant.MIN;

  DriftReconciler(Clock clock, Duration interval, Executor executor,
      java.util.function.Function<String, String> taskFailure) {
    this.clock = clock;
    this.interval = interval;
    this.executor = executor;
    this.taskFailure = taskFailure;
  }

  /**
   * How a listed, settled owned profile is to be reported; empty when it is healthy (its phase comes
   * from {@link Phase#of}).
   */
  Optional<Drift> of(String id, ProfileView profile, ServerView server, boolean serverListed) {
    String busy = profile.state();
    boolean settled = busy == null || "Normal".equalsIgnoreCase(busy)
        || busy.toLowerCase(java.util.Locale.ROOT).contains("fail");
    if (profile.serverHardwareUri() == null || profile.serverHardwareUri().isEmpty()) {
      return settled ? Optional.of(new Drift(Phase.LOST, "profile " + profile.name()
          + " is not assigned to any server (unassigned in OneView by someone else)"))
          : Optional.empty();
    }
    if (server == null) {
      return serverListed ? Optional.empty() : Optional.of(new Drift(Phase.LOST, "server "
          + profile.serverHardwareUri() + " of profile " + profile.name() + " is no longer in OneView"));
    }
    if (server.isCritical()) {
      return Optional.of(new Drift(Phase.LOST, "server " + server.name() + " failed (status Critical)"));
    }
    if (server.maintenance()) {
      return Optional.of(new Drift(Phase.UNHEALTHY, "server " + server.name() + " is in maintenance"));
    }
    if ("Critical".equalsIgnoreCase(profile.status()) || "Error".equalsIgnoreCase(profile.status())
        || (busy != null && busy.toLowerCase(java.util.Locale.ROOT).contains("fail"))) {
      String error = profile.taskUri() == null ? null : taskErrors.get(profile.taskUri());
      return Optional.of(new Drift(Phase.UNHEALTHY, "profile " + profile.name() + " is "
          + profile.status() + " (state " + busy + ")" + (error == null ? "" : ": " + error)));
    }
    String move = moved.get(id);
    if (move != null) {
      return Optional.of(new Drift(Phase.UNHEALTHY, move));
    }
    return Optional.empty();
  }

  /**
   * One pass over a fresh listing (at most every interval): remembers servers, notices moves and
   * deletions, fetches failed-task errors in the background, and logs each change once.
   *
   * @param settled whether an instance ID is settled (not being provisioned or destroyed by this run)
   * @param destroyedByUs whether this run destroyed (or is destroying) it
   */
  void reconcile(Inventory inventory, Predicate<String> settled, Predicate<String> destroyedByUs) {
    Instant now = clock.instant();
    if (now.isBefore(lastPass.plus(interval))) {
      return;
    }
    lastPass = now;
    for (Map.Entry<String, String> e : Set.copyOf(lastServer.entrySet())) {
      String id = e.getKey();
      if (!inventory.owned().containsKey(id)) {
        lastServer.remove(id);
        moved.remove(id);
        logged.remove(id);
        if (!destroyedByUs.test(id)) {
          log.warn("Instance {}: its profile was deleted in OneView by someone else (it was on server "
              + "{}); it is no longer listed and the group controller provisions a replacement",
              id, Inventory.serverName(inventory, e.getValue()));
        }
      }
    }
    for (Inventory.OwnedProfile owned : inventory.owned().values()) {
      String id = owned.envelope().id();
      ProfileView profile = owned.profile();
      if (!settled.test(id)) {
        // Provisioned a moment ago: remember its server now, so a move right after is noticed.
        if (profile.serverHardwareUri() != null && !destroyedByUs.test(id)) {
          lastServer.putIfAbsent(id, profile.serverHardwareUri());
        }
        continue;
      }
      String now2 = profile.serverHardwareUri();
      String before = now2 == null ? lastServer.remove(id) : lastServer.put(id, now2);
      if (before != null && now2 != null && !before.equals(now2)) {
        String reason = "profile " + profile.name() + " was moved by another OneView user from server "
            + Inventory.serverName(inventory, before) + " to server "
            + Inventory.serverName(inventory, now2);
        moved.put(id, reason);
      }
      String taskUri = profile.taskUri();
      if (taskUri != null && ("Critical".equalsIgnoreCase(profile.status())
          || "Error".equalsIgnoreCase(profile.status())) && !taskErrors.containsKey(taskUri)) {
        taskErrors.put(taskUri, "its task " + taskUri + " failed");
        executor.execute(() -> {
          try {
            String failure = taskFailure.apply(taskUri);
            if (failure != null) {
              taskErrors.put(taskUri, failure);
            }
          } catch (RuntimeException ex) {
            taskErrors.remove(taskUri); // try again on a later pass
          }
        });
      }
      ServerView server = profile.serverHardwareUri() == null ? null
          : inventory.servers().get(profile.serverHardwareUri());
      Optional<Drift> drift = of(id, profile, server, server != null);
      Drift previous = drift.isPresent() ? logged.put(id, drift.get()) : logged.remove(id);
      if (drift.isPresent() && !drift.get().equals(previous)) {
        log.warn("Instance {} is {}: {}. {}", id, drift.get().phase().displayName(), drift.get().reason(),
            drift.get().phase() == Phase.LOST
                ? "It is no longer listed, so the group controller provisions a replacement; its "
                    + "profile is kept and the instance is listed again if the server recovers "
                    + "(destroy it with its ID to remove the profile)"
                : "It stays listed; the flavor's health check decides whether it is replaced");
      } else if (drift.isEmpty() && previous != null) {
        log.info("Instance {} is healthy again (was {}: {})", id, previous.phase().displayName(),
            previous.reason());
      }
    }
    // A profile unassigned (so no longer in lastServer) and then deleted is not caught by the loop
    // above: forget what was remembered about any instance no longer owned, or it stays for the run.
    logged.keySet().retainAll(inventory.owned().keySet());
    moved.keySet().retainAll(inventory.owned().keySet());
    taskErrors.keySet().retainAll(inventory.owned().values().stream()
        .map(o -> o.profile().taskUri()).filter(java.util.Objects::nonNull).toList());
  }

  /** Instance IDs this reconciler still remembers something about (tests check nothing leaks). */
  Set<String> rememberedInstances() {
    Set<String> ids = new java.util.HashSet<>(lastServer.keySet());
    ids.addAll(moved.keySet());
    ids.addAll(logged.keySet());
    return ids;
  }
}
