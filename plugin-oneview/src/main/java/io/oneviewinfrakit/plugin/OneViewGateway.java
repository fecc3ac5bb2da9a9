package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.BootMode;
import io.oneviewinfrakit.oneview.Filter;
import io.oneviewinfrakit.oneview.Firmware;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.OneViewError;
import io.oneviewinfrakit.oneview.OneViewException;
import io.oneviewinfrakit.oneview.PowerControl;
import io.oneviewinfrakit.oneview.Query;
import io.oneviewinfrakit.oneview.ResourceNotFoundException;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.oneview.StaleETagException;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.oneview.TaskFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The plugin's only door to OneView: the SDK calls it makes, with its task timeouts, turned into the
 * plugin's own small value types. Keeping every SDK call here keeps the rest of the plugin about
 * decisions, not transport.
 */
final class OneViewGateway {

  /** How often Label re-reads a profile after OneView answered 412 (someone else changed it). */
  static final int MAX_ETAG_ATTEMPTS = 5;

  private final OneView oneView;
  private final Duration profileTaskTimeout;
  private final Duration powerTaskTimeout;
  /** The SDK template documents of the last listing, so a provision does not re-read its template. */
  private final Map<String, ServerProfileTemplate> templatesByUri = new ConcurrentHashMap<>();

  OneViewGateway(OneView oneView, Duration profileTaskTimeout, Duration powerTaskTimeout) {
    this.oneView = oneView;
    this.profileTaskTimeout = profileTaskTimeout;
    this.powerTaskTimeout = powerTaskTimeout;
  }

  Duration profileTaskTimeout() {
    return profileTaskTimeout;
  }

  List<TemplateView> templates() {
    List<ServerProfileTemplate> templates = oneView.serverProfileTemplates().list();
    templates.forEach(t -> templatesByUri.put(t.uri(), t));
    return templates.stream().map(OneViewGateway::view).toList();
  }

  static TemplateView view(ServerProfileTemplate t) {
    BootMode mode = t.bootMode();
    Firmware firmware = t.firmware();
    Object os = t.json().get("osDeploymentSettings");
    Object plan = os instanceof Map<?, ?> settings ? settings.get("osDeploymentPlanUri") : null;
    return new TemplateView(t.uri(), t.name(), t.serverHardwareTypeUri(), t.enclosureGroupUri(),
        t.manageConnections(), t.manageBoot(), mode != null && mode.manageMode(),
        plan instanceof String s && !s.isBlank() ? s : null,
        firmware != null && firmware.manageFirmware(),
        firmware == null ? null : firmware.firmwareBaselineUri());
  }

  List<ServerView> servers() {
    return oneView.serverHardware().list().stream().map(OneViewGateway::view).toList();
  }

  List<ProfileView> profiles() {
    return oneView.serverProfiles().list().stream().map(OneViewGateway::view).toList();
  }

  ServerView server(String uri) {
    return view(oneView.serverHardware().get(uri));
  }

