package io.oneviewinfrakit.simulator;

import static io.oneviewinfrakit.simulator.AcceptedTasks.noOutcome;
import static io.oneviewinfrakit.simulator.Appliance.blankToNull;
import static io.oneviewinfrakit.simulator.Appliance.existing;
import static io.oneviewinfrakit.simulator.Appliance.string;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /rest/server-profiles}: checks a new profile against its hardware, type, group and
 * template, then stores it and starts the Create task that applies it (or the task OneView fails when
 * the hardware is taken or unhealthy).
 */
final class ProfileCreate {
  private final Appliance a;
  private final ProfileState ps;
  private final Clock clock;
  private final Store hardware;
  private final Store profiles;
  private final Store templates;
  private final Store hardwareTypes;
  private final Store enclosureGroups;

  ProfileCreate(Appliance a, ProfileState ps) {
    this.a = a;
    this.ps = ps;
    this.clock = a.clock();
    this.hardware = a.hardwareStore();
    this.profiles = a.profileStore();
    this.templates = a.templateStore();
    this.hardwareTypes = a.hardwareTypeStore();
    this.enclosureGroups = a.enclosureGroupStore();
  }

  ApiResponse create(ApiRequest r, int version) {
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
}
