package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.ResourceNotFoundException;
import io.oneviewinfrakit.oneview.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destroys instances durably, as a Kubernetes finalizer does: the intent {@code Destroying} is
 * written into the profile's envelope (with its eTag) before any destructive step, then the server
 * is powered off and the profile deleted. Every step re-reads the profile and obeys what OneView says
 * now, so whichever plugin process of the namespace sees a {@code Destroying} profile (this one after
 * a restart, or another manager node's) finishes it, and none of them ever undoes another's work.
 *
 * <p>No step waits on OneView: each reads, acts (starting at most one task) and schedules the next
 * look. A profile busy with a task ({@code Creating}, {@code Updating}, a delete by someone else) and
 * transient failures (409, 412, 5xx, the appliance not answering, a server powered on again) are
 * waited out with backoff for as long as it takes. Only a permanent failure (a refused request, a
 * task that keeps failing) stops a destroy; the instance is then listed again with phase
 * {@code DestroyFailed} and the reason, and the next Destroy of it starts over.
 */
final class Destroyer {

  /** How often a delete or power-off task may end in Error before the destroy stops. */
  static final int MAX_TASK_FAILURES = 3;

  /** What the plugin learns when a destroy ends. */
  interface Outcome {
    /** The intent is in OneView (or the profile is gone): nothing of this destroy lives in memory now. */
    default void durable() {}

    /** The destroy stopped on a permanent failure before the intent was written. */
    default void stoppedBeforeDurable(String reason) {}

    /** The destroy is over (the profile is gone, or the destroy stopped): its server may be reused. */
    default void over() {}
  }

  private static final Logger log = LoggerFactory.getLogger(Destroyer.class);

  private final OneViewGateway gateway;
  private final BackgroundWork work;
  private final PluginSettings settings;
  private final Clock clock;
  private final Runnable refresh;
  /** Running destroys by instance ID and profile (URI, or name while the URI is unknown). */
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  /** Destroys that stopped on a permanent failure, by instance ID: listed as DestroyFailed. */
  private final Map<String, String> failed = new ConcurrentHashMap<>();

  Destroyer(OneViewGateway gateway, BackgroundWork work, PluginSettings settings, Clock clock,
      Runnable refresh) {
    this.gateway = gateway;
    this.work = work;
    this.settings = settings;
    this.clock = clock;
    this.refresh = refresh;
  }

  /**
   * Destroys instance {@code id}. {@code profileUri} may be null when the create's answer was lost:
   * the profile is then looked up by {@code profileName} (and this instance's envelope) until
   * {@code appearBy}. Joins a destroy of the same profile already running here: {@code outcome}
   * then hears how that one ends.
   *
   * @return false when it joined a destroy already running in this process
   */
  boolean start(String id, String profileUri, String profileName, Instant appearBy, Outcome outcome) {
    failed.remove(id);
    Job job = new Job(id, profileUri, profileName, appearBy, outcome);
    while (true) {
      Job running = jobs.putIfAbsent(job.key, job);
      if (running == null) {
        work.submit(() -> step(job));
        return true;
      }
      if (running.join(outcome)) {
        return false;
      }
      // That one just ended (and left the map before saying so): start anew.
    }
  }

  /**
   * After each listing: finishes every {@code Destroying} profile of the namespace that no destroy
   * of this process handles (a crashed run's, another process's that died, or one whose destroy
   * stopped earlier and is listed as DestroyFailed is left alone until a new Destroy).
   */
  void adopt(Inventory inventory) {
    failed.keySet().retainAll(inventory.destroying().values().stream()
        .map(p -> p.envelope().id()).toList());
    for (Inventory.OwnedProfile p : inventory.destroying().values()) {
      String id = p.envelope().id();
      if (running(id) || failed.containsKey(id) || work.closing()) {
        continue;
      }
      if (jobs.size() >= settings.maxBacklog()) {
        return; // the next listing adopts the rest
      }
      Job job = new Job(id, p.profile().uri(), p.profile().name(), null, null);
      if (jobs.putIfAbsent(job.key, job) == null) {
        log.info("Instance {}: its profile {} is marked Destroying (by an earlier run or another "
            + "plugin process of namespace \"{}\"); finishing its destroy", id, p.profile().name(),
            settings.namespace());
        work.submit(() -> step(job));
      }
    }
  }

  /** Why the destroy of {@code id} stopped, or null when it did not. */
  String failure(String id) {
    return failed.get(id);
  }

  boolean running(String id) {
    return jobs.values().stream().anyMatch(j -> j.id.equals(id));
  }

  /** How many destroys run in this process. */
  int runningCount() {
    return jobs.size();
  }

  /** Instance IDs with a destroy running in this process (tests check nothing leaks). */
  List<String> runningIds() {
    return jobs.values().stream().map(j -> j.id).distinct().toList();
  }

  // ---------------------------------------------------------------- the steps

  private final class Job {
    final String id;
    final String key;
    final String name;
    final Instant appearBy;
    /** Who hears how this destroy ends; guarded by this job's monitor. */
    private final List<Outcome> outcomes = new ArrayList<>();
    private boolean over;
    final Instant started;
    String uri;
    /** The task this destroy started last (intent write, power-off, delete), checked on the next look. */
    String lastTaskUri;
    /** What that task does, and when it started, for the line that says it ended. */
    String lastTaskWhat;
    long lastTaskNanos;
    int taskFailures;
    int waits;
    String waitingFor;
    boolean durable; // guarded by this job's monitor

    synchronized boolean join(Outcome outcome) {
      if (over) {
        return false;
      }
      outcomes.add(outcome);
      if (durable) {
        outcome.durable();
      }
      return true;
    }

    /** Marks the intent durable; true the first time. */
    boolean becomeDurable() {
      List<Outcome> told;
      synchronized (this) {
        if (durable) {
          return false;
        }
        durable = true;
        told = List.copyOf(outcomes);
      }
      told.forEach(Outcome::durable);
      return true;
    }

    /** The destroy is over; {@code stopped} is why it stopped, or null when the profile is gone. */
    void end(String stopped) {
      List<Outcome> told;
      boolean wasDurable;
      synchronized (this) {
        over = true;
        wasDurable = durable;
        told = List.copyOf(outcomes);
      }
      for (Outcome o : told) {
        if (stopped == null && !wasDurable) {
          o.durable();
        } else if (stopped != null && !wasDurable) {
          o.stoppedBeforeDurable(stopped);
        }
        o.over();
      }
    }

    Job(String id, String uri, String name, Instant appearBy, Outcome outcome) {
      this.id = id;
      this.key = id + " " + (uri != null ? uri : "named " + name);
      this.uri = uri;
      this.name = name;
      this.appearBy = appearBy;
      if (outcome != null) {
        outcomes.add(outcome);
      }
      this.started = clock.instant();
    }
  }

  private void step(Job job) {
    if (job == null || work.closing()) {
      return; // shutting down: the intent is in OneView (or the group destroys again); a later run finishes
    }
    try {
      if (job.uri == null && !findProfile(job)) {
        return;
      }
      Optional<ProfileView> read = gateway.profile(job.uri);
      if (read.isEmpty()) {
        done(job, "profile " + job.name + " deleted");
        return;
      }
      ProfileView profile = read.get();
      Optional<Envelope> envelope = EnvelopeCodec.decodeInstance(profile.description(),
          settings.namespace(), job.id);
      if (envelope.isEmpty()) {
        log.warn("Instance {}: profile {} no longer carries this plugin's envelope (edited in "
            + "OneView?); it is not deleted and no longer listed", job.id, profile.uri());
        done(job, null);
        return;
      }
      if (!checkLastTask(job)) {
        return;
      }
      if (profile.isBeingDeleted() || isBusy(profile)) {
        later(job, "profile " + profile.name() + " is " + profile.state());
        return;
      }
      if (!envelope.get().destroying()) {
        Task task = gateway.updateDescriptionOnce(job.uri, current -> EnvelopeCodec.encode(
            EnvelopeCodec.decodeInstance(current.description(), settings.namespace(), job.id)
                .orElseThrow(() -> new IllegalStateException("profile " + current.uri()
                    + " no longer carries this instance's envelope"))
                .withIntent(Envelope.Intent.DESTROYING)));
        started(job, task, "writing the Destroying intent into profile " + profile.name());
        soon(job, "the Destroying intent to be written");
        return;
      }
      markDurable(job);
      String serverUri = profile.serverHardwareUri();
      ServerView server = serverUri == null || serverUri.isEmpty() ? null : serverOrNull(serverUri);
      if (server != null) {
        // Only a server carrying this very profile is ours to power off.
        if (profile.uri().equals(server.profileUri()) && !server.isPoweredOff()) {
          if (!"On".equalsIgnoreCase(server.powerState())) {
            later(job, "server " + server.name() + " to settle (" + server.powerState() + ")");
            return;
          }
          log.info("Instance {}: powering off server {} before deleting its profile", job.id,
              server.name());
          started(job, gateway.startPowerOff(serverUri), "powering off server " + server.name());
          soon(job, "server " + server.name() + " to power off");
          return;
        }
      }
      Optional<Task> delete = gateway.startDelete(job.uri);
      if (delete.isEmpty()) {
        done(job, "profile " + job.name + " deleted");
        return;
      }
      started(job, delete.get(), "deleting profile " + profile.name());
      log.info("Instance {}: deleting profile {}", job.id, profile.name());
      soon(job, "profile " + profile.name() + " to be deleted");
    } catch (RuntimeException e) {
      if (work.closing()) {
        return;
      }
      if (OneViewGateway.isTransient(e)) {
        later(job, OneViewGateway.describe(e));
      } else {
        stop(job, OneViewGateway.describe(e));
      }
    }
  }

  /** The server, or null when it was removed from OneView (nothing to power off then). */
  private ServerView serverOrNull(String serverUri) {
    try {
      return gateway.server(serverUri);
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  /** Looks the profile up by name when the create's answer was lost; false when this step is over. */
  private boolean findProfile(Job job) {
    Optional<ProfileView> found = gateway.profilesNamed(job.name).stream()
        .filter(p -> EnvelopeCodec.decodeInstance(p.description(), settings.namespace(), job.id)
            .isPresent())
        .findFirst();
    if (found.isPresent()) {
      job.uri = found.get().uri();
      return true;
    }
    if (job.appearBy != null && clock.instant().isBefore(job.appearBy)) {
      later(job, "a profile named " + job.name + " to appear (its create request got no answer)");
      return false;
    }
    done(job, "no profile named " + job.name + " was created");
    return false;
  }

  /**
   * Checks the task this destroy started last: still running means look again soon; ended in Error
   * counts toward {@link #MAX_TASK_FAILURES}. True when the step may go on.
   */
  private boolean checkLastTask(Job job) {
    if (job.lastTaskUri == null) {
      return true;
    }
    Task task;
    try {
      task = gateway.task(job.lastTaskUri);
    } catch (ResourceNotFoundException e) {
      job.lastTaskUri = null; // the appliance purged it: the profile and server say how it ended
      return true;
    }
    if (task.state() == null || !task.state().isTerminal()) {
      soon(job, "task " + task.name() + " to finish");
      return false;
    }
    job.lastTaskUri = null;
    if (!task.state().isFailure() && job.lastTaskWhat != null) {
      log.info("Instance {}: {} done ({})", job.id, job.lastTaskWhat,
          Durations.since(job.lastTaskNanos));
    }
    if (task.state().isFailure()) {
      job.taskFailures++;
      String why = task.errors().isEmpty() ? "task " + task.name() + " ended " + task.state()
          : OneViewGateway.describe(new io.oneviewinfrakit.oneview.TaskFailedException(task));
      if (job.taskFailures >= MAX_TASK_FAILURES) {
        stop(job, why + " (" + job.taskFailures + " tasks failed)");
        return false;
      }
      log.info("Instance {}: {}; trying again", job.id, why);
    }
    return true;
  }

  private static boolean isBusy(ProfileView profile) {
    String state = profile.state();
    return state != null && !"Normal".equalsIgnoreCase(state)
        && !state.toLowerCase(java.util.Locale.ROOT).contains("fail");
  }

  private void markDurable(Job job) {
    if (job.becomeDurable()) {
      refresh.run();
    }
  }

  private static void started(Job job, Task task, String what) {
    job.lastTaskUri = task.uri();
    job.lastTaskWhat = what;
    job.lastTaskNanos = System.nanoTime();
  }

  /** A task this step started runs: look again after the first retry delay. */
  private void soon(Job job, String what) {
    job.waits = 0;
    job.waitingFor = what;
    work.schedule(() -> step(job), settings.retryBase());
  }

  /** Something outside this destroy must pass first: look again with backoff, logging each new reason once. */
  private void later(Job job, String why) {
    job.waits++;
    if (!Objects.equals(why, job.waitingFor)) {
      job.waitingFor = why;
      log.info("Instance {}: destroy waits for {}; trying again with backoff", job.id, why);
    }
    work.schedule(() -> step(job), settings.retryDelay(job.waits));
  }

  private void done(Job job, String what) {
    jobs.remove(job.key, job);
    job.end(null);
    if (what != null) {
      log.info("Instance {} destroyed: {} ({} s)", job.id, what,
          java.time.Duration.between(job.started, clock.instant()).toSeconds());
    }
    refresh.run();
  }

  private void stop(Job job, String reason) {
    jobs.remove(job.key, job);
    failed.put(job.id, reason);
    job.end(reason);
    log.warn("Destroying instance {} stopped: {}. It is listed again (phase DestroyFailed) with this "
        + "reason; fix the cause in OneView, then destroy it again", job.id, reason);
    refresh.run();
  }
}
