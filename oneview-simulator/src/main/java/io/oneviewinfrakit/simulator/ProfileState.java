package io.oneviewinfrakit.simulator;

import static io.oneviewinfrakit.simulator.Appliance.blankToNull;
import static io.oneviewinfrakit.simulator.Appliance.existing;
import static io.oneviewinfrakit.simulator.Listings.find;
import static io.oneviewinfrakit.simulator.Router.methodNotAllowed;
import static io.oneviewinfrakit.simulator.AcceptedTasks.noOutcome;
import static io.oneviewinfrakit.simulator.Router.requireMethod;
import static io.oneviewinfrakit.simulator.Appliance.string;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the profile handlers, the drift controls and the seeding share about server profiles: when
 * a new profile becomes visible in listings, the task that is changing each profile, and the
 * state moves of a profile and its server hardware. Guarded by the appliance lock.
 */
final class ProfileState {
  final Map<String, Instant> profileVisibleAt = new HashMap<>();
  final Map<String, Tasks.Task> profileTask = new HashMap<>();
  Duration listingLag;
  private final Appliance a;
  private final Clock clock;
  private final Store hardware;
  private final Store profiles;
  private final Store templates;
  private final Store networks;
  private final Store networkSets;
  private final Store firmwareDrivers;

  ProfileState(Appliance a, Duration listingLag) {
    this.a = a;
    this.clock = a.clock();
    this.listingLag = listingLag;
    this.hardware = a.hardwareStore();
    this.profiles = a.profileStore();
    this.templates = a.templateStore();
    this.networks = a.store("ethernet-networks");
    this.networkSets = a.store("network-sets");
    this.firmwareDrivers = a.store("firmware-drivers");
  }

  void reset() {
    profileVisibleAt.clear();
    profileTask.clear();
  }

  Map<String, Object> visibleProfile(String uri) {
    Map<String, Object> p = profiles.get(uri);
    if (p == null || !visible(p)) {
      throw SimulatorException.notFound(uri);
    }
    return p;
  }

  boolean visible(Map<String, Object> profile) {
    Instant at = profileVisibleAt.get((String) profile.get("uri"));
    return at == null || !clock.instant().isBefore(at);
  }

  /**
   * Puts back the profile as it was before a failed update, as a new revision that still names the
   * failed task, so a client polling the profile sees both the failure and the old settings.
   */
  void restore(Map<String, Object> previous, Object failedTaskUri) {
    profileTask.remove((String) previous.get("uri"));
    previous.put("eTag", a.eTags().eTag());
    previous.put("modified", Ids.timestamp(clock.instant()));
    previous.put("taskUri", failedTaskUri);
    profiles.put(previous);
  }

  void requireUniqueName(String name, String selfUri) {
    Map<String, Object> other = profiles.exactlyNamed(name);
    if (other != null && !other.get("uri").equals(selfUri)) {
      throw new SimulatorException(409, "DUPLICATE_NAME",
          "A server profile named " + name + " already exists.",
          "Server profile names must be unique.", List.of("Choose a different name."));
    }
  }

  static void requireCompatible(Map<String, Object> hw, String typeUri, String groupUri,
      String what) {
    if ("Monitored".equals(hw.get("state"))) {
      // Monitored hardware has no profile support (POSH-HPEOneView #27: "HP OneView does not support
      // server profiles for this server hardware, so it can only be monitored"). The errorCode of
      // that refusal on a profile request is not captured anywhere we have; this one is our guess.
      throw new SimulatorException(400, "SERVER_HARDWARE_MONITORED",
          "The server hardware " + hw.get("name") + " is monitored only: HPE OneView does not"
              + " support server profiles for it.", "",
          List.of("Select server hardware that is managed, or add this one as managed."), Map.of(),
          List.of(String.valueOf(hw.get("name"))));
    }
    if (!Objects.equals(typeUri, hw.get("serverHardwareTypeUri"))) {
      throw SimulatorException.badRequest("SERVER_HARDWARE_TYPE_MISMATCH",
          "The server hardware type of " + what + " does not match the server hardware "
              + hw.get("name") + ".");
    }
    if (!Objects.equals(groupUri, hw.get("serverGroupUri"))) {
      throw SimulatorException.badRequest("ENCLOSURE_GROUP_MISMATCH",
          "The enclosure group of " + what + " does not match the server hardware "
              + hw.get("name") + ".");
    }
  }

  static void requirePoweredOff(Map<String, Object> hw, String action) {
    if (!"Off".equals(hw.get("powerState"))) {
      throw SimulatorException.conflict("SERVER_HARDWARE_POWERED_ON",
          "Unable to " + action + " the server hardware " + hw.get("name")
              + " because it is powered on (" + hw.get("powerState") + ").");
    }
  }

  void applyingProfile(Map<String, Object> hw, String profileUri) {
    hw.put("serverProfileUri", profileUri);
    hw.put("state", "ApplyingProfile");
    hw.put("powerLock", true);
    a.eTags().bump(hw);
  }

  void removingProfile(Map<String, Object> hw) {
    hw.put("state", "RemovingProfile");
    hw.put("powerLock", true);
    a.eTags().bump(hw);
  }

  void profileApplied(Map<String, Object> hw) {
    hw.put("state", "ProfileApplied");
    hw.put("powerLock", false);
    a.eTags().bump(hw);
  }

  void noProfile(Map<String, Object> hw) {
    hw.put("serverProfileUri", null);
    hw.put("state", "NoProfileApplied");
    hw.put("powerLock", false);
    a.eTags().bump(hw);
  }

  void settle(Map<String, Object> profile, String state) {
    profile.put("state", state);
    profile.put("inProgress", false);
    profile.put("status", "OK");
    a.eTags().bump(profile);
  }

  void removeProfile(Map<String, Object> p) {
    String uri = (String) p.get("uri");
    Tasks.Task running = profileTask.remove(uri);
    if (running != null) {
      a.tasks().abort(running, "ProfileDeleted", "The server profile was deleted by another user.");
    }
    profileVisibleAt.remove(uri);
    profiles.remove(uri);
    String hwUri = (String) p.get("serverHardwareUri");
    Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
    if (hw != null && uri.equals(hw.get("serverProfileUri"))) {
      noProfile(hw);
    }
  }

  /** The template a stored profile names, or null (none, blank, or no longer there). */
  Map<String, Object> templateOf(Map<String, Object> profile) {
    String uri = blankToNull(string(profile.get("serverProfileTemplateUri")));
    return uri == null ? null : templates.get(uri);
  }

  /** Connections, boot settings and firmware of a profile body; see {@link ProfileRules}. */
  void validateSections(Map<String, Object> profile, Map<String, Object> template) {
    ProfileRules.validate(profile, template,
        u -> networks.get(u) != null || networkSets.get(u) != null,
        u -> firmwareDrivers.get(u) != null);
  }
}