  Optional<ProfileView> profile(String uri) {
    try {
      return Optional.of(view(oneView.serverProfiles().get(uri)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Profiles with exactly this name (names are validated to be filter-safe). */
  List<ProfileView> profilesNamed(String name) {
    Query query = Query.builder().filter(Filter.eq("name", name)).build();
    return oneView.serverProfiles().list(query).stream()
        .filter(p -> name.equals(p.name())) // the appliance's '=' is case-insensitive
        .map(OneViewGateway::view)
        .toList();
  }

  /** Immediate power-off (PressAndHold), awaited. */
  void powerOff(String serverUri) {
    oneView.tasks().await(oneView.serverHardware().powerOff(serverUri, PowerControl.PRESS_AND_HOLD),
        powerTaskTimeout);
  }

  void powerOn(String serverUri) {
    oneView.tasks().await(oneView.serverHardware().powerOn(serverUri), powerTaskTimeout);
  }

  /** Starts creating a profile from the template's new-profile document; returns the task. */
  Task startCreate(TemplateView template, String name, String description, String serverUri) {
    ServerProfileTemplate sdkTemplate = templatesByUri.get(template.uri());
    if (sdkTemplate == null) {
      sdkTemplate = oneView.serverProfileTemplates().get(template.uri());
    }
    ServerProfile profile = newProfile(sdkTemplate)
        .withName(name)
        .withDescription(description)
        .withServerHardwareUri(serverUri);
    return oneView.serverProfiles().create(profile);
  }

  /** Waits for a profile task (create, update, delete) with the profile task timeout. */
  Task awaitProfileTask(Task task) {
    return oneView.tasks().await(task, profileTaskTimeout);
  }

  Task awaitProfileTask(Task task, Duration timeout) {
    return oneView.tasks().await(task, timeout);
  }

  /** Waits for a profile task, telling {@code progress} each state OneView reports meanwhile. */
  Task awaitProfileTask(Task task, java.util.function.Consumer<Task> progress) {
    return oneView.tasks().await(task, profileTaskTimeout, progress);
  }

  /**
   * Rewrites a profile's description from its current one: reads the profile, applies
   * {@code change} (which may throw to refuse), and PUTs it with the eTag just read; on 412 (someone
   * changed it meanwhile) reads again and re-applies, at most {@value #MAX_ETAG_ATTEMPTS} times.
   *
   * @return the update task (not awaited)
   */
  Task updateDescription(String profileUri, Function<ProfileView, String> change) {
    StaleETagException last = null;
    for (int attempt = 1; attempt <= MAX_ETAG_ATTEMPTS; attempt++) {
      ServerProfile current = oneView.serverProfiles().get(profileUri);
      String description = change.apply(view(current));
      try {
        return oneView.serverProfiles().update(current.withDescription(description));
      } catch (StaleETagException e) {
        last = e;
      } catch (OneViewException e) {
        if (!BUSY_PROFILE.equals(errorCode(e)) || attempt == MAX_ETAG_ATTEMPTS) {
          throw e;
        }
        // Another task (e.g. the update of the previous Label) still runs on the profile: OneView
        // refuses changes until it ends. Wait for it (bounded), then re-read and re-apply.
        awaitBusyProfile(current, attempt);
      }
    }
    throw new OneViewException("profile " + profileUri + " kept changing while being labelled ("
        + MAX_ETAG_ATTEMPTS + " attempts answered 412 Precondition Failed); try again", last);
  }

  /** OneView's answer (409) to a change of a profile that a task is still changing. */
  static final String BUSY_PROFILE = "ProfileInTransitoryState";

  /** How long one attempt of {@link #updateDescription} waits for a task running on the profile. */
  static final Duration BUSY_PROFILE_WAIT = Duration.ofSeconds(2);

  private void awaitBusyProfile(ServerProfile profile, int attempt) {
    String taskUri = profile.taskUri();
    try {
      if (taskUri != null && !taskUri.isEmpty()) {
        oneView.tasks().await(oneView.tasks().get(taskUri), BUSY_PROFILE_WAIT);
      } else {
        Thread.sleep(100L * attempt);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OneViewException("interrupted while waiting for profile " + profile.uri(), e);
    } catch (OneViewException e) {
      // The other task failed or is still running: either way, the next attempt re-reads and sees.
    }
  }

  // ---------------------------------------------------------------- single steps (no waiting)

  /** Starts powering a server on; the caller watches the task. */
  Task startPowerOn(String serverUri) {
    return oneView.serverHardware().powerOn(serverUri);
  }

  /** Watches a power task (on, off) with the power task timeout; never holds a thread. */
  java.util.concurrent.CompletableFuture<Task> watchPowerTask(Task task) {
    return oneView.tasks().watch(task, powerTaskTimeout);
  }

  /** Watches a profile task with the profile task timeout; never holds a thread. */
  java.util.concurrent.CompletableFuture<Task> watchProfileTask(Task task) {
    return oneView.tasks().watch(task, profileTaskTimeout);
  }

  /** As {@link #watchProfileTask(Task)}, telling {@code progress} each state a poll reads meanwhile. */
  java.util.concurrent.CompletableFuture<Task> watchProfileTask(Task task,
      java.util.function.Consumer<Task> progress) {
    return oneView.tasks().watch(task, profileTaskTimeout, progress);
  }

  /** Starts an immediate power-off (PressAndHold); the caller checks the outcome later. */
  Task startPowerOff(String serverUri) {
    return oneView.serverHardware().powerOff(serverUri, PowerControl.PRESS_AND_HOLD);
  }

  /** Starts deleting a profile; empty when it is already gone. */
  Optional<Task> startDelete(String profileUri) {
    try {
      return Optional.of(oneView.serverProfiles().delete(profileUri));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The task as OneView reports it now. */
  Task task(String taskUri) {
    return oneView.tasks().get(taskUri);
  }

  /**
   * One attempt of {@link #updateDescription}: reads the profile, applies {@code change}, PUTs it
   * with the eTag just read. A 412 ({@link StaleETagException}) or 409 (a task still runs on the
   * profile) reaches the caller, which decides when to try again instead of waiting here.
   */
  Task updateDescriptionOnce(String profileUri, Function<ProfileView, String> change) {
    ServerProfile current = oneView.serverProfiles().get(profileUri);
    return oneView.serverProfiles().update(current.withDescription(change.apply(view(current))));
  }

  /** The servers compatible with the template as OneView lists them now (not the cached listing). */
  List<ServerView> compatibleServers(TemplateView template) {
    return oneView.serverHardware().compatibleWith(sdkTemplate(template.uri())).stream()
        .map(OneViewGateway::view).toList();
  }

  /**
   * Whether a failure may pass by itself (try again later): the appliance not answering, a 5xx, a
   * 409 (a task still runs on the resource, or the server is still on), a 412 (someone changed the
   * resource), a 429. Anything else (401/403, 400, 404) will not change by waiting.
   */
  static boolean isTransient(Throwable failure) {
    if (failure instanceof StaleETagException) {
      return true;
    }
    if (failure instanceof OneViewException e && !(failure instanceof TaskFailedException)) {
      int status = e.httpStatus();
      return status == 0 || status >= 500 || status == 409 || status == 412 || status == 429;
    }
    return false;
  }

  /** Waits for the task with this URI (e.g. a delete an earlier run started). */
  Task awaitTask(String taskUri) {
    return awaitProfileTask(oneView.tasks().get(taskUri));
  }

  /** Deletes a profile and waits for the task; a profile already gone counts as deleted. */
  void deleteProfile(String profileUri) {
    Task task;
    try {
      task = oneView.serverProfiles().delete(profileUri);
    } catch (ResourceNotFoundException e) {
      return;
    }
    awaitProfileTask(task);
  }

  // ---------------------------------------------------------------- names, networks, tasks

  /** Hardware type and enclosure group names by URI; they practically never change, so kept. */
  private final Map<String, String> namesByUri = new ConcurrentHashMap<>();

  /** The name of a server hardware type, read once per URI. */
  String hardwareTypeName(String uri) {
    return uri == null ? null : cachedName(uri, u -> oneView.serverHardwareTypes().get(u).name());
  }

  /** The name of an enclosure group, read once per URI; null for none (rack templates). */
  String enclosureGroupName(String uri) {
    return uri == null || uri.isEmpty() ? null
        : cachedName(uri, u -> oneView.enclosureGroups().get(u).name());
  }

  /**
   * Not computeIfAbsent: that would hold a map bin lock across the GET, blocking every other look-up
   * in the bin for as long as OneView takes. Two callers may both read the same name; the first kept.
   */
  private String cachedName(String uri, java.util.function.UnaryOperator<String> read) {
    String known = namesByUri.get(uri);
    if (known != null) {
      return known;
    }
    String name = read.apply(uri);
    if (name == null) {
      return null; // as computeIfAbsent did: nothing cached, read again next time
    }
    String raced = namesByUri.putIfAbsent(uri, name);
    return raced != null ? raced : name;
  }

  /** Ethernet network names to URIs (one listing). */
  Map<String, String> ethernetNetworks() {
    Map<String, String> byName = new java.util.TreeMap<>();
    oneView.ethernetNetworks().list().forEach(n -> byName.put(n.name(), n.uri()));
    return byName;
  }

  /** Network set names to URIs (one listing). */
  Map<String, String> networkSets() {
    Map<String, String> byName = new java.util.TreeMap<>();
    oneView.networkSets().list().forEach(n -> byName.put(n.name(), n.uri()));
    return byName;
  }

  /** Fibre Channel network names to URIs (one listing; only for naming connections). */
  Map<String, String> fcNetworks() {
    Map<String, String> byName = new java.util.TreeMap<>();
    oneView.fcNetworks().list().forEach(n -> byName.put(n.name(), n.uri()));
    return byName;
  }

  /** The SDK template document (from the last listing, else read). */
  ServerProfileTemplate sdkTemplate(String uri) {
    ServerProfileTemplate t = templatesByUri.get(uri);
    return t != null ? t : oneView.serverProfileTemplates().get(uri);
  }

  /**
   * Starts creating a profile like {@link #startCreate(TemplateView, String, String, String)}, with
   * {@code customize} applied to the new-profile document before the POST (connections, boot, OS
   * custom attributes).
   */
  Task startCreate(TemplateView template, String name, String description, String serverUri,
      java.util.function.UnaryOperator<ServerProfile> customize) {
    ServerProfile profile = newProfile(sdkTemplate(template.uri()))
        .withName(name)
        .withDescription(description)
        .withServerHardwareUri(serverUri);
    return oneView.serverProfiles().create(customize.apply(profile));
  }

  /**
   * The template's new-profile document, read once per version of the template (its URI and eTag):
   * it is the same for every profile made from that version, so a burst of provisions costs one
   * read, not one each. Documents are immutable; each provision fills in its own copy.
   */
  private ServerProfile newProfile(ServerProfileTemplate template) {
    String key = template.uri() + " " + template.eTag();
    ServerProfile known = template.eTag() == null ? null : newProfiles.get(key);
    if (known != null) {
      return known;
    }
    ServerProfile fresh = oneView.serverProfileTemplates().newProfile(template);
    if (template.eTag() != null) {
      newProfiles.keySet().removeIf(k -> k.startsWith(template.uri() + " "));
      newProfiles.put(key, fresh);
    }
    return fresh;
  }

  /** New-profile documents by template URI and eTag (see {@link #newProfile}). */
  private final Map<String, ServerProfile> newProfiles = new ConcurrentHashMap<>();

  /** What a failed task says (error code and message), or null when it did not fail. */
  String taskFailure(String taskUri) {
    Task task = oneView.tasks().get(taskUri);
    if (task.state() == null || !task.state().isFailure()) {
      return null;
    }
    return task.errors().isEmpty() ? "task " + task.name() + " ended " + task.state()
        : describe(task.errors().get(0));
  }

  static ServerView view(ServerHardware hw) {
    return new ServerView(hw.uri(), hw.name(), hw.serialNumber(), hw.model(),
        hw.serverHardwareTypeUri(), hw.serverGroupUri(), hw.serverProfileUri(),
        hw.state() == null ? null : hw.state().wireName(),
        hw.powerState() == null ? null : hw.powerState().wireName(),
        hw.maintenanceMode(), hw.macs(), hw.memoryMb(), hw.cpuCores(),
        hw.status() == null ? null : hw.status().wireName());
  }

  static ProfileView view(ServerProfile p) {
    return new ProfileView(p.uri(), p.name(), p.description(), p.state(),
        p.status() == null ? null : p.status().wireName(), p.serverHardwareUri(),
        p.serverProfileTemplateUri(), p.taskUri(), ProfileDetails.of(p));
  }

  /** The OneView error code of a failure, or null (transport failures, timeouts). */
  static String errorCode(Throwable failure) {
    OneViewError error = failure instanceof OneViewException e ? e.error() : null;
    return error == null ? null : error.errorCode();
  }

  /** What a person needs from a failure: the OneView error code and message, and what OneView recommends. */
  /** What failed a future: the exception inside the {@code CompletionException}s wrapping it. */
  static Throwable cause(Throwable failure) {
    while (failure instanceof java.util.concurrent.CompletionException
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  static String describe(Throwable failure) {
    if (failure instanceof TaskFailedException e && !e.errors().isEmpty()) {
      return describe(e.errors().get(0)) + " (task " + e.task().uri() + ")";
    }
    if (failure instanceof OneViewException e && e.error() != null) {
      return describe(e.error()) + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "");
    }
    String message = failure.getMessage();
    message = message == null ? failure.getClass().getSimpleName() : message;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException
          || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
        return message + ". Give the plugin the appliance's CA certificate with --ca-cert PEM (or, "
            + "for a lab appliance only, --insecure)";
      }
    }
    return message;
  }

  private static String describe(OneViewError error) {
    StringBuilder s = new StringBuilder();
    if (error.errorCode() != null) {
      s.append(error.errorCode()).append(": ");
    }
    s.append(error.message() != null ? error.message() : "(no message)");
    if (error.recommendedActions() != null && !error.recommendedActions().isEmpty()) {
      s.append(" OneView recommends: ").append(String.join(" ", error.recommendedActions()));
    }
    return s.toString();
  }
}
