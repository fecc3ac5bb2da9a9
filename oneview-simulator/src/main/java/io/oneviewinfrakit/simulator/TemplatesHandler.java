package io.oneviewinfrakit.simulator;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /rest/server-profile-templates}: collection and single GET, {@code {id}/new-profile},
 * and create (POST), update (PUT with the current eTag) and delete, each a
 * {@link TaskKind#TEMPLATE} task after which the change shows (the Go SDK's
 * {@code CreateProfileTemplate}/{@code UpdateProfileTemplate} wait on such a task; the Java SDK's
 * fixture task-completed-delete-template.json is the delete's). The request {@code type} must be
 * the API version's, as for profiles. When an update completes, the {@code templateCompliance} of
 * every profile made from the template is worked out again.
 */
final class TemplatesHandler extends ResourceHandler {
  /** What a client cannot set: the appliance's own fields. */
  private static final Set<String> SERVER_OWNED = Set.of("uri", "category", "created", "modified",
      "eTag", "state", "status", "scopesUri", "type", "initialScopeUris");
  private final Set<String> pendingNames = new HashSet<>();

  TemplatesHandler(Appliance a) {
    super(a);
  }

  @Override
  public void reset() {
    pendingNames.clear();
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    Store templates = a.templateStore();
    String m = r.method();
    if (seg.length == 2) {
      return switch (m) {
        case "GET" -> a.listings().list(r, templates, version);
        case "POST" -> create(r, version);
        default -> throw Router.methodNotAllowed(m);
      };
    }
    String uri = "/rest/" + seg[1] + "/" + seg[2];
    if (seg.length == 4 && seg[3].equals("new-profile")) {
      Router.requireMethod(m, "GET");
      return ApiResponse.json(200, Documents.render(
          Documents.newProfile(Listings.find(templates, uri)), "server-profiles", version));
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    Map<String, Object> doc = Listings.find(templates, uri);
    return switch (m) {
      case "GET" -> a.listings().single(r, doc, templates.category, version);
      case "PUT" -> update(r, doc, version);
      case "DELETE" -> delete(r, doc, version);
      default -> throw Router.methodNotAllowed(m);
    };
  }

  private String requireName(Map<String, Object> body, String selfUri) {
    return uniqueName(body, selfUri, a.templateStore(), pendingNames, "server profile template",
        "Server profile template");
  }

  /** The template as it would be stored, checked against the hardware types, groups and networks. */
  private Map<String, Object> build(Map<String, Object> body, String uri, int version) {
    ApiVersions.requireRequestType("server-profile-templates", body.get("type"), version);
    String typeUri = Appliance.blankToNull(Appliance.string(body.get("serverHardwareTypeUri")));
    if (typeUri == null) {
      throw SimulatorException.badRequest("INVALID_SERVER_HARDWARE_TYPE",
          "A server profile template needs a serverHardwareTypeUri.");
    }
    Appliance.existing(a.hardwareTypeStore(), typeUri, "serverHardwareTypeUri");
    String groupUri = Appliance.blankToNull(Appliance.string(body.get("enclosureGroupUri")));
    if (groupUri != null) {
      Appliance.existing(a.enclosureGroupStore(), groupUri, "enclosureGroupUri");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "ServerProfileTemplateV1");
    d.put("uri", uri);
    for (Map.Entry<String, Object> e : Json.copy(body).entrySet()) {
      if (!SERVER_OWNED.contains(e.getKey())) {
        d.put(e.getKey(), e.getValue());
      }
    }
    d.putIfAbsent("description", "");
    d.putIfAbsent("serverProfileDescription", "");
    d.put("enclosureGroupUri", groupUri);
    Documents.normaliseConnections(d);
    a.profileState().validateSections(d, null);
    d.put("category", "server-profile-templates");
    d.put("status", "OK");
    d.put("state", null);
    d.put("scopesUri", "/rest/scopes/resources" + uri);
    return d;
  }

  private ApiResponse create(ApiRequest r, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    String name = requireName(body, null);
    String uri = "/rest/server-profile-templates/" + a.ids().uuid();
    Map<String, Object> doc = build(body, uri, version);
    List<String> scopes = initialScopes(body);
    pendingNames.add(name);
    String failure = a.acceptedTasks().injectedFailure(TaskKind.TEMPLATE);
    Tasks.Task t = a.tasks().start(TaskKind.TEMPLATE, "Create", "server-profile-templates", uri, name,
        "Creating server profile template: " + name, "Created server profile template: " + name + ".",
        failure, "Simulated failure of the create task.",
        "Unable to create server profile template: " + name,
        creation(pendingNames, name, doc, a.templateStore(), scopes));
    return a.acceptedTasks().accepted(r, t, version);
  }

  private ApiResponse update(ApiRequest r, Map<String, Object> current, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    String uri = (String) current.get("uri");
    ETags.requireUpdateOf(r, body, current);
    String name = requireName(body, uri);
    Map<String, Object> doc = build(body, uri, version);
    doc.put("created", current.get("created"));
    String failure = a.acceptedTasks().injectedFailure(TaskKind.TEMPLATE);
    Tasks.Task t = a.tasks().start(TaskKind.TEMPLATE, "Update", "server-profile-templates", uri, name,
        "Updating server profile template: " + name, "Updated server profile template: " + name + ".",
        failure, "Simulated failure of the update task.",
        "Unable to update server profile template: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            if (a.templateStore().get(uri) == null) {
              return;
            }
            doc.put("eTag", a.eTags().eTag());
            doc.put("modified", Ids.timestamp(a.clock().instant()));
            a.templateStore().put(doc);
            for (Map<String, Object> p : a.profileStore().all()) {
              if (uri.equals(p.get("serverProfileTemplateUri"))) {
                String compliance = ProfileRules.compliance(p, doc);
                if (!compliance.equals(p.get("templateCompliance"))) {
                  p.put("templateCompliance", compliance);
                  a.eTags().bump(p);
                }
              }
            }
          }

          @Override
          public void failed() {}
        });
    return a.acceptedTasks().accepted(r, t, version);
  }

  /**
   * Refused (409 {@code RESOURCE_IN_USE}) while a server profile is made from the template: the
   * profiles would keep pointing at nothing.
   */
  private ApiResponse delete(ApiRequest r, Map<String, Object> doc, int version) {
    String uri = (String) doc.get("uri");
    String name = (String) doc.get("name");
    for (Map<String, Object> p : a.profileStore().all()) {
      if (uri.equals(p.get("serverProfileTemplateUri"))) {
        throw SimulatorException.conflict("RESOURCE_IN_USE", "The server profile template " + name
            + " is in use by the server profile " + p.get("name") + " (" + p.get("uri") + ").");
      }
    }
    String failure = a.acceptedTasks().injectedFailure(TaskKind.TEMPLATE);
    Tasks.Task t = a.tasks().start(TaskKind.TEMPLATE, "Delete", "server-profile-templates", uri, name,
        "Deleting server profile template: " + name, "Deleted server profile template: " + name + ".",
        failure, "Simulated failure of the delete task.",
        "Unable to delete server profile template: " + name,
        AcceptedTasks.whenCompleted(() -> a.templateStore().remove(uri)));
    return a.acceptedTasks().accepted(r, t, version);
  }
}
