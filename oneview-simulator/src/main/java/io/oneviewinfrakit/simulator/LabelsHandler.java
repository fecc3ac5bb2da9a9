package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /rest/labels} (API 200 and later), as oneview-api.md §3.6 describes:
 *
 * <ul>
 *   <li>{@code GET /rest/labels}: the labels some resource carries (a label no resource carries any
 *       more is gone), with {@code namePrefix} and repeated {@code category} besides the usual
 *       parameters; {@code GET /rest/labels/{id}}.
 *   <li>{@code POST /rest/labels/resources} with {@code {resourceUri, labels}} and
 *       {@code PUT /rest/labels/resources/<resource uri>} with {@code {labels}} set all the labels
 *       of a resource and answer its ResourceLabels document (fixture
 *       oneview-redfish-toolkit/resource-labels.json); labels are names or {@code {name, uri}}
 *       objects, a new one with {@code uri} null. {@code GET} reads them, {@code DELETE} removes
 *       them all (204).
 * </ul>
 */
final class LabelsHandler extends ResourceHandler {
  private static final String RESOURCES = "/rest/labels/resources";
  private final Store labels = new Store("labels", 64);
  /** Label URIs of each resource, in the order given. */
  private final Map<String, Set<String>> labelsOf = new LinkedHashMap<>();
  /** ResourceLabels metadata of each labelled resource: created, modified, eTag. */
  private final Map<String, Map<String, Object>> resourceMeta = new LinkedHashMap<>();
  private long nextId;

  LabelsHandler(Appliance a) {
    super(a);
  }

