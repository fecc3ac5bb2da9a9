package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.OneViewException;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.oneview.TaskFailedException;
import io.oneviewinfrakit.oneview.TaskTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow half of Provision, after the RPC has answered: re-check the reserved server, create the
 * profile from the template with the instance's envelope, then hand the instance to {@link
 * ProvisionFinish} (labels that arrived meanwhile, power on).
 *
 * <p>Rules every step follows: a server is used only right after reading it free (no profile,
 * powered off unless the operator allowed powering off free servers); when another OneView user (or
 * another plugin process) took it first, the provision moves to another server chosen from a fresh
 * listing, never one it already saw taken, for as long as any candidate remains. A provision that
 * fails or is destroyed hands what it may have created to the {@link Destroyer}, which removes it
 * durably ({@link ProvisionCleanup}); a create whose answer was lost is looked up by the profile's
 * unique name ({@link LostCreateLookup}), so it either carries on or is removed, never left behind
 * as a surprise instance.
 */
final class Provisioner {

  /** Task error codes meaning "someone else put a profile on that server first" (see oneview-api.md). */
  static final Set<String> SERVER_TAKEN_ERRORS = Set.of(
      "ProfileAlreadyExistsInServer", "AssignProfileToDeviceBayError",
      "EnclosureBayUnavailableForProfile");

  /** OneView's answer when a profile is assigned to a server that is on. */
  static final String SERVER_POWERED_ON = "SERVER_HARDWARE_POWERED_ON";

  private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

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
  private final ServerReservations reservations;
  private final PluginSettings settings;
  private final BackgroundWork work;
  private final ProvisionCleanup cleanup;
  private final ProvisionFinish finish;
  private final Clock clock;
  private final RightsRefusal rights;

  Provisioner(OneViewGateway gateway, InventoryCache cache, InstanceRegistry registry,
      ServerReservations reservations, PluginSettings settings, BackgroundWork work,
      Destroyer destroyer, Clock clock, RightsRefusal rights) {
    this.rights = rights;
    this.gateway = gateway;
    this.reservations = reservations;
    this.settings = settings;
    this.work = work;
    this.cleanup = new ProvisionCleanup(gateway, cache, registry, reservations, settings, work,
        destroyer, clock);
    this.finish = new ProvisionFinish(gateway, cache, registry, settings, work, cleanup);
    this.clock = clock;
  }

  /**
   * Runs the first step of a provision's slow half on the calling worker, then returns: each step
   * makes its OneView calls on the worker pool, then hands the next step to the task tracker (a
   * running task) or the timer (a backoff), so no thread waits while OneView works. The first step
   * runs here, not handed on, so that {@link AfterBurst} sees its end.
   */
  void provision(InFlightInstance instance) {
    Run run = new Run(instance);
    run.run(run::checkServer);
  }

  /** One provision's steps and the little state they carry from one to the next. */
  private final class Run implements ProvisionFinish.Steps {
    final InFlightInstance instance;
    /** Servers this provision saw taken: never chosen again. */
    final Set<String> tried = new HashSet<>();
    int attempt = 1;
    ServerView server;
    String name;
    /** Until the profile exists, a failure ends the provision (or moves it to another server). */
    boolean applied;
    /** Set when the create request got no answer. */
    LostCreateLookup lostCreate;

    Run(InFlightInstance instance) {
      this.instance = instance;
    }

    /** Runs {@code step} on the worker pool; a failure it throws goes to {@link #failed}. */
    @Override
    public void next(Runnable step) {
      try {
        work.submit(() -> run(step));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing: what exists in OneView carries our envelope; the next run lists it
      }
    }

    @Override
    public void later(Runnable step, Duration delay) {
      work.schedule(() -> run(step), delay);
    }

    @Override
    public void whenDone(CompletableFuture<Task> task, BiConsumer<Task, Throwable> then) {
      task.whenComplete((done, failure) -> next(() -> then.accept(done, OneViewGateway.cause(failure))));
    }

    private void run(Runnable step) {
      if (work.closing()) {
        return;
      }
      try {
        step.run();
      } catch (RuntimeException e) {
        failed(e);
      }
    }

    // ------------------------------------------------------------ until the profile exists

