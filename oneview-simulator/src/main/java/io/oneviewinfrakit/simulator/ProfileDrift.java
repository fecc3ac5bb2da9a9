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
 * What other OneView users and the appliance itself do to profiles behind a client's back: delete,
 * move or fail a profile, or assign a foreign profile to a free server. Each takes the appliance
 * lock (except {@link #assignForeignLocked}, for callers that hold it).
 */
final class ProfileDrift {
  private final Appliance a;
  private final ProfileState ps;
  private final Clock clock;
  private final Store hardware;
  private final Store profiles;
  private final Store templates;
  private int foreignCount;

  ProfileDrift(Appliance a, ProfileState ps) {
    this.a = a;
    this.ps = ps;
    this.clock = a.clock();
    this.hardware = a.hardwareStore();
    this.profiles = a.profileStore();
    this.templates = a.templateStore();
  }

  void reset() {
    foreignCount = 0;
  }

  /** Another user deletes the profile now, whatever the power state; an in-flight task ends in Error. */
  void deleteProfileAsAnotherUser(String profileUri) {
    a.locked(() -> {
      Map<String, Object> p = profiles.get(profileUri);
      if (p == null) {
        throw new IllegalArgumentException("no server profile " + profileUri);
      }
      ps.removeProfile(p);
    });
  }

  /** Another user deletes whatever profile the server carries; returns its URI, or null if none. */
  String releaseServerAsAnotherUser(String hardwareUri) {
    return a.locked(() -> {
      Map<String, Object> hw = hardware.get(hardwareUri);
      if (hw == null) {
        throw new IllegalArgumentException("no server hardware " + hardwareUri);
      }
      String profileUri = (String) hw.get("serverProfileUri");
      Map<String, Object> p = profileUri == null ? null : profiles.get(profileUri);
      if (p != null) {
        ps.removeProfile(p);
      } else if (profileUri != null) {
        ps.noProfile(hw);
      }
      return profileUri;
    });
  }

  /**
   * Another user moves the profile to another server now (type and group must match, the
   * target must be free); virtual MACs stay with the profile, physical ones follow the port.
   */
  void moveProfileAsAnotherUser(String profileUri, String hardwareUri) {
    a.locked(() -> {
      Map<String, Object> p = profiles.get(profileUri);
      if (p == null) {
        throw new IllegalArgumentException("no server profile " + profileUri);
      }
      Map<String, Object> target = hardware.get(hardwareUri);
      if (target == null) {
        throw new IllegalArgumentException("no server hardware " + hardwareUri);
      }
      if (target.get("serverProfileUri") != null) {
        throw new IllegalStateException("server hardware " + target.get("name") + " already has a profile");
      }
      if (!Objects.equals(p.get("serverHardwareTypeUri"), target.get("serverHardwareTypeUri"))
          || !Objects.equals(p.get("enclosureGroupUri"), target.get("serverGroupUri"))) {
        throw new IllegalStateException("server hardware " + target.get("name")
            + " does not match the profile's hardware type / enclosure group");
      }
      Tasks.Task running = ps.profileTask.remove(profileUri);
      if (running != null) {
        a.tasks().abort(running, "ProfileMoved", "The server profile was moved by another user.");
        ps.settle(p, "Normal");
      }
      String oldUri = (String) p.get("serverHardwareUri");
      Map<String, Object> old = oldUri == null ? null : hardware.get(oldUri);
      if (old != null && profileUri.equals(old.get("serverProfileUri"))) {
        ps.noProfile(old);
      }
      Documents.assign(p, target, a.ids());
      a.eTags().bump(p);
      target.put("serverProfileUri", profileUri);
      ps.profileApplied(target);
    });
  }

  /**
   * The appliance reports, after the profile's last task had succeeded, that applying it failed:
   * a new task in Error with {@code errorCode} becomes the profile's {@code taskUri}; the profile
   * goes {@code status} Critical, {@code state} {@code UpdateFailed}, its hardware
   * {@code ProfileError}. A later successful update or update-from-template clears it.
   */
  String failProfileAfterTheFact(String profileUri, String errorCode) {
    return a.locked(() -> {
      Map<String, Object> p = profiles.get(profileUri);
      if (p == null) {
        throw new IllegalArgumentException("no server profile " + profileUri);
      }
      String name = (String) p.get("name");
      Tasks.Task t = a.tasks().failedBySystem(TaskKind.PROFILE_UPDATE, "Apply server profile",
          "server-profiles", profileUri, name, errorCode,
          "Applying the server profile " + name + " to its server hardware failed.",
          "Unable to apply server profile: " + name);
      p.put("taskUri", t.uri);
      p.put("status", "Critical");
      p.put("state", "UpdateFailed");
      a.eTags().bump(p);
      String hwUri = (String) p.get("serverHardwareUri");
      Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
      if (hw != null) {
        hw.put("state", "ProfileError");
        a.eTags().bump(hw);
      }
      return t.uri;
    });
  }

  String assignForeignProfile(String hardwareUri) {
    return a.locked(() -> assignForeignLocked(hardwareUri));
  }

  String assignForeignLocked(String hardwareUri) {
    Map<String, Object> hw;
    if (hardwareUri == null) {
      hw = hardware.all().stream().filter(h -> h.get("serverProfileUri") == null).findFirst()
          .orElseThrow(() -> new IllegalStateException("no free server hardware"));
    } else {
      hw = hardware.get(hardwareUri);
      if (hw == null) {
        throw new IllegalStateException("no server hardware " + hardwareUri);
      }
      if (hw.get("serverProfileUri") != null) {
        throw new IllegalStateException("server hardware " + hw.get("name") + " already has a profile");
      }
    }
    String uri = "/rest/server-profiles/" + a.ids().uuid();
    Map<String, Object> body = new LinkedHashMap<>();
    String name;
    do {
      name = "foreign-profile-" + (++foreignCount);
    } while (profiles.exactlyNamed(name) != null);
    body.put("name", name);
    body.put("description", "Assigned by another OneView user");
    Map<String, Object> doc = Documents.newStoredProfile(body, uri,
        (String) hw.get("serverHardwareTypeUri"), (String) hw.get("serverGroupUri"), hw, a.ids());
    String now = Ids.timestamp(clock.instant());
    doc.put("created", now);
    doc.put("modified", now);
    doc.put("eTag", a.eTags().eTag());
    doc.put("state", "Normal");
    doc.put("status", "OK");
    doc.put("inProgress", false);
    profiles.put(doc);
    hw.put("serverProfileUri", uri);
    ps.profileApplied(hw);
    return uri;
  }
}