  @Override
  public void reset() {
    labels.clear();
    labelsOf.clear();
    resourceMeta.clear();
    nextId = 0;
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    String m = r.method();
    if (seg.length == 2) {
      Router.requireMethod(m, "GET");
      return list(r, version);
    }
    if (seg[2].equals("resources")) {
      if (seg.length == 3) {
        Router.requireMethod(m, "POST");
        Map<String, Object> body = Json.parseObject(r.body());
        return assign(Appliance.string(body.get("resourceUri")), body, version);
      }
      String resourceUri = r.path().substring(RESOURCES.length());
      return switch (m) {
        case "GET" -> ApiResponse.json(200, resourceLabels(existingResource(resourceUri)));
        case "PUT" -> assign(resourceUri, Json.parseObject(r.body()), version);
        case "DELETE" -> {
          existingResource(resourceUri);
          labelsOf.remove(resourceUri);
          resourceMeta.remove(resourceUri);
          dropUnused();
          yield ApiResponse.empty(204);
        }
        default -> throw Router.methodNotAllowed(m);
      };
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    Router.requireMethod(m, "GET");
    return a.listings().single(r, Listings.find(labels, "/rest/labels/" + seg[2]), "labels", version);
  }

  private ApiResponse list(ApiRequest r, int version) {
    String prefix = r.query().first("namePrefix");
    List<String> categories = r.query().all("category");
    List<Map<String, Object>> shown = new ArrayList<>();
    for (Map<String, Object> label : labels.all()) {
      String name = (String) label.get("name");
      if (prefix != null && !name.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (!categories.isEmpty() && !usedIn(label, categories)) {
        continue;
      }
      shown.add(label);
    }
    return a.listings().page(r, CollectionQuery.parse(r.query()), "labels", shown, labels.pageCap, version);
  }

  private boolean usedIn(Map<String, Object> label, List<String> categories) {
    for (Map.Entry<String, Set<String>> e : labelsOf.entrySet()) {
      if (e.getValue().contains(label.get("uri"))) {
        Map<String, Object> resource = a.resource(e.getKey());
        if (resource != null && categories.contains(resource.get("category"))) {
          return true;
        }
      }
    }
    return false;
  }

  private Map<String, Object> existingResource(String resourceUri) {
    Map<String, Object> resource = a.resource(resourceUri);
    if (resource == null) {
      throw SimulatorException.notFound(resourceUri);
    }
    return resource;
  }

  private ApiResponse assign(String resourceUri, Map<String, Object> body, int version) {
    if (resourceUri == null || a.resource(resourceUri) == null) {
      // A body URI naming a missing resource is 400, not 404 (REST reference p.773).
      throw SimulatorException.badRequest("RESOURCE_NOT_FOUND",
          "The resourceUri " + resourceUri + " does not name an existing resource.");
    }
    List<Object> sent = Json.list(body.get("labels"));
    if (sent == null) {
      throw SimulatorException.badRequest("INVALID_LABELS", "labels must be an array of names or {name, uri} objects.");
    }
    Set<String> uris = new LinkedHashSet<>();
    for (Object o : sent) {
      uris.add(labelUri(o));
    }
    labelsOf.put(resourceUri, uris);
    String now = Ids.timestamp(a.clock().instant());
    Map<String, Object> meta = resourceMeta.computeIfAbsent(resourceUri, k -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("created", now);
      m.put("eTag", 0L);
      return m;
    });
    meta.put("modified", now);
    meta.put("eTag", (Long) meta.get("eTag") + 1);
    dropUnused();
    return ApiResponse.json(200, resourceLabels(a.resource(resourceUri)));
  }

  /** The URI of a label given by name or {@code {name, uri}}, creating it when new. */
  private String labelUri(Object label) {
    String name;
    String uri = null;
    if (label instanceof String s) {
      name = s;
    } else if (Json.map(label) != null) {
      Map<String, Object> m = Json.map(label);
      name = Appliance.string(m.get("name"));
      uri = Appliance.blankToNull(Appliance.string(m.get("uri")));
    } else {
      name = null;
    }
    if (uri != null) {
      Map<String, Object> existing = labels.get(uri);
      if (existing == null || name != null && !name.equals(existing.get("name"))) {
        throw SimulatorException.badRequest("RESOURCE_NOT_FOUND",
            "The label uri " + uri + " does not name an existing label" + (name == null ? "." : " called " + name + "."));
      }
      return uri;
    }
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_LABEL", "A label needs a name.");
    }
    Map<String, Object> existing = labels.exactlyNamed(name);
    if (existing != null) {
      return (String) existing.get("uri");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "Label");
    d.put("uri", "/rest/labels/" + (++nextId));
    d.put("category", "labels");
    d.put("name", name);
    stamp(d);
    labels.put(d);
    return (String) d.get("uri");
  }

  /** Labels no existing resource carries any more disappear, as on the appliance. */
  private void dropUnused() {
    labelsOf.keySet().removeIf(resource -> a.resource(resource) == null);
    Set<String> used = new LinkedHashSet<>();
    labelsOf.values().forEach(used::addAll);
    for (Map<String, Object> label : new ArrayList<>(labels.all())) {
      if (!used.contains(label.get("uri"))) {
        labels.remove((String) label.get("uri"));
      }
    }
  }

  private Map<String, Object> resourceLabels(Map<String, Object> resource) {
    String resourceUri = (String) resource.get("uri");
    Map<String, Object> meta = resourceMeta.getOrDefault(resourceUri, Map.of());
    List<Object> list = new ArrayList<>();
    for (String uri : labelsOf.getOrDefault(resourceUri, Set.of())) {
      Map<String, Object> label = labels.get(uri);
      if (label != null) {
        list.add(Json.obj("uri", uri, "name", label.get("name")));
      }
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "ResourceLabels");
    d.put("uri", RESOURCES + resourceUri);
    d.put("resourceUri", resourceUri);
    d.put("category", resource.get("category"));
    d.put("labels", list);
    d.put("eTag", meta.containsKey("eTag") ? String.valueOf(meta.get("eTag")) : null);
    d.put("created", meta.get("created"));
    d.put("modified", meta.get("modified"));
    return d;
  }
}
