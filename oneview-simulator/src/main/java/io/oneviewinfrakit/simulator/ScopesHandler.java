package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /rest/scopes} (API 300 and later): scopes and the resources in them.
 *
 * <ul>
 *   <li>{@code GET}, {@code POST} (201 with the scope; {@code addedResourceUris} and
 *       {@code initialScopeUris} as the terraform provider sends them), {@code GET/PUT/DELETE
 *       {id}}; PUT needs the current eTag in {@code If-Match} or the body (oneview-python and Ruby
 *       send {@code If-Match}), DELETE honours one when sent.
 *   <li>{@code PATCH {id}/resource-assignments} with {@code addedResourceUris} /
 *       {@code removedResourceUris}: 202 and a {@link TaskKind#SCOPE} task, whose URI also comes in
 *       {@code X-Task-Uri} as the Java SDK reads it; the membership changes when it completes.
 *   <li>{@code GET/PUT /rest/scopes/resources/<resource uri>}: the scopes of one resource.
 * </ul>
 *
 * Membership drives the {@code scopeUris} parameter of every collection. Every URI in a body must
 * name an existing resource (400 otherwise, as for any body URI).
 */
final class ScopesHandler extends ResourceHandler {
  static final int FIRST_VERSION = 300;
  private final Store store = new Store("scopes", 64);
  /** Scope eTags are per-scope revision counters. */
  private final Map<String, Long> revisions = new HashMap<>();

  ScopesHandler(Appliance a) {
    super(a);
    a.register(store);
  }

  @Override
  public void reset() {
    store.clear();
    revisions.clear();
    a.seed(store, a.inventory().documents("scopes"));
    for (Map<String, Object> scope : store.all()) {
      scope.put("eTag", "1");
      revisions.put((String) scope.get("uri"), 1L);
    }
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    if (version < FIRST_VERSION) {
      throw SimulatorException.notFound(r.path());
    }
    String m = r.method();
    if (seg.length == 2) {
      return switch (m) {
        case "GET" -> a.listings().list(r, store, version);
        case "POST" -> create(r, version);
        default -> throw Router.methodNotAllowed(m);
      };
    }
    if (seg[2].equals("resources")) {
      return scopesOfResource(r, seg, version);
    }
    Map<String, Object> scope = Listings.find(store, "/rest/scopes/" + seg[2]);
    if (seg.length == 4 && seg[3].equals("resource-assignments")) {
      Router.requireMethod(m, "PATCH");
      return assign(r, scope, version);
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    return switch (m) {
      case "GET" -> a.listings().single(r, scope, "scopes", version);
      case "PUT" -> update(r, scope, version);
      case "DELETE" -> delete(r, scope);
      default -> throw Router.methodNotAllowed(m);
    };
  }

  private String requireName(Map<String, Object> body, String selfUri) {
    String name = Appliance.string(body.get("name"));
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_NAME", "A scope name is required.");
    }
    Map<String, Object> other = store.exactlyNamed(name);
    if (other != null && !other.get("uri").equals(selfUri)) {
      throw new SimulatorException(409, "DUPLICATE_NAME", "A scope named " + name + " already exists.",
          "Scope names must be unique.", List.of("Choose a different name."));
    }
    return name;
  }

  /** The resource URIs of {@code field}, each an existing resource. */
  private List<String> resources(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return List.of();
    }
    List<Object> list = Json.list(value);
    if (list == null) {
      throw SimulatorException.badRequest("INVALID_RESOURCE_URIS", field + " must be an array of URIs.");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      String uri = Appliance.string(o);
      if (a.resource(uri) == null) {
        throw SimulatorException.badRequest("RESOURCE_NOT_FOUND",
            "The " + field + " entry " + uri + " does not name an existing resource.");
      }
      out.add(uri);
    }
    return out;
  }

  private void requireType(Map<String, Object> body, int version) {
    Object type = body.get("type");
    String expected = ApiVersions.type("scopes", version);
    if (type != null && !expected.equals(type)) {
      throw new SimulatorException(400, "INVALID_JSON_TYPE", "Invalid JSON type.",
          "The \"type\" field content, \"" + type + "\", included in this request is not valid.",
          List.of("Use type " + expected + " with X-API-Version " + version + "."), Map.of(),
          List.of(String.valueOf(type)));
    }
  }

  private ApiResponse create(ApiRequest r, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    requireType(body, version);
    String name = requireName(body, null);
    List<String> added = resources(body, "addedResourceUris");
    List<String> initial = initialScopes(body);
    String uri = "/rest/scopes/" + a.ids().uuid();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "ScopeV3");
    d.put("uri", uri);
    d.put("category", "scopes");
    d.put("name", name);
    d.put("description", body.get("description"));
    d.put("scopesUri", "/rest/scopes/resources" + uri);
    stamp(d);
    store.put(d);
    newRevision(d);
    added.forEach(res -> a.scopes.add(res, uri));
    initial.forEach(s -> a.scopes.add(uri, s));
    return ApiResponse.json(201, Documents.render(d, "scopes", version),
        Map.of("Location", uri, "ETag", (String) d.get("eTag")));
  }

  private void newRevision(Map<String, Object> scope) {
    long next = revisions.merge((String) scope.get("uri"), 1L, Long::sum);
    scope.put("eTag", Long.toString(next));
    scope.put("modified", Ids.timestamp(a.clock().instant()));
  }

  private ApiResponse update(ApiRequest r, Map<String, Object> scope, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    requireType(body, version);
    ETags.requireCurrentETag(r, body, scope);
    String uri = (String) scope.get("uri");
    String name = requireName(body, uri);
    List<String> added = resources(body, "addedResourceUris");
    List<String> removed = resources(body, "removedResourceUris");
    scope.put("name", name);
    scope.put("description", body.get("description"));
    store.put(scope);
    added.forEach(res -> a.scopes.add(res, uri));
    removed.forEach(res -> a.scopes.remove(res, uri));
    newRevision(scope);
    return ApiResponse.json(200, Documents.render(scope, "scopes", version),
        Map.of("ETag", (String) scope.get("eTag")));
  }

  private ApiResponse delete(ApiRequest r, Map<String, Object> scope) {
    if (r.header("If-Match") != null) {
      ETags.requireCurrentETag(r, Map.of(), scope);
    }
    String uri = (String) scope.get("uri");
    store.remove(uri);
    revisions.remove(uri);
    a.scopes.removeScope(uri);
    return ApiResponse.empty(204);
  }

  private ApiResponse assign(ApiRequest r, Map<String, Object> scope, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    List<String> added = resources(body, "addedResourceUris");
    List<String> removed = resources(body, "removedResourceUris");
    String uri = (String) scope.get("uri");
    String name = (String) scope.get("name");
    String failure = a.acceptedTasks().injectedFailure(TaskKind.SCOPE);
    Tasks.Task t = a.tasks().start(TaskKind.SCOPE, "Update resource assignments", "scopes", uri, name,
        "Updating resource assignments of scope " + name,
        "Updated resource assignments of scope " + name + ".", failure,
        "Simulated failure of the resource assignment task.",
        "Unable to update resource assignments of scope " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            if (store.get(uri) == null) {
              return;
            }
            added.forEach(res -> a.scopes.add(res, uri));
            removed.forEach(res -> a.scopes.remove(res, uri));
            newRevision(scope);
          }

          @Override
          public void failed() {}
        });
    ApiResponse accepted = a.acceptedTasks().accepted(r, t, version);
    Map<String, String> headers = new LinkedHashMap<>(accepted.headers());
    headers.put("X-Task-Uri", t.uri);
    return accepted.withHeaders(headers);
  }

  /** {@code /rest/scopes/resources/rest/<collection>/<id>}. */
  private ApiResponse scopesOfResource(ApiRequest r, String[] seg, int version) {
    String prefix = "/rest/scopes/resources";
    String resourceUri = r.path().substring(prefix.length());
    Map<String, Object> resource = a.resource(resourceUri);
    if (resource == null) {
      throw SimulatorException.notFound(r.path());
    }
    String m = r.method();
    if (m.equals("PUT")) {
      Map<String, Object> body = Json.parseObject(r.body());
      List<String> scopeUris = new ArrayList<>();
      List<Object> sent = Json.list(body.get("scopeUris"));
      if (sent == null) {
        throw SimulatorException.badRequest("INVALID_SCOPE_URIS", "scopeUris must be an array of URIs.");
      }
      for (Object o : sent) {
        scopeUris.add((String) Appliance.existing(store, Appliance.string(o), "scopeUris").get("uri"));
      }
      a.scopes.set(resourceUri, scopeUris);
    } else {
      Router.requireMethod(m, "GET");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "ScopedResource");
    d.put("uri", prefix + resourceUri);
    d.put("category", resource.get("category"));
    d.put("resourceUri", resourceUri);
    d.put("resourceName", resource.get("name"));
    d.put("scopeUris", a.scopes.of(resourceUri));
    return ApiResponse.json(200, d);
  }
}
