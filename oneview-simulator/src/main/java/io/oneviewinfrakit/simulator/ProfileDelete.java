package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DELETE /rest/server-profiles/{id}} and {@code DELETE /rest/server-profiles?filter=...}: the
 * Delete task that removes profiles and frees their hardware, refused while a profile is being
 * changed (unless forced) or sits on powered-on hardware.
 */
final class ProfileDelete {
  private final Appliance a;
  private final ProfileState ps;
  private final Store hardware;
  private final Store profiles;

  ProfileDelete(Appliance a, ProfileState ps) {
    this.a = a;
    this.ps = ps;
    this.hardware = a.hardwareStore();
    this.profiles = a.profileStore();
  }

  ApiResponse delete(ApiRequest r, Map<String, Object> current, int version) {
    String uri = (String) current.get("uri");
    String name = (String) current.get("name");
    boolean force = "true".equalsIgnoreCase(r.query().first("force"));
    Tasks.Task running = ps.profileTask.get(uri);
    if (running != null && !force) {
      throw SimulatorException.conflict("ProfileInTransitoryState",
          "The server profile " + name + " is being changed by another task; use force=true to delete it anyway.");
    }
    Map<String, Object> hw = hardwareOf(current);
    if (hw != null) {
      ProfileState.requirePoweredOff(hw, "remove a server profile from");
    }
    if (running != null) {
      a.tasks().abort(running, "ProfileDeleted", "The server profile was deleted with force=true.");
      ps.profileVisibleAt.remove(uri);
    }
    String previousState = running != null ? "Normal" : (String) current.get("state");
    current.put("state", "Deleting");
    current.put("inProgress", true);
    a.eTags().bump(current);
    if (hw != null) {
      ps.removingProfile(hw);
    }
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.PROFILE_DELETE);
    Tasks.Task t = a.tasks().start(TaskKind.PROFILE_DELETE, "Delete", "server-profiles", uri, name,
        "Deleting server profile: " + name, "Deleted server profile: " + name + ".", errorCode,
        "Simulated failure of the delete task.", "Unable to delete server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            ps.profileTask.remove(uri);
            profiles.remove(uri);
            if (hw != null && uri.equals(hw.get("serverProfileUri"))) {
              ps.noProfile(hw);
            }
          }

          @Override
          public void failed() {
            ps.profileTask.remove(uri);
            ps.settle(current, previousState == null ? "Normal" : previousState);
            if (hw != null) {
              ps.profileApplied(hw);
            }
          }
        });
    current.put("taskUri", t.uri);
    ps.profileTask.put(uri, t);
    return a.acceptedTasks().accepted(r, t, version);
  }

  /**
   * {@code DELETE /rest/server-profiles?filter=...} (REST reference p.67): one Delete task for every
   * visible profile selected, refused as a whole (nothing deleted) if any of them is being changed
   * by a task or sits on powered-on hardware, as the single delete would be.
   */
  ApiResponse deleteMatching(ApiRequest r, int version) {
    CollectionQuery q = CollectionQuery.parse(r.query());
    if (!q.selects()) {
      throw SimulatorException.badRequest("INVALID_FILTER",
          "Deleting from server-profiles needs a filter naming what to delete.");
    }
    List<Map<String, Object>> visibleProfiles = new ArrayList<>();
    profiles.all().forEach(p -> {
      if (ps.visible(p)) {
        visibleProfiles.add(p);
      }
    });
    List<Map<String, Object>> matches = q.select(visibleProfiles);
    for (Map<String, Object> p : matches) {
      if (ps.profileTask.containsKey((String) p.get("uri"))) {
        throw SimulatorException.conflict("ProfileInTransitoryState",
            "The server profile " + p.get("name") + " is being changed by another task.");
      }
      Map<String, Object> hw = hardwareOf(p);
      if (hw != null) {
        ProfileState.requirePoweredOff(hw, "remove a server profile from");
      }
    }
    Map<String, String> previousStates = new HashMap<>();
    for (Map<String, Object> p : matches) {
      previousStates.put((String) p.get("uri"), (String) p.get("state"));
      p.put("state", "Deleting");
      p.put("inProgress", true);
      a.eTags().bump(p);
      Map<String, Object> hw = hardwareOf(p);
      if (hw != null) {
        ps.removingProfile(hw);
      }
    }
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.PROFILE_DELETE);
    Tasks.Task t = a.tasks().start(TaskKind.PROFILE_DELETE, "Delete", "server-profiles", null, null,
        "Deleting " + matches.size() + " server profiles", "Deleted " + matches.size()
            + " server profiles.", errorCode, "Simulated failure of the delete task.",
        "Unable to delete server profiles",
        new Tasks.Outcome() {
          @Override
          public void completed() {
            for (Map<String, Object> p : matches) {
              String uri = (String) p.get("uri");
              ps.profileTask.remove(uri);
              if (profiles.get(uri) == p) {
                ps.removeProfile(p);
              }
            }
          }

          @Override
          public void failed() {
            for (Map<String, Object> p : matches) {
              String uri = (String) p.get("uri");
              ps.profileTask.remove(uri);
              String previous = previousStates.get(uri);
              ps.settle(p, previous == null ? "Normal" : previous);
              Map<String, Object> hw = hardwareOf(p);
              if (hw != null) {
                ps.profileApplied(hw);
              }
            }
          }
        });
    for (Map<String, Object> p : matches) {
      p.put("taskUri", t.uri);
      ps.profileTask.put((String) p.get("uri"), t);
    }
    return a.acceptedTasks().accepted(r, t, version);
  }

  /** The server hardware {@code profile} sits on, or null. */
  private Map<String, Object> hardwareOf(Map<String, Object> profile) {
    String hwUri = (String) profile.get("serverHardwareUri");
    return hwUri == null ? null : hardware.get(hwUri);
  }
}