    /** Reads the reserved server: still free and off (or powered off now), then creates. */
    void checkServer() {
      if (cleanup.stopRequested(instance)) {
        cleanup.cancelled(instance);
        return;
      }
      String serverUri = instance.serverUri();
      server = gateway.server(serverUri);
      if (!server.isFree()) {
        throw new ServerTakenException("server " + server.name() + " is no longer free ("
            + (server.hasProfile() ? "it has profile " + server.profileUri() : "state "
                + server.state() + (server.maintenance() ? ", in maintenance" : "")) + ")", null);
      }
      if (server.isPoweredOff()) {
        create();
        return;
      }
      if (!settings.powerOffFreeServers()) {
        throw new ServerTakenException("server " + server.name() + " has no profile but is powered "
            + server.powerState() + " (someone may be using it); it is not taken (--power-off-free-"
            + "servers allows powering off such servers)", null);
      }
      instance.phase(Phase.POWERING_OFF);
      log.info("Instance {}: powering off free server {} to apply a profile (--power-off-free-servers)",
          instance.id, server.name());
      long t0 = System.nanoTime();
      whenDone(gateway.watchPowerTask(gateway.startPowerOff(serverUri)), (done, failure) -> {
        if (failure != null) {
          throw asRuntime(failure);
        }
        log.info("Instance {}: server {} powered off ({})", instance.id, server.name(),
            Durations.since(t0));
        if (cleanup.stopRequested(instance)) {
          cleanup.cancelled(instance);
          return;
        }
        create();
      });
    }

    void create() {
      instance.phase(Phase.CREATING_PROFILE);
      name = instance.properties.profileName(instance.id);
      log.info("Instance {}: creating profile {} from template \"{}\" on server {}", instance.id,
          name, instance.template.name(), server.name());
      Envelope written = instance.envelope();
      instance.writtenTags(written.tags());
      Task task;
      try {
        task = gateway.startCreate(instance.template, name, EnvelopeCodec.encode(written),
            server.uri(), instance.customize);
      } catch (OneViewException e) {
        if (SERVER_POWERED_ON.equals(OneViewGateway.errorCode(e))) {
          throw new ServerTakenException("server " + server.name() + " was powered on by someone "
              + "before the profile was assigned", e);
        }
        if (e.httpStatus() != 0 && e.httpStatus() < 500) {
          throw e;
        }
        // No answer (the connection dropped, or a gateway answered 5xx): OneView may or may not
        // have created the profile. Its name is unique to this instance, so look for it.
        log.info("Instance {}: the create request for profile {} got no answer ({}); looking for "
            + "the profile by name", instance.id, name, OneViewGateway.describe(e));
        lostCreate = new LostCreateLookup(gateway, settings, clock, instance.id, name, e);
        lookForLostCreate();
        return;
      }
      rights.accepted();
      watchCreate(task);
    }

    /**
     * One look for a profile whose create got no answer: found, the provision carries on with the
     * profile's own task; not found by the deadline, it counts as not created and the {@link
     * Destroyer} keeps watching for it, so a late profile is removed, never a surprise instance.
     */
    void lookForLostCreate() {
      Optional<ProfileView> found = lostCreate.look();
      if (found.isPresent()) {
        ProfileView p = found.get();
        log.info("Instance {}: profile {} was created although its answer was lost; carrying on",
            instance.id, p.name());
        instance.profileUri(p.uri());
        if (p.taskUri() != null && !p.taskUri().isEmpty()) {
          watchCreate(gateway.task(p.taskUri()));
        } else {
          applied(); // no task on the profile: it is settled
        }
        return;
      }
      later(this::lookForLostCreate, lostCreate.nextLookIn(cleanup.stopRequested(instance)));
    }

