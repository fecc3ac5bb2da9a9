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
 * {@code /rest/ethernet-networks} and {@code /rest/network-sets}: list, get, create and delete
 * (each a {@link TaskKind#NETWORK} task), delete-by-filter; a network in use by a profile,
 * template or set is not deleted. {@link #userOf} serves the Fibre Channel handlers too.
 */
final class NetworksHandler implements Appliance.RestExtension {
  private final Appliance a;
  private final Clock clock;
  private final Store hardware;
  private final Store profiles;
  private final Store templates;
  private final Store networks;
  private final Store networkSets;
  /** Names of networks and sets whose create task is still running ("category\nname"). */
  private final Set<String> pendingNetworkNames = new java.util.HashSet<>();

  NetworksHandler(Appliance a) {
    this.a = a;
    this.clock = a.clock();
    this.hardware = a.hardwareStore();
    this.profiles = a.profileStore();
    this.templates = a.templateStore();
    this.networks = a.store("ethernet-networks");
    this.networkSets = a.store("network-sets");
  }

  @Override
  public void reset() {
    pendingNetworkNames.clear();
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    return networkResource(r, r.method(), seg, seg[1].equals("network-sets") ? networkSets : networks, version);
  }

  /**
   * Collection, GET, POST (202 + task; the resource exists once the task completes, as
   * oneview-python and the Go SDK wait on the create task) and DELETE (202 + task) of Ethernet
   * networks or network sets.
   */
  private ApiResponse networkResource(ApiRequest r, String m, String[] seg, Store store, int version) {
    if (seg.length == 2 && m.equals("POST")) {
      return createNetwork(r, store, version);
    }
    if (seg.length == 3 && m.equals("DELETE")) {
      return deleteNetwork(r, find(store, "/rest/" + seg[1] + "/" + seg[2]), store, version);
    }
    if (seg.length == 2 && m.equals("DELETE")) {
      return deleteNetworksMatching(r, store, version);
    }
    return a.listings().readOnly(r, m, seg, store, version);
  }

  private ApiResponse createNetwork(ApiRequest r, Store store, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    boolean set = store == networkSets;
    String what = set ? "network set" : "Ethernet network";
    String name = string(body.get("name"));
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_NAME", "A " + what + " name is required.");
    }
    if (store.exactlyNamed(name) != null || pendingNetworkNames.contains(store.category + "\n" + name)) {
      throw new SimulatorException(409, "DUPLICATE_NAME", "A " + what + " named " + name + " already exists.",
          "Network and network set names must be unique.", List.of("Choose a different name."));
    }
    String uri = "/rest/" + store.category + "/" + a.ids().uuid();
    Map<String, Object> doc = set ? networkSetDoc(body, uri) : networkDoc(body, uri);
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.NETWORK);
    List<String> scopes = a.initialScopes(body);
    String key = store.category + "\n" + name;
    pendingNetworkNames.add(key);
    Tasks.Task t = a.tasks().start(TaskKind.NETWORK, "Create", store.category, uri, name,
        "Creating " + what + ": " + name, "Created " + what + ": " + name + ".", errorCode,
        "Simulated failure of the create task.", "Unable to create " + what + ": " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            pendingNetworkNames.remove(key);
            String now = Ids.timestamp(clock.instant());
            doc.put("created", now);
            doc.put("modified", now);
            doc.put("eTag", a.eTags().eTag());
            store.put(doc);
            scopes.forEach(scope -> a.scopes.add(uri, scope));
          }

          @Override
          public void failed() {
            pendingNetworkNames.remove(key);
          }
        });
    return a.acceptedTasks().accepted(r, t, version);
  }

  private Map<String, Object> networkDoc(Map<String, Object> body, String uri) {
    String type = Objects.requireNonNullElse(string(body.get("ethernetNetworkType")), "Tagged");
    if (!Set.of("Tagged", "Untagged", "Tunnel").contains(type)) {
      throw SimulatorException.badRequest("INVALID_ETHERNET_NETWORK_TYPE",
          "ethernetNetworkType must be Tagged, Untagged or Tunnel.");
    }
    Object vlan = body.get("vlanId");
    if ("Tagged".equals(type) && !(vlan instanceof Long v && v >= 1 && v <= 4094)) {
      throw SimulatorException.badRequest("INVALID_VLAN_ID",
          "A Tagged network needs a vlanId between 1 and 4094 (got " + vlan + ").");
    }
    String purpose = Objects.requireNonNullElse(string(body.get("purpose")), "General");
    if (!Set.of("General", "Management", "VMMigration", "FaultTolerance", "ISCSI").contains(purpose)) {
      throw SimulatorException.badRequest("INVALID_PURPOSE",
          "purpose must be General, Management, VMMigration, FaultTolerance or ISCSI.");
    }
    Map<String, Object> d = Documents.ethernetNetwork(uri, body.get("name"), type,
        "Tagged".equals(type) ? vlan : null, purpose, Boolean.TRUE.equals(body.get("smartLink")),
        Boolean.TRUE.equals(body.get("privateNetwork")), "/rest/connection-templates/" + a.ids().uuid());
    d.put("subnetUri", body.get("subnetUri"));
    d.put("description", body.get("description"));
    return d;
  }

  private Map<String, Object> networkSetDoc(Map<String, Object> body, String uri) {
    List<Object> members = body.get("networkUris") == null ? new ArrayList<>() : Json.list(body.get("networkUris"));
    if (members == null) {
      throw SimulatorException.badRequest("INVALID_NETWORK_URIS", "networkUris must be an array of URIs.");
    }
    for (Object member : members) {
      existing(networks, string(member), "networkUri");
    }
    Object nativeUri = body.get("nativeNetworkUri");
    if (nativeUri != null && !members.contains(nativeUri)) {
      throw SimulatorException.badRequest("INVALID_NATIVE_NETWORK",
          "The nativeNetworkUri " + nativeUri + " is not one of the set's networkUris.");
    }
    Map<String, Object> d = Documents.networkSet(uri, body.get("name"), members, nativeUri,
        "/rest/connection-templates/" + a.ids().uuid());
    d.put("description", body.get("description"));
    return d;
  }

  /**
   * Refuses (409 {@code RESOURCE_IN_USE}) to delete a network a profile or template connection
   * or a network set still uses; the references are silent, and refusing keeps profiles from
   * pointing at nothing.
   */
  /** Deletes a network of any kind (Ethernet, FC, FCoE): refused while a profile or template uses it. */
  ApiResponse deleteNetwork(ApiRequest r, Map<String, Object> doc, Store store, int version) {
    String uri = (String) doc.get("uri");
    String name = (String) doc.get("name");
    String user = userOf(uri);
    if (user != null) {
      throw SimulatorException.conflict("RESOURCE_IN_USE",
          "The " + store.category + " resource " + name + " is in use by " + user + ".");
    }
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.NETWORK);
    Tasks.Task t = a.tasks().start(TaskKind.NETWORK, "Delete", store.category, uri, name,
        "Deleting " + name, "Deleted " + name + ".", errorCode,
        "Simulated failure of the delete task.", "Unable to delete " + name,
        AcceptedTasks.whenCompleted(() -> store.remove(uri)));
    return a.acceptedTasks().accepted(r, t, version);
  }

  /** {@code DELETE /rest/<networks>?filter=...}: refused as a whole if any selected one is in use. */
  ApiResponse deleteNetworksMatching(ApiRequest r, Store store, int version) {
    return a.acceptedTasks().deleteMatching(r, store, TaskKind.NETWORK, version, d -> {
      String user = userOf((String) d.get("uri"));
      if (user != null) {
        throw SimulatorException.conflict("RESOURCE_IN_USE",
            "The " + store.category + " resource " + d.get("name") + " is in use by " + user + ".");
      }
    }, d -> store.remove((String) d.get("uri")));
  }

  /**
   * The profile, template or network set that uses the network {@code uri} ("name (uri)"), or null:
   * such references are silent, and refusing the delete keeps them from pointing at nothing.
   */
  String userOf(String uri) {
    String user = null;
    for (Store owners : List.of(profiles, templates)) {
      for (Map<String, Object> o : owners.all()) {
        if (ProfileRules.connections(o).stream().anyMatch(c -> uri.equals(c.get("networkUri")))) {
          user = o.get("name") + " (" + o.get("uri") + ")";
          break;
        }
      }
      if (user != null) {
        break;
      }
    }
    if (user == null) {
      for (Map<String, Object> s : networkSets.all()) {
        List<Object> members = Json.list(s.get("networkUris"));
        if (members != null && members.contains(uri)) {
          user = s.get("name") + " (" + s.get("uri") + ")";
          break;
        }
      }
    }
    return user;
  }
}
