package io.oneviewinfrakit.simulator;

import static io.oneviewinfrakit.simulator.AcceptedTasks.noOutcome;
import static io.oneviewinfrakit.simulator.Appliance.blankToNull;
import static io.oneviewinfrakit.simulator.Appliance.existing;
import static io.oneviewinfrakit.simulator.Appliance.string;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code PUT} and {@code PATCH /rest/server-profiles/{id}}: an edited profile, perhaps moved to other
 * hardware, or one brought back in line with its template, each applied by an Update task that puts
 * the previous profile back when it fails.
 */
final class ProfileUpdate {
  private final Appliance a;
  private final ProfileState ps;
  private final Clock clock;
  private final Store hardware;
  private final Store profiles;
  private final Store templates;

  ProfileUpdate(Appliance a, ProfileState ps) {
    this.a = a;
    this.ps = ps;
    this.clock = a.clock();
    this.hardware = a.hardwareStore();
    this.profiles = a.profileStore();
    this.templates = a.templateStore();
  }

  ApiResponse update(ApiRequest r, Map<String, Object> current, int version) {
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
      ps.removingProfile(oldHw);
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

  /**
   * {@code PATCH /rest/server-profiles/{id}}: only "update from template"
   * ({@code replace /templateCompliance Compliant}, oneview-ansible), run as an update task that
   * copies every section the template manages into the profile. From API 300 the body must be
   * sent as {@code application/json-patch+json}, as oneview-python does.
   */
  ApiResponse patch(ApiRequest r, Map<String, Object> current, int version) {
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