    void watchCreate(Task task) {
      long t0 = System.nanoTime();
      whenDone(gateway.watchProfileTask(task, instance::progress), (done, failure) -> {
        if (failure instanceof TaskFailedException e) {
          String code = OneViewGateway.errorCode(e);
          String partial = e.task().associatedResourceUri();
          if (code != null && SERVER_TAKEN_ERRORS.contains(code)) {
            if (partial != null) {
              cleanup.removePartial(instance, partial);
            }
            throw new ServerTakenException("OneView refused server " + server.name() + " ("
                + OneViewGateway.describe(e) + ")", e);
          }
          throw e;
        }
        if (failure instanceof TaskTimeoutException e) {
          throw new CreateTimedOutException("profile create task " + task.uri() + " did not finish "
              + "within " + Durations.human(gateway.profileTaskTimeout()),
              e.task() != null ? e.task() : task);
        }
        if (failure != null) {
          throw asRuntime(failure);
        }
        log.info("Instance {}: profile {} created ({})", instance.id, name, Durations.since(t0));
        String profileUri = done.associatedResourceUri();
        if (profileUri == null) {
          profileUri = LostCreateLookup.ourProfile(gateway, settings, name, instance.id)
              .map(ProfileView::uri).orElseThrow(() -> new IllegalStateException("profile create task " + done.uri()
                  + " completed without naming the profile it created"));
        }
        instance.profileUri(profileUri);
        applied();
      });
    }

    /** A failure before the profile exists: move to another server, or drop the instance. */
    void failed(RuntimeException e) {
      if (work.closing()) {
        return; // shutting down: what exists in OneView carries our envelope; the next run lists it
      }
      if (RightsRefusal.isRightsFailure(e)) {
        rights.refused("create server profiles or power servers", e);
      }
      String serverUri = instance.serverUri();
      if (applied) {
        // A bug in a step after the profile exists: the instance is there; say so and finish.
        instance.lastError(OneViewGateway.describe(e));
        log.warn("Instance {}: {}; its profile exists and it is listed as it is", instance.id,
            OneViewGateway.describe(e), e);
        finish.finish(instance, false);
        return;
      }
      if (e instanceof ServerTakenException) {
        moveOn(serverUri, e.getMessage());
        return;
      }
      if (e instanceof LostCreateLookup.CreateOutcomeUnknownException) {
        cleanup.failed(instance, serverUri, e.getMessage(), false, null, true);
        return;
      }
      String uri = instance.profileUri();
      boolean mayExist = false;
      if (e instanceof CreateTimedOutException t) {
        uri = t.task.associatedResourceUri();
        mayExist = true;
      } else if (e instanceof TaskFailedException f && f.task().associatedResourceUri() != null) {
        uri = f.task().associatedResourceUri();
      }
      cleanup.failed(instance, serverUri, OneViewGateway.describe(e), isTheServersFault(e), uri,
          mayExist);
    }

    /** Someone else took the server: another one from a fresh listing, for as long as any remains. */
    void moveOn(String serverUri, String why) {
      tried.add(serverUri);
      reservations.release(serverUri, instance.id);
      reservations.markTaken(serverUri);
      instance.lastError(why);
      Optional<ServerView> another = attempt < settings.maxServerAttempts()
          ? chooseAnother(instance, tried) : Optional.empty();
      if (another.isEmpty()) {
        cleanup.failed(instance, serverUri, why + "; no other free compatible server to try after " + attempt
            + " attempt(s)", false, null, false);
        return;
      }
      log.info("Instance {}: {}; moving to server {}", instance.id, why, another.get().name());
      instance.serverUri(another.get().uri());
      attempt++;
      next(this::checkServer);
    }

    // ------------------------------------------------------------ once the profile exists

    void applied() {
      applied = true;
      finish.start(instance, this);
    }
  }

  private static RuntimeException asRuntime(Throwable failure) {
    return failure instanceof RuntimeException r ? r
        : new OneViewException(failure.toString(), failure);
  }

  /** Another free compatible server from a fresh listing, never one this provision saw taken. */
  private Optional<ServerView> chooseAnother(InFlightInstance instance, Set<String> tried) {
    List<ServerView> fresh;
    try {
      fresh = gateway.compatibleServers(instance.template);
    } catch (RuntimeException e) {
      log.info("Instance {}: listing free servers failed ({}); no other server tried", instance.id,
          OneViewGateway.describe(e));
      return Optional.empty();
    }
    // The group's hardware properties hold for the next server too.
    return reservations.reserve(instance.id, instance.template, fresh, tried,
        instance.properties.hardware().accepts(instance.logicalId)).server();
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
}
