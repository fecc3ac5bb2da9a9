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
 * {@code /rest/server-profiles}: list, get, create, update (PUT), update from template (PATCH),
 * delete, and delete-by-filter, each change a task that moves the profile and its server hardware
 * through OneView's states (see {@link ProfileState}).
 */
final class ProfilesHandler implements Appliance.RestExtension {
  private final Appliance a;
  private final ProfileState ps;
  private final Clock clock;
  private final Store hardware;
  private final Store profiles;
  private final Store templates;
  private final Store hardwareTypes;
  private final Store enclosureGroups;

  ProfilesHandler(Appliance a, ProfileState ps) {
    this.a = a;
    this.ps = ps;
    this.clock = a.clock();
    this.hardware = a.hardwareStore();
    this.profiles = a.profileStore();
    this.templates = a.templateStore();
    this.hardwareTypes = a.hardwareTypeStore();
    this.enclosureGroups = a.enclosureGroupStore();
  }

  /** Whether {@code force} (a comma list, Go's ForceFlag) lets a profile onto unhealthy hardware. */
  private static boolean ignoresServerHealth(ApiRequest r) {
    String force = r.query().first("force");
    if (force == null) {
      return false;
    }
    for (String flag : force.split(",")) {
      String f = flag.trim().replace("\"", "");
      if (f.equalsIgnoreCase("ignoreServerHealth") || f.equalsIgnoreCase("all") || f.equalsIgnoreCase("true")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    String m = r.method();
    if (seg.length == 2) {
      return switch (m) {
        case "POST" -> createProfile(r, version);
        case "DELETE" -> deleteProfilesMatching(r, version);
        case "GET" -> a.listings().list(r, profiles, version);
        default -> throw methodNotAllowed(m);
      };
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    Map<String, Object> p = ps.visibleProfile("/rest/server-profiles/" + seg[2]);
    return switch (m) {
      case "GET" -> a.listings().single(r, p, "server-profiles", version);
      case "PUT" -> updateProfile(r, p, version);
      case "PATCH" -> patchProfile(r, p, version);
      case "DELETE" -> deleteProfile(r, p, version);
      default -> throw methodNotAllowed(m);
    };
  }

  private ApiResponse createProfile(ApiRequest r, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    ApiVersions.requireRequestType("server-profiles", body.get("type"), version);
    String name = string(body.get("name"));
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_NAME", "A server profile name is required.");
    }
    ps.requireUniqueName(name, null);
    List<String> initialScopes = a.initialScopes(body);
    String templateUri = blankToNull(string(body.get("serverProfileTemplateUri")));
    Map<String, Object> template = templateUri == null ? null : existing(templates, templateUri,
        "serverProfileTemplateUri");
    String hwUri = blankToNull(string(body.get("serverHardwareUri")));
    Map<String, Object> hw = hwUri == null ? null : existing(hardware, hwUri, "serverHardwareUri");
    String typeUri = blankToNull(string(body.get("serverHardwareTypeUri")));
    String groupUri = blankToNull(string(body.get("enclosureGroupUri")));
    if (hw != null) {
      typeUri = typeUri == null ? (String) hw.get("serverHardwareTypeUri") : typeUri;
      groupUri = groupUri == null ? (String) hw.get("serverGroupUri") : groupUri;
      ProfileState.requireCompatible(hw, typeUri, groupUri, "the profile");
      if (template != null) {
        ProfileState.requireCompatible(hw, (String) template.get("serverHardwareTypeUri"),
            (String) template.get("enclosureGroupUri"), "the template " + template.get("name"));
      }
    } else if (typeUri == null) {
      throw SimulatorException.badRequest("INVALID_SERVER_HARDWARE_TYPE",
          "An unassigned server profile needs a serverHardwareTypeUri.");
    }
    existing(hardwareTypes, typeUri, "serverHardwareTypeUri");
    if (groupUri != null) {
      existing(enclosureGroups, groupUri, "enclosureGroupUri");
    }
    Map<String, Object> probe = Json.copy(body);
    Documents.normaliseConnections(probe);
    ps.validateSections(probe, template);
    if (hw != null && a.faults() != null && hw.get("serverProfileUri") == null
        && a.faults().takeStealNextCreate()) {
      a.drift().assignForeignLocked((String) hw.get("uri"));
    }
    if (hw != null && hw.get("serverProfileUri") == null) {
      ProfileState.requirePoweredOff(hw, "assign a server profile to");
    }
    Instant now = clock.instant();
    if (hw != null && hw.get("serverProfileUri") != null) {
      // OneView accepts the request and fails its task: the race between two clients picking the
      // same free server is only detected when the appliance applies the profile.
      Tasks.Task t = a.tasks().start(TaskKind.PROFILE_CREATE, "Create", "server-profiles", null, null,
          "Creating server profile: " + name, "", "ProfileAlreadyExistsInServer",
          "A profile is already assigned to the server hardware {\"name\":\"" + hw.get("name")
              + "\", \"uri\":\"" + hw.get("uri") + "\"}.",
          "Unable to create server profile: " + name, noOutcome());
      return a.acceptedTasks().accepted(r, t, version);
    }
    if (hw != null && !"OK".equals(hw.get("status")) && !ignoresServerHealth(r)) {
      // The appliance runs the task and fails it (oneview-ansible #483); the message is the one
      // terraform-provider-oneview #548 quotes, the errorCode is our guess. force=ignoreServerHealth
      // (or all / true) lets it through.
      Tasks.Task t = a.tasks().start(TaskKind.PROFILE_CREATE, "Create", "server-profiles", null, null,
          "Creating server profile: " + name, "", "ServerHardwareHealthNotOK",
          "The selected server hardware has health status other than \"OK\". Select a different"
              + " server hardware with a healthy status or address the alerts on the server hardware"
              + " before proceeding.",
          "Unable to create server profile: " + name, noOutcome());
      return a.acceptedTasks().accepted(r, t, version);
    }
    String uri = "/rest/server-profiles/" + a.ids().uuid();
    Map<String, Object> doc = Documents.newStoredProfile(body, uri, typeUri, groupUri, hw, a.ids());
    doc.put("templateCompliance", ProfileRules.compliance(doc, template));
    String timestamp = Ids.timestamp(now);
    doc.put("created", timestamp);
    doc.put("modified", timestamp);
    doc.put("eTag", a.eTags().eTag());
    doc.put("state", "Creating");
    doc.put("status", "OK");
    doc.put("inProgress", true);
    profiles.put(doc);
    initialScopes.forEach(scope -> a.scopes.add(uri, scope));
    ps.profileVisibleAt.put(uri, now.plus(ps.listingLag));
    if (hw != null) {
      ps.applyingProfile(hw, uri);
    }
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.PROFILE_CREATE);
    Tasks.Task t = a.tasks().start(TaskKind.PROFILE_CREATE, "Create", "server-profiles", uri, name,
        "Creating server profile: " + name, "Created server profile: " + name + ".", errorCode,
        "Simulated failure of the create task.", "Unable to create server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            ps.profileVisibleAt.remove(uri);
            ps.profileTask.remove(uri);
            ps.settle(doc, "Normal");
            if (hw != null) {
              ps.profileApplied(hw);
            }
          }

          @Override
          public void failed() {
            ps.profileTask.remove(uri);
            ps.profileVisibleAt.remove(uri);
            profiles.remove(uri);
            if (hw != null) {
              ps.noProfile(hw);
            }
          }
        });
    doc.put("taskUri", t.uri);
    ps.profileTask.put(uri, t);
    return a.acceptedTasks().accepted(r, t, version);
  }

  private ApiResponse updateProfile(ApiRequest r, Map<String, Object> current, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    ApiVersions.requireRequestType("server-profiles", body.get("type"), version);
    String uri = (String) current.get("uri");
    ETags.requireUpdateOf(r, body, current);
    if (Boolean.TRUE.equals(current.get("inProgress"))) {
      throw SimulatorException.conflict("ProfileInTransitoryState",
          "The server profile " + current.get("name") + " is being changed by another task.");
    }
    String name = string(body.get("name"));
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_NAME", "A server profile name is required.");
    }
    ps.requireUniqueName(name, uri);
    String oldHwUri = (String) current.get("serverHardwareUri");
    String newHwUri = blankToNull(string(body.get("serverHardwareUri")));
    Map<String, Object> oldHw = oldHwUri == null ? null : hardware.get(oldHwUri);
    Map<String, Object> newHw = newHwUri == null ? null : existing(hardware, newHwUri, "serverHardwareUri");
    String typeUri = Objects.requireNonNullElse(blankToNull(string(body.get("serverHardwareTypeUri"))),
        (String) current.get("serverHardwareTypeUri"));
    String groupUri = body.containsKey("enclosureGroupUri")
        ? blankToNull(string(body.get("enclosureGroupUri"))) : (String) current.get("enclosureGroupUri");
    boolean moving = !Objects.equals(oldHwUri, newHwUri);
    if (newHw != null) {
      ProfileState.requireCompatible(newHw, typeUri, groupUri, "the profile");
    }
    Map<String, Object> probe = Documents.merged(body, current);
    String templateUri = blankToNull(string(probe.get("serverProfileTemplateUri")));
    Map<String, Object> template = templateUri == null ? null
        : existing(templates, templateUri, "serverProfileTemplateUri");
    ps.validateSections(probe, template);
    if (moving) {
      if (oldHw != null) {
        ProfileState.requirePoweredOff(oldHw, "remove a server profile from");
      }
      if (newHw != null) {
        ProfileState.requirePoweredOff(newHw, "assign a server profile to");
      }
    }
    if (moving && newHw != null && newHw.get("serverProfileUri") != null) {
      Tasks.Task t = a.tasks().start(TaskKind.PROFILE_UPDATE, "Update", "server-profiles", uri, name,
          "Updating server profile: " + name, "", "ProfileAlreadyExistsInServer",
          "A profile is already assigned to the server hardware {\"name\":\"" + newHw.get("name")
              + "\", \"uri\":\"" + newHw.get("uri") + "\"}.",
          "Unable to update server profile: " + name, noOutcome());
      return a.acceptedTasks().accepted(r, t, version);
    }
    Map<String, Object> previous = Json.copy(current);
    Map<String, Object> doc = Documents.updatedProfile(body, current, typeUri, groupUri, newHw, a.ids());
    doc.put("templateCompliance", ProfileRules.compliance(doc, template));
    doc.put("modified", Ids.timestamp(clock.instant()));
    doc.put("eTag", a.eTags().eTag());
    doc.put("state", "Updating");
    doc.put("inProgress", true);
    profiles.put(doc);
    if (moving && oldHw != null) {
      oldHw.put("state", "RemovingProfile");
      oldHw.put("powerLock", true);
      a.eTags().bump(oldHw);
    }
    if (moving && newHw != null) {
      ps.applyingProfile(newHw, uri);
    }
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.PROFILE_UPDATE);
    Tasks.Task t = a.tasks().start(TaskKind.PROFILE_UPDATE, "Update", "server-profiles", uri, name,
        "Updating server profile: " + name, "Updated server profile: " + name + ".", errorCode,
        "Simulated failure of the update task.", "Unable to update server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            ps.profileTask.remove(uri);
            ps.settle(doc, "Normal");
            if (moving && oldHw != null) {
              ps.noProfile(oldHw);
            }
            if (newHw != null) {
              ps.profileApplied(newHw);
            }
          }

          @Override
          public void failed() {
            ps.restore(previous, doc.get("taskUri"));
            if (moving && newHw != null) {
              ps.noProfile(newHw);
            }
            if (moving && oldHw != null) {
              oldHw.put("serverProfileUri", uri);
              ps.profileApplied(oldHw);
            }
          }
        });
    doc.put("taskUri", t.uri);
    ps.profileTask.put(uri, t);
    return a.acceptedTasks().accepted(r, t, version);
  }

  private ApiResponse deleteProfile(ApiRequest r, Map<String, Object> current, int version) {
    String uri = (String) current.get("uri");
    String name = (String) current.get("name");
    boolean force = "true".equalsIgnoreCase(r.query().first("force"));
    Tasks.Task running = ps.profileTask.get(uri);
    if (running != null && !force) {
      throw SimulatorException.conflict("ProfileInTransitoryState",
          "The server profile " + name + " is being changed by another task; use force=true to delete it anyway.");
    }
    String hwUri = (String) current.get("serverHardwareUri");
    Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
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
      hw.put("state", "RemovingProfile");
      hw.put("powerLock", true);
      a.eTags().bump(hw);
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
  private ApiResponse deleteProfilesMatching(ApiRequest r, int version) {
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
      Map<String, Object> hw = p.get("serverHardwareUri") == null ? null
          : hardware.get((String) p.get("serverHardwareUri"));
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
      Map<String, Object> hw = p.get("serverHardwareUri") == null ? null
          : hardware.get((String) p.get("serverHardwareUri"));
      if (hw != null) {
        hw.put("state", "RemovingProfile");
        hw.put("powerLock", true);
        a.eTags().bump(hw);
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
              Map<String, Object> hw = p.get("serverHardwareUri") == null ? null
                  : hardware.get((String) p.get("serverHardwareUri"));
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

  /**
   * {@code PATCH /rest/server-profiles/{id}}: only "update from template"
   * ({@code replace /templateCompliance Compliant}, oneview-ansible), run as an update task that
   * copies every section the template manages into the profile. From API 300 the body must be
   * sent as {@code application/json-patch+json}, as oneview-python does.
   */
  private ApiResponse patchProfile(ApiRequest r, Map<String, Object> current, int version) {
    String contentType = r.header("Content-Type");
    if (version >= 300 && (contentType == null
        || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json-patch+json"))) {
      throw new SimulatorException(415, "UNSUPPORTED_MEDIA_TYPE",
          "PATCH requests need Content-Type application/json-patch+json (got " + contentType + ").",
          "", List.of("Send the JSON Patch with Content-Type application/json-patch+json."));
    }
    Object parsed = Json.parse(r.body());
    if (!(parsed instanceof List<?> ops) || ops.isEmpty()) {
      throw SimulatorException.badRequest("INVALID_PATCH", "The body must be a non-empty JSON Patch array.");
    }
    for (Object o : ops) {
      Map<String, Object> op = Json.map(o);
      if (op == null || !"replace".equals(op.get("op")) || !"/templateCompliance".equals(op.get("path"))
          || !"Compliant".equals(op.get("value"))) {
        throw SimulatorException.badRequest("INVALID_PATCH",
            "Only [{\"op\":\"replace\",\"path\":\"/templateCompliance\",\"value\":\"Compliant\"}]"
                + " (update from template) is supported on server profiles.");
      }
    }
    String ifMatch = r.header("If-Match");
    if (ifMatch != null) {
      ETags.requireCurrentETag(r, Map.of(), current);
    }
    String uri = (String) current.get("uri");
    String name = (String) current.get("name");
    if (Boolean.TRUE.equals(current.get("inProgress"))) {
      throw SimulatorException.conflict("ProfileInTransitoryState",
          "The server profile " + name + " is being changed by another task.");
    }
    Map<String, Object> template = ps.templateOf(current);
    if (template == null) {
      throw SimulatorException.badRequest("PROFILE_NOT_FROM_TEMPLATE",
          "The server profile " + name + " is not associated with a server profile template.");
    }
    String hwUri = (String) current.get("serverHardwareUri");
    Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
    Map<String, Object> previous = Json.copy(current);
    ProfileRules.applyTemplate(current, template);
    Documents.assign(current, hw, a.ids());
    current.put("state", "Updating");
    current.put("inProgress", true);
    a.eTags().bump(current);
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.PROFILE_UPDATE);
    Tasks.Task t = a.tasks().start(TaskKind.PROFILE_UPDATE, "Update", "server-profiles", uri, name,
        "Updating server profile from template: " + name, "Updated server profile from template: "
            + name + ".", errorCode, "Simulated failure of the update task.",
        "Unable to update server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            ps.profileTask.remove(uri);
            current.put("templateCompliance", ProfileRules.compliance(current, template));
            ps.settle(current, "Normal");
            if (hw != null) {
              ps.profileApplied(hw);
            }
          }

          @Override
          public void failed() {
            ps.restore(previous, current.get("taskUri"));
          }
        });
    current.put("taskUri", t.uri);
    ps.profileTask.put(uri, t);
    return a.acceptedTasks().accepted(r, t, version);
  }
}
