package io.oneviewinfrakit.simulator;

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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated appliance's shared state (resource stores, tasks, sessions, ids, scopes, clock) and
 * the routing of {@code /rest/<collection>/...} to one handler per resource family
 * ({@link ProfilesHandler}, {@link HardwareHandler}, {@link NetworksHandler}, {@link ScopesHandler},
 * ...), with the collection helpers they share (paging, If-None-Match, eTags, 202 + task,
 * delete-by-filter). One lock serialises every request, like fabric8's CRUD dispatcher, which keeps
 * the rules simple and is fast enough for thousands of resources.
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
  private final Store hardwareTypes = new Store("server-hardware-types", 64);
  private final Store enclosureGroups = new Store("enclosure-groups", 64);
  private final Store hardware = new Store("server-hardware", 32);
  private final Store templates = new Store("server-profile-templates", 64);
  private final Store profiles = new Store("server-profiles", 64);
  private final Store networks = new Store("ethernet-networks", 64);
  private final Store networkSets = new Store("network-sets", 64);
  private final Store firmwareDrivers = new Store("firmware-drivers", 64);
  private long revision;
  private long lastHardwareETag;
  private Faults faults;
  private final ProfileState profileState;
  private final ProfileDrift drift;
  private final SessionsHandler sessionsHandler;

  Appliance(Config config) {
    this.config = config;
    this.clock = config.clock();
    for (Store s : List.of(hardwareTypes, enclosureGroups, hardware, templates, profiles, networks,
        networkSets, firmwareDrivers)) {
      register(s);
    }
    profileState = new ProfileState(this, config.listingLag());
    drift = new ProfileDrift(this, profileState);
    sessionsHandler = new SessionsHandler(this);
    NetworksHandler networksHandler = new NetworksHandler(this);
    this.networksHandler = networksHandler;
    handler("server-hardware-types", (r, seg, version) -> readOnly(r, r.method(), seg, hardwareTypes, version));
    handler("enclosure-groups", (r, seg, version) -> readOnly(r, r.method(), seg, enclosureGroups, version));
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
  private final List<RestExtension> handlers = new ArrayList<>();
  /** Which scopes each resource belongs to; see {@link ScopesHandler}. */
  final ScopeAssignments scopes = new ScopeAssignments();

  /** Makes {@code store} known to resource look-ups by URI (labels, scopes); call before reset. */
  void register(Store store) {
    stores.put(store.category, store);
  }

  private void handler(String collection, RestExtension handler) {
    if (!handlers.contains(handler)) {
      handlers.add(handler);
    }
    extensions.put(collection, handler);
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
      handlers.forEach(RestExtension::reset);
    });
  }

  void seed(Store store, List<Map<String, Object>> docs) {
    String now = Ids.timestamp(clock.instant());
    for (Map<String, Object> d : docs) {
      d.putIfAbsent("uri", "/rest/" + store.category + "/" + ids.uuid());
      d.putIfAbsent("category", store.category);
      d.putIfAbsent("created", now);
      d.putIfAbsent("modified", now);
      d.putIfAbsent("eTag", eTag(d));
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

  private final Map<String, RestExtension> extensions = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Runnable afterChange;

  /** Serves {@code /rest/<collection>/...} with {@code handler}. */
  void extension(String collection, RestExtension handler) {
    extensions.put(collection, handler);
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

  /**
   * Starts a task of {@code kind} (honouring injected failures) and answers 202 with it; call under
   * the lock, from a {@link RestExtension}.
   */
  ApiResponse startTask(ApiRequest r, TaskKind kind, String name, String category, String resourceUri,
      String resourceName, Tasks.Outcome outcome, int version) {
    String failure = injectedFailure(kind);
    Tasks.Task t = tasks.start(kind, name, category, resourceUri, resourceName, "Running",
        "Completed", failure, failure == null ? null : "Injected failure " + failure, "Failed", outcome);
    return accepted(r, t, version);
  }

  // ---- request entry point -------------------------------------------------------------

  ApiResponse handle(ApiRequest r) {
    return locked(() -> {
      tick();
      return route(r);
    });
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

  private ApiResponse route(ApiRequest r) {
    String path = r.path().length() > 1 && r.path().endsWith("/")
        ? r.path().substring(0, r.path().length() - 1) : r.path();
    String m = r.method();
    if (path.equals("/rest/version")) {
      requireMethod(m, "GET");
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("currentVersion", (long) config.currentVersion());
      v.put("minimumVersion", (long) ApiVersions.OLDEST_ACCEPTED);
      return ApiResponse.json(200, v);
    }
    int version = ApiVersions.parse(r.header("X-API-Version"), config.currentVersion());
    if (path.equals("/rest/login-sessions")) {
      return sessionsHandler.loginSessions(r, m);
    }
    if (path.equals("/rest/sessions/idle-timeout")) {
      return sessionsHandler.idleTimeout(r, m);
    }
    boolean readOnly = sessions.use(SessionsHandler.authToken(r), clock.instant());
    if (readOnly && !m.equals("GET")) {
      throw ErrorBodies.forbidden(m, path);
    }
    String[] seg = path.substring(1).split("/");
    if (seg.length < 2 || !seg[0].equals("rest")) {
      throw SimulatorException.notFound(path);
    }
    RestExtension extension = extensions.get(seg[1]);
    if (extension == null) {
      throw SimulatorException.notFound(path);
    }
    return extension.handle(r, seg, version);
  }

  static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw methodNotAllowed(actual);
    }
  }

  static SimulatorException methodNotAllowed(String method) {
    return new SimulatorException(405, "METHOD_NOT_ALLOWED",
        "The method " + method + " is not supported on this resource.", "", List.of());
  }

  void invalidateSessions() {
    locked(() -> {
      sessions.clear();
    });
  }

  int sessionCount() {
    return locked(() -> sessions.count(clock.instant()));
  }

  // ---- reads -----------------------------------------------------------------------------

  ApiResponse readOnly(ApiRequest r, String m, String[] seg, Store store, int version) {
    requireMethod(m, "GET");
    if (seg.length == 2) {
      return list(r, store, version);
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    return single(r, find(store, "/rest/" + seg[1] + "/" + seg[2]), store.category, version);
  }

  static Map<String, Object> find(Store store, String uri) {
    Map<String, Object> doc = store.get(uri);
    if (doc == null) {
      throw SimulatorException.notFound(uri);
    }
    return doc;
  }

  ApiResponse single(ApiRequest r, Map<String, Object> doc, String category, int version) {
    String eTag = (String) doc.get("eTag");
    String ifNoneMatch = r.header("If-None-Match");
    if (ifNoneMatch != null && eTag != null && unquote(ifNoneMatch).equals(eTag)) {
      return new ApiResponse(304, Map.of("ETag", eTag), null);
    }
    Map<String, String> headers = eTag == null ? Map.of() : Map.of("ETag", eTag);
    return ApiResponse.json(200, Documents.render(doc, category, version), headers);
  }

  ApiResponse list(ApiRequest r, Store store, int version) {
    CollectionQuery q = CollectionQuery.parse(r.query());
    String name = q.exactName();
    Iterable<Map<String, Object>> candidates = name != null ? store.named(name) : store.all();
    if (store == profiles) {
      List<Map<String, Object>> shown = new ArrayList<>();
      candidates.forEach(p -> {
        if (profileState.visible(p)) {
          shown.add(p);
        }
      });
      candidates = shown;
    }
    return page(r, q, store.category, candidates, store.pageCap, version);
  }

  ApiResponse page(ApiRequest r, CollectionQuery q, String category,
      Iterable<Map<String, Object>> candidates, int cap, int version) {
    if (!q.scopeUris().isEmpty()) {
      List<Map<String, Object>> inScope = new ArrayList<>();
      for (Map<String, Object> d : candidates) {
        if (scopes.inAny((String) d.get("uri"), q.scopeUris())) {
          inScope.add(d);
        }
      }
      candidates = inScope;
    }
    CollectionQuery.Page page = q.page(candidates, cap);
    List<Object> members = new ArrayList<>(page.members().size());
    for (Map<String, Object> d : page.members()) {
      members.add(q.project(Documents.render(d, category, version)));
    }
    // A collection's own eTag is the time of the listing, as appliances write it
    // ("2016-06-01T17:22:51.521Z" in the oneview-sdk-java and python-oneviewclient fixtures).
    String now = Ids.timestamp(clock.instant());
    return ApiResponse.json(200, q.envelope(r.path(), ApiVersions.collectionType(category, version),
        category, page, members, now, now, now));
  }

  /** A PUT of {@code body} to {@code current}: it may not name another uri, and its eTag must be current. */
  void requireUpdateOf(ApiRequest r, Map<String, Object> body, Map<String, Object> current) {
    String uri = (String) current.get("uri");
    if (body.get("uri") != null && !uri.equals(body.get("uri"))) {
      throw SimulatorException.badRequest("INVALID_URI", "The body uri does not match " + uri + ".");
    }
    requireCurrentETag(r, body, current);
  }

  void requireCurrentETag(ApiRequest r, Map<String, Object> body, Map<String, Object> current) {
    String ifMatch = r.header("If-Match");
    String sent = ifMatch != null ? unquote(ifMatch) : string(body.get("eTag"));
    if ("*".equals(sent)) {
      return;
    }
    if (sent == null || !sent.equals(current.get("eTag"))) {
      throw new SimulatorException(412, "ETAG_MISMATCH",
          "The resource was changed since it was read (eTag " + sent + ", current "
              + current.get("eTag") + ").",
          "Send the current eTag in If-Match or in the body, or If-Match: * to force.",
          List.of("Get the resource again and retry the update."));
    }
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

  void bump(Map<String, Object> doc) {
    doc.put("eTag", eTag(doc));
    doc.put("modified", Ids.timestamp(clock.instant()));
  }

  String eTag() {
    return clock.millis() + "/" + (++revision);
  }

  /**
   * The eTag format of the document's resource, as captured from appliances: server hardware
   * carries bare epoch milliseconds ({@code "1455803026048"}, python-oneviewclient fixtures),
   * profiles, templates and the rest {@code "<millis>/<revision>"} (oneview-sdk-java fixtures).
   * Hardware eTags still change on every change: at least one more than the last one given.
   */
  private String eTag(Map<String, Object> doc) {
    if ("server-hardware".equals(doc.get("category"))) {
      lastHardwareETag = Math.max(clock.millis(), lastHardwareETag + 1);
      return Long.toString(lastHardwareETag);
    }
    return eTag();
  }

  /** The error code a task of {@code kind} is to fail with by fault injection, or null. */
  String injectedFailure(TaskKind kind) {
    return faults == null ? null : faults.taskFailure(kind).orElse(null);
  }

  static Tasks.Outcome noOutcome() {
    return new Tasks.Outcome() {
      @Override
      public void completed() {}

      @Override
      public void failed() {}
    };
  }

  ApiResponse accepted(ApiRequest r, Tasks.Task t, int version) {
    String location = config.absoluteTaskLocation() ? r.baseUrl() + t.uri : t.uri;
    return ApiResponse.json(202, Documents.render(t.doc, "tasks", version),
        Map.of("Location", location));
  }

  /**
   * {@code DELETE /rest/<collection>?filter=...}: every selected resource goes in one Delete task
   * (oneview-python's {@code delete_all(filter)}). {@code refuse} throws for a resource that cannot
   * go (the whole request is refused, nothing is deleted); {@code remove} runs for each when the
   * task completes. Without a filter or query the request is refused rather than emptying the
   * collection.
   */
  ApiResponse deleteMatching(ApiRequest r, Store store, TaskKind kind, int version,
      java.util.function.Consumer<Map<String, Object>> refuse,
      java.util.function.Consumer<Map<String, Object>> remove) {
    CollectionQuery q = CollectionQuery.parse(r.query());
    if (!q.selects()) {
      throw SimulatorException.badRequest("INVALID_FILTER",
          "Deleting from " + store.category + " needs a filter naming what to delete.");
    }
    List<Map<String, Object>> matches = q.select(new ArrayList<>(store.all()));
    matches.forEach(refuse);
    String failure = injectedFailure(kind);
    Tasks.Task t = tasks.start(kind, "Delete", store.category, null, null,
        "Deleting " + matches.size() + " " + store.category,
        "Deleted " + matches.size() + " " + store.category + ".", failure,
        "Simulated failure of the delete task.", "Unable to delete " + store.category,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            for (Map<String, Object> d : matches) {
              if (store.get((String) d.get("uri")) == d) {
                remove.accept(d);
              }
            }
          }

          @Override
          public void failed() {}
        });
    return accepted(r, t, version);
  }

  // ---- programmatic access ---------------------------------------------------------------

  List<Map<String, Object>> snapshot(String category) {
    // Views do not advance tasks: only requests do, so a test's assertions cannot change outcomes.
    return locked(() -> {
      Store store = switch (category) {
        case "server-hardware" -> hardware;
        case "server-profiles" -> profiles;
        case "server-profile-templates" -> templates;
        case "ethernet-networks" -> networks;
        case "network-sets" -> networkSets;
        default -> throw new IllegalArgumentException(category);
      };
      List<Map<String, Object>> out = new ArrayList<>();
      store.all().forEach(d -> out.add(Json.frozen(d)));
      return out;
    });
  }

  List<Map<String, Object>> taskSnapshot() {
    return locked(() -> {
      List<Map<String, Object>> out = new ArrayList<>();
      tasks.all().forEach(t -> out.add(Json.frozen(t.doc)));
      return out;
    });
  }

  void setHardware(String hardwareUri, String field, Object value) {
    locked(() -> {
      Map<String, Object> hw = hardware.get(hardwareUri);
      if (hw == null) {
        throw new IllegalArgumentException("no server hardware " + hardwareUri);
      }
      hw.put(field, value);
      bump(hw);
    });
  }

  void holdTasks(Set<TaskKind> kinds) {
    locked(() -> {
      tasks.hold(kinds);
    });
  }

  void releaseTasks() {
    locked(() -> {
      tasks.release();
    });
  }

  void taskDuration(TaskKind kind, Duration duration) {
    locked(() -> {
      tasks.duration(kind, duration);
    });
  }

  void listingLag(Duration lag) {
    locked(() -> {
      profileState.listingLag = lag;
    });
  }

  int pendingTasks() {
    // Unlike the views, this settles tasks already due: "pending" means not due yet, or held.
    return locked(() -> {
      tasks.advance();
      return tasks.pendingCount();
    });
  }

  // ---- helpers ---------------------------------------------------------------------------

  static String string(Object o) {
    return o == null ? null : o.toString();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static String unquote(String s) {
    String t = s.trim();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
