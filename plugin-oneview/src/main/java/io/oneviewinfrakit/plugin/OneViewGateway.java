package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.Filter;
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
    return templates.stream()
        .map(t -> new TemplateView(t.uri(), t.name(), t.serverHardwareTypeUri(), t.enclosureGroupUri()))
        .toList();
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
    ServerProfile profile = oneView.serverProfileTemplates().newProfile(sdkTemplate)
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
      }
    }
    throw new OneViewException("profile " + profileUri + " kept changing while being labelled ("
        + MAX_ETAG_ATTEMPTS + " attempts answered 412 Precondition Failed); try again", last);
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

  static ServerView view(ServerHardware hw) {
    return new ServerView(hw.uri(), hw.name(), hw.serialNumber(), hw.model(),
        hw.serverHardwareTypeUri(), hw.serverGroupUri(), hw.serverProfileUri(),
        hw.state() == null ? null : hw.state().wireName(),
        hw.powerState() == null ? null : hw.powerState().wireName(),
        hw.maintenanceMode(), hw.macs());
  }

  static ProfileView view(ServerProfile p) {
    return new ProfileView(p.uri(), p.name(), p.description(), p.state(),
        p.status() == null ? null : p.status().wireName(), p.serverHardwareUri(),
        p.serverProfileTemplateUri(), p.taskUri());
  }

  /** The OneView error code of a failure, or null (transport failures, timeouts). */
  static String errorCode(Throwable failure) {
    OneViewError error = failure instanceof OneViewException e ? e.error() : null;
    return error == null ? null : error.errorCode();
  }

  /** What a person needs from a failure: the OneView error code and message, and what OneView recommends. */
  static String describe(Throwable failure) {
    if (failure instanceof TaskFailedException e && !e.errors().isEmpty()) {
      return describe(e.errors().get(0)) + " (task " + e.task().uri() + ")";
    }
    if (failure instanceof OneViewException e && e.error() != null) {
      return describe(e.error()) + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "");
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
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
