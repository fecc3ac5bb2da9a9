package io.oneviewinfrakit.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated appliance's shared state (resource stores, tasks, sessions, ids, scopes, clock),
 * seeded from the inventory and reset to it, behind one lock that serialises every request, like
 * fabric8's CRUD dispatcher, which keeps the rules simple and is fast enough for thousands of
 * resources; only the writing of reads' answers as JSON text, most of a listing's cost, happens after
 * the lock is let go ({@link ApiResponse#snapshot}). The {@link Router} hands each request to one
 * handler per resource family ({@link ProfilesHandler}, {@link HardwareHandler}, {@link
 * NetworksHandler}, {@link ScopesHandler}, ...), which share {@link Listings} (paging,
 * If-None-Match), {@link ETags} and {@link AcceptedTasks} (202 + task, delete-by-filter).
 */
final class Appliance {
  private static final Logger log = LoggerFactory.getLogger(Appliance.class);

  record Config(Clock clock, String username, String password, String readOnlyUsername,
      String readOnlyPassword, Duration idleTimeout,
      int sessionLimitPerClient, Map<TaskKind, Duration> taskDurations, Duration listingLag,
      boolean absoluteTaskLocation, int currentVersion, long seed, Inventory inventory) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Config config;
  private final Clock clock;
  private Ids ids;
  private Sessions sessions;
  private Tasks tasks;
  // Stores whose documents change only by putting values (never in place below the top) keep their
  // values frozen: answers copied from them cost one map per document (see Frozen).
  private final Store hardwareTypes = new Store("server-hardware-types", 64, true);
  private final Store enclosureGroups = new Store("enclosure-groups", 64, true);
  private final Store hardware = new Store("server-hardware", 32, true);
  private final Store templates = new Store("server-profile-templates", 64);
  private final Store profiles = new Store("server-profiles", 64);
  private final Store networks = new Store("ethernet-networks", 64);
  private final Store networkSets = new Store("network-sets", 64);
  private final Store firmwareDrivers = new Store("firmware-drivers", 64);
  private Faults faults;
  private final ProfileState profileState;
  private final ProfileDrift drift;
  private final ETags eTags;
  private final Listings listings;
  private final AcceptedTasks acceptedTasks;
  private final Router router;

  Appliance(Config config) {
    this.config = config;
    this.clock = config.clock();
    for (Store s : List.of(hardwareTypes, enclosureGroups, hardware, templates, profiles, networks,
        networkSets, firmwareDrivers)) {
      register(s);
    }
    eTags = new ETags(clock);
    listings = new Listings(this);
    acceptedTasks = new AcceptedTasks(this, config.absoluteTaskLocation());
    profileState = new ProfileState(this, config.listingLag());
    drift = new ProfileDrift(this, profileState);
    router = new Router(this, new SessionsHandler(this));
    NetworksHandler networksHandler = new NetworksHandler(this);
    this.networksHandler = networksHandler;
    handler("server-hardware-types",
        (r, seg, version) -> listings.readOnly(r, r.method(), seg, hardwareTypes, version));
    handler("enclosure-groups",
        (r, seg, version) -> listings.readOnly(r, r.method(), seg, enclosureGroups, version));
    handler("server-hardware", new HardwareHandler(this));
    handler("server-profiles", new ProfilesHandler(this, profileState));
    handler("ethernet-networks", networksHandler);
    handler("network-sets", networksHandler);
    handler("tasks", new TasksHandler(this));
    handler("server-profile-templates", new TemplatesHandler(this));
    handler("firmware-drivers", new FirmwareDriversHandler(this));
    handler("fc-networks", new FcNetworksHandler(this));
    handler("fcoe-networks", new FcoeNetworksHandler(this));
    handler("enclosures", new EnclosuresHandler(this));
    handler("scopes", new ScopesHandler(this));
    handler("labels", new LabelsHandler(this));
    handler("alerts", new AlertsHandler(this));
    reset();
  }

  private final NetworksHandler networksHandler;
  private final Map<String, Store> stores = new LinkedHashMap<>();
  /** Which scopes each resource belongs to; see {@link ScopesHandler}. */
  final ScopeAssignments scopes = new ScopeAssignments();

  /** Makes {@code store} known to resource look-ups by URI (labels, scopes); call before reset. */
  void register(Store store) {
    stores.put(store.category, store);
  }

  private void handler(String collection, RestExtension handler) {
    router.handler(collection, handler);
  }

  /**
   * The {@code initialScopeUris} of a create body (API 300 and later), each an existing scope; a
   * URI that names none is 400, as for any body URI.
   */
  List<String> initialScopes(Map<String, Object> body) {
    Object value = body.get("initialScopeUris");
    if (value == null) {
      return List.of();
    }
    List<Object> list = Json.list(value);
    if (list == null) {
      throw SimulatorException.badRequest("INVALID_SCOPE_URIS", "initialScopeUris must be an array of URIs.");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      existing(store("scopes"), string(o), "initialScopeUris");
      out.add((String) o);
    }
    return out;
  }

  /** The store of {@code category}, or null. */
  Store store(String category) {
    return stores.get(category);
  }

  /** The document at {@code uri} in any registered store, or null. */
  Map<String, Object> resource(String uri) {
    if (uri == null || !uri.startsWith("/rest/")) {
      return null;
    }
    String[] seg = uri.substring(1).split("/");
    Store store = seg.length == 3 ? stores.get(seg[1]) : null;
    Map<String, Object> doc = store == null ? null : store.get(uri);
    return doc != null && store == profiles && !profileState.visible(doc) ? null : doc;
  }

  Clock clock() {
    return clock;
  }

  Ids ids() {
    return ids;
  }

  Tasks tasks() {
    return tasks;
  }

  Sessions sessions() {
    return sessions;
  }

  Faults faults() {
    return faults;
  }

  /** Issues and checks eTags. */
  ETags eTags() {
    return eTags;
  }

  /** Answers GETs of documents and collections. */
  Listings listings() {
    return listings;
  }

  /** Starts tasks and answers 202 with them. */
  AcceptedTasks acceptedTasks() {
    return acceptedTasks;
  }

  ProfileState profileState() {
    return profileState;
  }

  ProfileDrift drift() {
    return drift;
  }

  /** The Ethernet network handler; {@link NetworksHandler#userOf} tells who uses a network. */
  NetworksHandler networks() {
    return networksHandler;
  }

  Inventory inventory() {
    return config.inventory();
  }

  /** The administrator's user name (task owner, alert changes). */
  String username() {
    return config.username();
  }

  Store hardwareStore() {
    return hardware;
  }

  Store templateStore() {
    return templates;
  }

  Store profileStore() {
    return profiles;
  }

  Store hardwareTypeStore() {
    return hardwareTypes;
  }

  Store enclosureGroupStore() {
    return enclosureGroups;
  }

  void faults(Faults faults) {
    this.faults = faults;
  }

  /** Back to the seeded inventory: no sessions, tasks or created profiles. */
  void reset() {
    locked(() -> {
      ids = new Ids(config.seed());
      sessions = new Sessions(config.username(), config.password(), config.readOnlyUsername(),
          config.readOnlyPassword(), config.idleTimeout(),
          config.sessionLimitPerClient());
      tasks = new Tasks(clock, ids, config.username(), config.taskDurations());
      for (Store s : List.of(hardwareTypes, enclosureGroups, hardware, templates, profiles,
          networks, networkSets, firmwareDrivers)) {
        s.clear();
      }
      profileState.reset();
      drift.reset();
      seed(hardwareTypes, config.inventory().documents("serverHardwareTypes"));
      seed(enclosureGroups, config.inventory().documents("enclosureGroups"));
      seed(hardware, config.inventory().documents("serverHardware"));
      seed(networks, config.inventory().documents("ethernetNetworks"));
      seed(networkSets, config.inventory().documents("networkSets"));
      seed(firmwareDrivers, config.inventory().documents("firmwareDrivers"));
      seed(templates, config.inventory().documents("serverProfileTemplates"));
      seed(profiles, config.inventory().documents("serverProfiles"));
      scopes.clear();
      router.resetHandlers();
    });
  }

  void seed(Store store, List<Map<String, Object>> docs) {
    String now = Ids.timestamp(clock.instant());
    for (Map<String, Object> d : docs) {
      d.putIfAbsent("uri", "/rest/" + store.category + "/" + ids.uuid());
      d.putIfAbsent("category", store.category);
      d.putIfAbsent("created", now);
      d.putIfAbsent("modified", now);
      d.putIfAbsent("eTag", eTags.eTag(d));
      if (store == profiles) {
        d.putIfAbsent("state", "Normal");
        d.putIfAbsent("status", "OK");
        d.putIfAbsent("inProgress", false);
        d.putIfAbsent("description", "");
        Documents.normaliseConnections(d);
      }
      if (store == templates) {
        Documents.normaliseConnections(d);
      }
      store.put(d);
    }
    if (store == profiles) {
      // Seeded profiles get what a create would give them: ports, MACs, compliance.
      for (Map<String, Object> d : docs) {
        String hwUri = (String) d.get("serverHardwareUri");
        Documents.assign(d, hwUri == null ? null : hardware.get(hwUri), ids);
        d.putIfAbsent("templateCompliance", ProfileRules.compliance(d, profileState.templateOf(d)));
      }
    }
  }

  void locked(Runnable action) {
    locked(() -> {
      action.run();
      return null;
    });
  }

  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      try {
        Runnable hook = afterChange;
        if (hook != null && lock.getHoldCount() == 1) {
          hook.run();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  // ---- hooks for optional features (the message bus) --------------------------------------

  /** REST handler for {@code /rest/<collection>/...} that the appliance itself does not serve. */
  interface RestExtension {
    /** Called under the lock, after authentication; {@code seg} is the path split on '/'. */
    ApiResponse handle(ApiRequest r, String[] seg, int version);

    /** Back to the seeded state; called under the lock after the appliance's own stores are seeded. */
    default void reset() {}
  }

  private volatile Runnable afterChange;

  /** Serves {@code /rest/<collection>/...} with {@code handler}. */
  void extension(String collection, RestExtension handler) {
    router.extension(collection, handler);
  }

  /**
   * Runs {@code hook} under the lock at the end of every outermost locked section (every request,
   * every programmatic change), where it can see what changed; null removes it.
   */
  void afterChange(Runnable hook) {
    this.afterChange = hook;
  }

  /** The resource stores, for change detection; call under the lock. */
  List<Store> resourceStores() {
    return List.of(hardwareTypes, enclosureGroups, hardware, templates, profiles, networks,
        networkSets, firmwareDrivers);
  }

  /** Every task, oldest first; call under the lock. */
  Iterable<Tasks.Task> allTasks() {
    return tasks.all();
  }

  /** The version documents are rendered at when no request names one. */
  int currentApiVersion() {
    return config.currentVersion();
  }

  // ---- request entry point -------------------------------------------------------------

  ApiResponse handle(ApiRequest r) {
    return locked(() -> {
      tick();
      return router.route(r);
    }).written(); // a snapshot answer, outside the lock: see ApiResponse
  }

  /**
   * Moves simulated time on without a request. With the message bus on, OneView's changes must
   * happen (and be published) on their own, as a real appliance's do, not only when a client asks.
   */
  void advanceTime() {
    locked(this::tick);
  }

  /** Moves simulated time on: scheduled foreign assignments, then task progress. */
  private void tick() {
    if (faults != null) {
      for (Faults.ForeignAssignment f : faults.dueForeignAssignments(clock.instant())) {
        try {
          drift.assignForeignLocked(f.hardwareUri());
        } catch (IllegalStateException e) {
          log.warn("Scheduled foreign profile assignment skipped: {}", e.getMessage());
        }
      }
    }
    tasks.advance();
  }

  void invalidateSessions() {
    locked(() -> {
      sessions.clear();
    });
  }

  // ---- helpers ---------------------------------------------------------------------------

  static String string(Object o) {
    return o == null ? null : o.toString();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static Map<String, Object> existing(Store store, String uri, String field) {
    Map<String, Object> doc = store.get(uri);
    if (doc == null) {
      // A body URI naming a missing resource is 400, not 404 (REST reference p.773).
      throw SimulatorException.badRequest("RESOURCE_NOT_FOUND",
          "The " + field + " " + uri + " does not name an existing resource.");
    }
    return doc;
  }
}
