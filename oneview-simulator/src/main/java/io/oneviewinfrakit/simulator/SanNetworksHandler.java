package io.oneviewinfrakit.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fibre Channel and FCoE networks: collection and single GET, POST, PUT (eTag) and DELETE, each
 * change a {@link TaskKind#NETWORK} task after which the change shows (as for Ethernet networks),
 * and delete-by-filter. A network a profile or template connection uses cannot be deleted.
 */
abstract class SanNetworksHandler extends ResourceHandler {
  final Store store;
  private final String what;
  private final String inventoryKey;
  /** Names whose create task is still running. */
  private final Set<String> pendingNames = new HashSet<>();

  SanNetworksHandler(Appliance a, String category, String what, String inventoryKey) {
    super(a);
    this.store = new Store(category, 64);
    this.what = what;
    this.inventoryKey = inventoryKey;
    a.register(store);
  }

  /** The stored document for a create ({@code current} null) or an update body. */
  abstract Map<String, Object> build(Map<String, Object> body, String uri, Map<String, Object> current);

  @Override
  public void reset() {
    store.clear();
    pendingNames.clear();
    a.seed(store, a.inventory().documents(inventoryKey));
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    String m = r.method();
    if (seg.length == 2) {
      return switch (m) {
        case "GET" -> a.listings().list(r, store, version);
        case "POST" -> create(r, version);
        case "DELETE" -> a.networks().deleteNetworksMatching(r, store, version);
        default -> throw Router.methodNotAllowed(m);
      };
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    Map<String, Object> doc = Listings.find(store, "/rest/" + seg[1] + "/" + seg[2]);
    return switch (m) {
      case "GET" -> a.listings().single(r, doc, store.category, version);
      case "PUT" -> update(r, doc, version);
      case "DELETE" -> a.networks().deleteNetwork(r, doc, store, version);
      default -> throw Router.methodNotAllowed(m);
    };
  }

  private String requireName(Map<String, Object> body, String selfUri) {
    return uniqueName(body, selfUri, store, pendingNames, what, "Network");
  }

  private ApiResponse create(ApiRequest r, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    String name = requireName(body, null);
    List<String> scopes = initialScopes(body);
    String uri = "/rest/" + store.category + "/" + a.ids().uuid();
    Map<String, Object> doc = build(body, uri, null);
    doc.put("scopesUri", "/rest/scopes/resources" + uri);
    pendingNames.add(name);
    String failure = a.acceptedTasks().injectedFailure(TaskKind.NETWORK);
    Tasks.Task t = a.tasks().start(TaskKind.NETWORK, "Create", store.category, uri, name,
        "Creating " + what + ": " + name, "Created " + what + ": " + name + ".", failure,
        "Simulated failure of the create task.", "Unable to create " + what + ": " + name,
        creation(pendingNames, name, doc, store, scopes));
    return a.acceptedTasks().accepted(r, t, version);
  }

  private ApiResponse update(ApiRequest r, Map<String, Object> current, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    String uri = (String) current.get("uri");
    ETags.requireUpdateOf(r, body, current);
    String name = requireName(body, uri);
    Map<String, Object> doc = build(body, uri, current);
    for (String kept : List.of("created", "eTag", "modified", "scopesUri", "connectionTemplateUri")) {
      doc.put(kept, current.get(kept));
    }
    String failure = a.acceptedTasks().injectedFailure(TaskKind.NETWORK);
    Tasks.Task t = a.tasks().start(TaskKind.NETWORK, "Update", store.category, uri, name,
        "Updating " + what + ": " + name, "Updated " + what + ": " + name + ".", failure,
        "Simulated failure of the update task.", "Unable to update " + what + ": " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            if (store.get(uri) != null) {
              doc.put("eTag", a.eTags().eTag());
              doc.put("modified", Ids.timestamp(a.clock().instant()));
              store.put(doc);
            }
          }

          @Override
          public void failed() {}
        });
    return a.acceptedTasks().accepted(r, t, version);
  }


  /** A whole number in {@code [min, max]} from the body, {@code absent} if missing; else 400 {@code code}. */
  static long number(Map<String, Object> body, String field, long absent, long min, long max, String code) {
    Object v = body.get(field);
    if (v == null) {
      if (absent < min) {
        throw SimulatorException.badRequest(code, field + " is required (" + min + " to " + max + ").");
      }
      return absent;
    }
    // A whole number sent as 30.0 (as some JSON libraries write numbers) is still 30.
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min || n.doubleValue() > max) {
      throw SimulatorException.badRequest(code, field + " must be between " + min + " and " + max
          + " (got " + v + ").");
    }
    return n.longValue();
  }
}
