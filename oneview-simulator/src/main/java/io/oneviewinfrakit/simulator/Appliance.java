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
 * The simulated appliance: routes REST calls to its resources and enforces OneView's rules. One
 * lock serialises every request, like fabric8's CRUD dispatcher, which keeps the rules simple and
 * is fast enough for thousands of resources.
 */
final class Appliance {
  private static final Logger log = LoggerFactory.getLogger(Appliance.class);

  record Config(Clock clock, String username, String password, Duration idleTimeout,
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
  private final Map<String, Instant> profileVisibleAt = new HashMap<>();
  private final Map<String, Tasks.Task> profileTask = new HashMap<>();
  /** Names of networks and sets whose create task is still running ("category\nname"). */
  private final Set<String> pendingNetworkNames = new java.util.HashSet<>();
  private Duration listingLag;
  private long revision;
  private long lastHardwareETag;
  private int foreignCount;
  private Faults faults;

  Appliance(Config config) {
    this.config = config;
    this.clock = config.clock();
    this.listingLag = config.listingLag();
    for (Store s : List.of(hardwareTypes, enclosureGroups, hardware, templates, profiles, networks,
        networkSets, firmwareDrivers)) {
      register(s);
    }
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

  private final Map<String, Store> stores = new LinkedHashMap<>();
  private final List<RestExtension> handlers = new ArrayList<>();
  /** Which scopes each resource belongs to; see {@link ScopesHandler}. */
  final ScopeAssignments scopes = new ScopeAssignments();

  /** Makes {@code store} known to resource look-ups by URI (labels, scopes); call before reset. */
  void register(Store store) {
    stores.put(store.category, store);
  }

  private void handler(String collection, RestExtension handler) {
    handlers.add(handler);
    extensions.put(collection, handler);
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
    return doc != null && store == profiles && !visible(doc) ? null : doc;
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
      sessions = new Sessions(config.username(), config.password(), config.idleTimeout(),
          config.sessionLimitPerClient());
      tasks = new Tasks(clock, ids, config.username(), config.taskDurations());
      for (Store s : List.of(hardwareTypes, enclosureGroups, hardware, templates, profiles,
          networks, networkSets, firmwareDrivers)) {
        s.clear();
      }
      profileVisibleAt.clear();
      profileTask.clear();
      pendingNetworkNames.clear();
      foreignCount = 0;
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
        d.putIfAbsent("templateCompliance", ProfileRules.compliance(d, templateOf(d)));
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
          assignForeignLocked(f.hardwareUri());
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
      return loginSessions(r, m);
    }
    if (path.equals("/rest/sessions/idle-timeout")) {
      return idleTimeout(r, m);
    }
    sessions.use(authToken(r), clock.instant());
    String[] seg = path.substring(1).split("/");
    if (seg.length < 2 || !seg[0].equals("rest")) {
      throw SimulatorException.notFound(path);
    }
    String collection = "/rest/" + seg[1];
    String uri = seg.length >= 3 ? collection + "/" + seg[2] : null;
    switch (seg[1]) {
      case "server-hardware-types" -> {
        return readOnly(r, m, seg, hardwareTypes, version);
      }
      case "enclosure-groups" -> {
        return readOnly(r, m, seg, enclosureGroups, version);
      }
      case "server-hardware" -> {
        if (seg.length == 4 && seg[3].equals("powerState")) {
          requireMethod(m, "PUT");
          return power(r, find(hardware, uri), version);
        }
        if (seg.length == 3 && m.equals("PATCH")) {
          return patchHardware(r, find(hardware, uri), version);
        }
        return readOnly(r, m, seg, hardware, version);
      }
      case "server-profiles" -> {
        if (seg.length == 2) {
          if (m.equals("POST")) {
            return createProfile(r, version);
          }
          if (m.equals("DELETE")) {
            return deleteProfilesMatching(r, version);
          }
          requireMethod(m, "GET");
          return list(r, profiles, version);
        }
        if (seg.length != 3) {
          throw SimulatorException.notFound(path);
        }
        Map<String, Object> p = visibleProfile(uri);
        return switch (m) {
          case "GET" -> single(r, p, "server-profiles", version);
          case "PUT" -> updateProfile(r, p, version);
          case "PATCH" -> patchProfile(r, p, version);
          case "DELETE" -> deleteProfile(r, p, version);
          default -> throw methodNotAllowed(m);
        };
      }
      case "ethernet-networks" -> {
        return networkResource(r, m, seg, networks, version);
      }
      case "network-sets" -> {
        return networkResource(r, m, seg, networkSets, version);
      }
      case "tasks" -> {
        requireMethod(m, "GET");
        if (seg.length == 2) {
          CollectionQuery q = CollectionQuery.parse(r.query());
          java.util.Set<String> wanted = q.exactUris();
          List<Map<String, Object>> docs = new ArrayList<>();
          if (wanted != null) {
            // A batched poll: look the tasks up instead of scanning them all (creation order, then URI).
            List<Tasks.Task> found = new ArrayList<>();
            for (String u : wanted) {
              Tasks.Task t = tasks.get(u);
              if (t != null) {
                found.add(t);
              }
            }
            found.sort(java.util.Comparator.comparing((Tasks.Task t) -> t.created).thenComparing(t -> t.uri));
            found.forEach(t -> docs.add(t.doc));
          } else {
            tasks.all().forEach(t -> docs.add(t.doc));
          }
          return page(r, q, "tasks", docs, 32, version);
        }
        Tasks.Task t = seg.length == 3 ? tasks.get(uri) : null;
        if (t == null) {
          throw SimulatorException.notFound(path);
        }
        return single(r, t.doc, "tasks", version);
      }
      default -> {
        RestExtension extension = extensions.get(seg[1]);
        if (extension != null) {
          return extension.handle(r, seg, version);
        }
        throw SimulatorException.notFound(path);
      }
    }
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

  private static String authToken(ApiRequest r) {
    String token = r.header("auth");
    return token == null || token.isBlank() ? null : token.trim();
  }

  // ---- sessions --------------------------------------------------------------------------

  private ApiResponse loginSessions(ApiRequest r, String m) {
    Instant now = clock.instant();
    switch (m) {
      case "POST" -> {
        Map<String, Object> body = Json.parseObject(r.body() == null || r.body().isBlank() ? "{}" : r.body());
        String token = sessions.login(string(body.get("userName")), string(body.get("password")),
            string(body.get("authLoginDomain")), r.clientIp(), now);
        return ApiResponse.json(200, sessionBody(token));
      }
      case "PUT" -> {
        String token = authToken(r);
        sessions.use(token, now);
        return ApiResponse.json(200, sessionBody(token));
      }
      case "DELETE" -> {
        sessions.logout(authToken(r));
        return ApiResponse.empty(204);
      }
      default -> throw methodNotAllowed(m);
    }
  }

  private static Map<String, Object> sessionBody(String token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sessionID", token);
    body.put("partnerData", new LinkedHashMap<>());
    return body;
  }

  private ApiResponse idleTimeout(ApiRequest r, String m) {
    String token = r.header("Session-ID");
    Instant now = clock.instant();
    if (m.equals("GET")) {
      Duration timeout = sessions.idleTimeout(token, now);
      if (timeout == null) {
        throw SimulatorException.notFound("/rest/sessions/idle-timeout");
      }
      return ApiResponse.json(200, Map.of("idleTimeout", timeout.toMillis()));
    }
    requireMethod(m, "POST");
    Object value = Json.parseObject(r.body()).get("idleTimeout");
    if (!(value instanceof Long ms)) {
      throw SimulatorException.badRequest("INVALID_IDLE_TIMEOUT", "idleTimeout must be an integer (ms).");
    }
    sessions.setIdleTimeout(token, now, Duration.ofMillis(ms));
    return ApiResponse.empty(204);
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

  private Map<String, Object> visibleProfile(String uri) {
    Map<String, Object> p = profiles.get(uri);
    if (p == null || !visible(p)) {
      throw SimulatorException.notFound(uri);
    }
    return p;
  }

  private boolean visible(Map<String, Object> profile) {
    Instant at = profileVisibleAt.get((String) profile.get("uri"));
    return at == null || !clock.instant().isBefore(at);
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
        if (visible(p)) {
          shown.add(p);
        }
      });
      candidates = shown;
    }
    return page(r, q, store.category, candidates, store.pageCap, version);
  }

  private ApiResponse listDocs(ApiRequest r, String category, List<Map<String, Object>> docs,
      int cap, int version) {
    return page(r, CollectionQuery.parse(r.query()), category, docs, cap, version);
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
    String now = Ids.timestamp(clock.instant());
    return ApiResponse.json(200, q.envelope(r.path(), ApiVersions.collectionType(category, version),
        category, page, members, String.valueOf(clock.millis()), now, now));
  }

  // ---- server profiles -------------------------------------------------------------------

  private ApiResponse createProfile(ApiRequest r, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    ApiVersions.requireRequestType("server-profiles", body.get("type"), version);
    String name = string(body.get("name"));
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_NAME", "A server profile name is required.");
    }
    requireUniqueName(name, null);
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
      requireCompatible(hw, typeUri, groupUri, "the profile");
      if (template != null) {
        requireCompatible(hw, (String) template.get("serverHardwareTypeUri"),
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
    validateSections(probe, template);
    if (hw != null && faults != null && hw.get("serverProfileUri") == null
        && faults.takeStealNextCreate()) {
      assignForeignLocked((String) hw.get("uri"));
    }
    if (hw != null && hw.get("serverProfileUri") == null) {
      requirePoweredOff(hw, "assign a server profile to");
    }
    Instant now = clock.instant();
    if (hw != null && hw.get("serverProfileUri") != null) {
      // OneView accepts the request and fails its task: the race between two clients picking the
      // same free server is only detected when the appliance applies the profile.
      Tasks.Task t = tasks.start(TaskKind.PROFILE_CREATE, "Create", "server-profiles", null, null,
          "Creating server profile: " + name, "", "ProfileAlreadyExistsInServer",
          "A profile is already assigned to the server hardware {\"name\":\"" + hw.get("name")
              + "\", \"uri\":\"" + hw.get("uri") + "\"}.",
          "Unable to create server profile: " + name, noOutcome());
      return accepted(r, t, version);
    }
    String uri = "/rest/server-profiles/" + ids.uuid();
    Map<String, Object> doc = Documents.newStoredProfile(body, uri, typeUri, groupUri, hw, ids);
    doc.put("templateCompliance", ProfileRules.compliance(doc, template));
    String timestamp = Ids.timestamp(now);
    doc.put("created", timestamp);
    doc.put("modified", timestamp);
    doc.put("eTag", eTag());
    doc.put("state", "Creating");
    doc.put("status", "OK");
    doc.put("inProgress", true);
    profiles.put(doc);
    profileVisibleAt.put(uri, now.plus(listingLag));
    if (hw != null) {
      applyingProfile(hw, uri);
    }
    String errorCode = injectedFailure(TaskKind.PROFILE_CREATE);
    Tasks.Task t = tasks.start(TaskKind.PROFILE_CREATE, "Create", "server-profiles", uri, name,
        "Creating server profile: " + name, "Created server profile: " + name + ".", errorCode,
        "Simulated failure of the create task.", "Unable to create server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            profileVisibleAt.remove(uri);
            profileTask.remove(uri);
            settle(doc, "Normal");
            if (hw != null) {
              profileApplied(hw);
            }
          }

          @Override
          public void failed() {
            profileTask.remove(uri);
            profileVisibleAt.remove(uri);
            profiles.remove(uri);
            if (hw != null) {
              noProfile(hw);
            }
          }
        });
    doc.put("taskUri", t.uri);
    profileTask.put(uri, t);
    return accepted(r, t, version);
  }

  private ApiResponse updateProfile(ApiRequest r, Map<String, Object> current, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    ApiVersions.requireRequestType("server-profiles", body.get("type"), version);
    String uri = (String) current.get("uri");
    if (body.get("uri") != null && !uri.equals(body.get("uri"))) {
      throw SimulatorException.badRequest("INVALID_URI", "The body uri does not match " + uri + ".");
    }
    requireCurrentETag(r, body, current);
    if (Boolean.TRUE.equals(current.get("inProgress"))) {
      throw SimulatorException.conflict("ProfileInTransitoryState",
          "The server profile " + current.get("name") + " is being changed by another task.");
    }
    String name = string(body.get("name"));
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_NAME", "A server profile name is required.");
    }
    requireUniqueName(name, uri);
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
      requireCompatible(newHw, typeUri, groupUri, "the profile");
    }
    Map<String, Object> probe = Documents.merged(body, current);
    String templateUri = blankToNull(string(probe.get("serverProfileTemplateUri")));
    Map<String, Object> template = templateUri == null ? null
        : existing(templates, templateUri, "serverProfileTemplateUri");
    validateSections(probe, template);
    if (moving) {
      if (oldHw != null) {
        requirePoweredOff(oldHw, "remove a server profile from");
      }
      if (newHw != null) {
        requirePoweredOff(newHw, "assign a server profile to");
      }
    }
    if (moving && newHw != null && newHw.get("serverProfileUri") != null) {
      Tasks.Task t = tasks.start(TaskKind.PROFILE_UPDATE, "Update", "server-profiles", uri, name,
          "Updating server profile: " + name, "", "ProfileAlreadyExistsInServer",
          "A profile is already assigned to the server hardware {\"name\":\"" + newHw.get("name")
              + "\", \"uri\":\"" + newHw.get("uri") + "\"}.",
          "Unable to update server profile: " + name, noOutcome());
      return accepted(r, t, version);
    }
    Map<String, Object> previous = Json.copy(current);
    Map<String, Object> doc = Documents.updatedProfile(body, current, typeUri, groupUri, newHw, ids);
    doc.put("templateCompliance", ProfileRules.compliance(doc, template));
    doc.put("modified", Ids.timestamp(clock.instant()));
    doc.put("eTag", eTag());
    doc.put("state", "Updating");
    doc.put("inProgress", true);
    profiles.put(doc);
    if (moving && oldHw != null) {
      oldHw.put("state", "RemovingProfile");
      oldHw.put("powerLock", true);
      bump(oldHw);
    }
    if (moving && newHw != null) {
      applyingProfile(newHw, uri);
    }
    String errorCode = injectedFailure(TaskKind.PROFILE_UPDATE);
    Tasks.Task t = tasks.start(TaskKind.PROFILE_UPDATE, "Update", "server-profiles", uri, name,
        "Updating server profile: " + name, "Updated server profile: " + name + ".", errorCode,
        "Simulated failure of the update task.", "Unable to update server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            profileTask.remove(uri);
            settle(doc, "Normal");
            if (moving && oldHw != null) {
              noProfile(oldHw);
            }
            if (newHw != null) {
              profileApplied(newHw);
            }
          }

          @Override
          public void failed() {
            restore(previous, doc.get("taskUri"));
            if (moving && newHw != null) {
              noProfile(newHw);
            }
            if (moving && oldHw != null) {
              oldHw.put("serverProfileUri", uri);
              profileApplied(oldHw);
            }
          }
        });
    doc.put("taskUri", t.uri);
    profileTask.put(uri, t);
    return accepted(r, t, version);
  }

  private ApiResponse deleteProfile(ApiRequest r, Map<String, Object> current, int version) {
    String uri = (String) current.get("uri");
    String name = (String) current.get("name");
    boolean force = "true".equalsIgnoreCase(r.query().first("force"));
    Tasks.Task running = profileTask.get(uri);
    if (running != null && !force) {
      throw SimulatorException.conflict("ProfileInTransitoryState",
          "The server profile " + name + " is being changed by another task; use force=true to delete it anyway.");
    }
    String hwUri = (String) current.get("serverHardwareUri");
    Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
    if (hw != null) {
      requirePoweredOff(hw, "remove a server profile from");
    }
    if (running != null) {
      tasks.abort(running, "ProfileDeleted", "The server profile was deleted with force=true.");
      profileVisibleAt.remove(uri);
    }
    String previousState = running != null ? "Normal" : (String) current.get("state");
    current.put("state", "Deleting");
    current.put("inProgress", true);
    bump(current);
    if (hw != null) {
      hw.put("state", "RemovingProfile");
      hw.put("powerLock", true);
      bump(hw);
    }
    String errorCode = injectedFailure(TaskKind.PROFILE_DELETE);
    Tasks.Task t = tasks.start(TaskKind.PROFILE_DELETE, "Delete", "server-profiles", uri, name,
        "Deleting server profile: " + name, "Deleted server profile: " + name + ".", errorCode,
        "Simulated failure of the delete task.", "Unable to delete server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            profileTask.remove(uri);
            profiles.remove(uri);
            if (hw != null && uri.equals(hw.get("serverProfileUri"))) {
              noProfile(hw);
            }
          }

          @Override
          public void failed() {
            profileTask.remove(uri);
            settle(current, previousState == null ? "Normal" : previousState);
            if (hw != null) {
              profileApplied(hw);
            }
          }
        });
    current.put("taskUri", t.uri);
    profileTask.put(uri, t);
    return accepted(r, t, version);
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
      if (visible(p)) {
        visibleProfiles.add(p);
      }
    });
    List<Map<String, Object>> matches = q.select(visibleProfiles);
    for (Map<String, Object> p : matches) {
      if (profileTask.containsKey((String) p.get("uri"))) {
        throw SimulatorException.conflict("ProfileInTransitoryState",
            "The server profile " + p.get("name") + " is being changed by another task.");
      }
      Map<String, Object> hw = p.get("serverHardwareUri") == null ? null
          : hardware.get((String) p.get("serverHardwareUri"));
      if (hw != null) {
        requirePoweredOff(hw, "remove a server profile from");
      }
    }
    Map<String, String> previousStates = new HashMap<>();
    for (Map<String, Object> p : matches) {
      previousStates.put((String) p.get("uri"), (String) p.get("state"));
      p.put("state", "Deleting");
      p.put("inProgress", true);
      bump(p);
      Map<String, Object> hw = p.get("serverHardwareUri") == null ? null
          : hardware.get((String) p.get("serverHardwareUri"));
      if (hw != null) {
        hw.put("state", "RemovingProfile");
        hw.put("powerLock", true);
        bump(hw);
      }
    }
    String errorCode = injectedFailure(TaskKind.PROFILE_DELETE);
    Tasks.Task t = tasks.start(TaskKind.PROFILE_DELETE, "Delete", "server-profiles", null, null,
        "Deleting " + matches.size() + " server profiles", "Deleted " + matches.size()
            + " server profiles.", errorCode, "Simulated failure of the delete task.",
        "Unable to delete server profiles",
        new Tasks.Outcome() {
          @Override
          public void completed() {
            for (Map<String, Object> p : matches) {
              String uri = (String) p.get("uri");
              profileTask.remove(uri);
              if (profiles.get(uri) == p) {
                removeProfile(p);
              }
            }
          }

          @Override
          public void failed() {
            for (Map<String, Object> p : matches) {
              String uri = (String) p.get("uri");
              profileTask.remove(uri);
              String previous = previousStates.get(uri);
              settle(p, previous == null ? "Normal" : previous);
              Map<String, Object> hw = p.get("serverHardwareUri") == null ? null
                  : hardware.get((String) p.get("serverHardwareUri"));
              if (hw != null) {
                profileApplied(hw);
              }
            }
          }
        });
    for (Map<String, Object> p : matches) {
      p.put("taskUri", t.uri);
      profileTask.put((String) p.get("uri"), t);
    }
    return accepted(r, t, version);
  }

  /** Connections, boot settings and firmware of a profile body; see {@link ProfileRules}. */
  void validateSections(Map<String, Object> profile, Map<String, Object> template) {
    ProfileRules.validate(profile, template,
        u -> networks.get(u) != null || networkSets.get(u) != null,
        u -> firmwareDrivers.get(u) != null);
  }

  /** The template a stored profile names, or null (none, blank, or no longer there). */
  Map<String, Object> templateOf(Map<String, Object> profile) {
    String uri = blankToNull(string(profile.get("serverProfileTemplateUri")));
    return uri == null ? null : templates.get(uri);
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
      requireCurrentETag(r, Map.of(), current);
    }
    String uri = (String) current.get("uri");
    String name = (String) current.get("name");
    if (Boolean.TRUE.equals(current.get("inProgress"))) {
      throw SimulatorException.conflict("ProfileInTransitoryState",
          "The server profile " + name + " is being changed by another task.");
    }
    Map<String, Object> template = templateOf(current);
    if (template == null) {
      throw SimulatorException.badRequest("PROFILE_NOT_FROM_TEMPLATE",
          "The server profile " + name + " is not associated with a server profile template.");
    }
    String hwUri = (String) current.get("serverHardwareUri");
    Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
    Map<String, Object> previous = Json.copy(current);
    ProfileRules.applyTemplate(current, template);
    Documents.assign(current, hw, ids);
    current.put("state", "Updating");
    current.put("inProgress", true);
    bump(current);
    String errorCode = injectedFailure(TaskKind.PROFILE_UPDATE);
    Tasks.Task t = tasks.start(TaskKind.PROFILE_UPDATE, "Update", "server-profiles", uri, name,
        "Updating server profile from template: " + name, "Updated server profile from template: "
            + name + ".", errorCode, "Simulated failure of the update task.",
        "Unable to update server profile: " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            profileTask.remove(uri);
            current.put("templateCompliance", ProfileRules.compliance(current, template));
            settle(current, "Normal");
            if (hw != null) {
              profileApplied(hw);
            }
          }

          @Override
          public void failed() {
            restore(previous, current.get("taskUri"));
          }
        });
    current.put("taskUri", t.uri);
    profileTask.put(uri, t);
    return accepted(r, t, version);
  }

  /**
   * Puts back the profile as it was before a failed update, as a new revision that still names the
   * failed task, so a client polling the profile sees both the failure and the old settings.
   */
  private void restore(Map<String, Object> previous, Object failedTaskUri) {
    profileTask.remove((String) previous.get("uri"));
    previous.put("eTag", eTag());
    previous.put("modified", Ids.timestamp(clock.instant()));
    previous.put("taskUri", failedTaskUri);
    profiles.put(previous);
  }

  private void requireUniqueName(String name, String selfUri) {
    Map<String, Object> other = profiles.exactlyNamed(name);
    if (other != null && !other.get("uri").equals(selfUri)) {
      throw new SimulatorException(409, "DUPLICATE_NAME",
          "A server profile named " + name + " already exists.",
          "Server profile names must be unique.", List.of("Choose a different name."));
    }
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

  private static void requireCompatible(Map<String, Object> hw, String typeUri, String groupUri,
      String what) {
    if (!Objects.equals(typeUri, hw.get("serverHardwareTypeUri"))) {
      throw SimulatorException.badRequest("SERVER_HARDWARE_TYPE_MISMATCH",
          "The server hardware type of " + what + " does not match the server hardware "
              + hw.get("name") + ".");
    }
    if (!Objects.equals(groupUri, hw.get("serverGroupUri"))) {
      throw SimulatorException.badRequest("ENCLOSURE_GROUP_MISMATCH",
          "The enclosure group of " + what + " does not match the server hardware "
              + hw.get("name") + ".");
    }
  }

  private static void requirePoweredOff(Map<String, Object> hw, String action) {
    if (!"Off".equals(hw.get("powerState"))) {
      throw SimulatorException.conflict("SERVER_HARDWARE_POWERED_ON",
          "Unable to " + action + " the server hardware " + hw.get("name")
              + " because it is powered on (" + hw.get("powerState") + ").");
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

  private void applyingProfile(Map<String, Object> hw, String profileUri) {
    hw.put("serverProfileUri", profileUri);
    hw.put("state", "ApplyingProfile");
    hw.put("powerLock", true);
    bump(hw);
  }

  private void profileApplied(Map<String, Object> hw) {
    hw.put("state", "ProfileApplied");
    hw.put("powerLock", false);
    bump(hw);
  }

  private void noProfile(Map<String, Object> hw) {
    hw.put("serverProfileUri", null);
    hw.put("state", "NoProfileApplied");
    hw.put("powerLock", false);
    bump(hw);
  }

  private void settle(Map<String, Object> profile, String state) {
    profile.put("state", state);
    profile.put("inProgress", false);
    profile.put("status", "OK");
    bump(profile);
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

  // ---- foreign profiles ------------------------------------------------------------------

  String assignForeignProfile(String hardwareUri) {
    return locked(() -> assignForeignLocked(hardwareUri));
  }

  private String assignForeignLocked(String hardwareUri) {
    Map<String, Object> hw;
    if (hardwareUri == null) {
      hw = hardware.all().stream().filter(h -> h.get("serverProfileUri") == null).findFirst()
          .orElseThrow(() -> new IllegalStateException("no free server hardware"));
    } else {
      hw = hardware.get(hardwareUri);
      if (hw == null) {
        throw new IllegalStateException("no server hardware " + hardwareUri);
      }
      if (hw.get("serverProfileUri") != null) {
        throw new IllegalStateException("server hardware " + hw.get("name") + " already has a profile");
      }
    }
    String uri = "/rest/server-profiles/" + ids.uuid();
    Map<String, Object> body = new LinkedHashMap<>();
    String name;
    do {
      name = "foreign-profile-" + (++foreignCount);
    } while (profiles.exactlyNamed(name) != null);
    body.put("name", name);
    body.put("description", "Assigned by another OneView user");
    Map<String, Object> doc = Documents.newStoredProfile(body, uri,
        (String) hw.get("serverHardwareTypeUri"), (String) hw.get("serverGroupUri"), hw, ids);
    String now = Ids.timestamp(clock.instant());
    doc.put("created", now);
    doc.put("modified", now);
    doc.put("eTag", eTag());
    doc.put("state", "Normal");
    doc.put("status", "OK");
    doc.put("inProgress", false);
    profiles.put(doc);
    hw.put("serverProfileUri", uri);
    profileApplied(hw);
    return uri;
  }

  // ---- Ethernet networks and network sets ----------------------------------------------

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
    return readOnly(r, m, seg, store, version);
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
    String uri = "/rest/" + store.category + "/" + ids.uuid();
    Map<String, Object> doc = set ? networkSetDoc(body, uri) : networkDoc(body, uri);
    String errorCode = injectedFailure(TaskKind.NETWORK);
    String key = store.category + "\n" + name;
    pendingNetworkNames.add(key);
    Tasks.Task t = tasks.start(TaskKind.NETWORK, "Create", store.category, uri, name,
        "Creating " + what + ": " + name, "Created " + what + ": " + name + ".", errorCode,
        "Simulated failure of the create task.", "Unable to create " + what + ": " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            pendingNetworkNames.remove(key);
            String now = Ids.timestamp(clock.instant());
            doc.put("created", now);
            doc.put("modified", now);
            doc.put("eTag", eTag());
            store.put(doc);
          }

          @Override
          public void failed() {
            pendingNetworkNames.remove(key);
          }
        });
    return accepted(r, t, version);
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
        Boolean.TRUE.equals(body.get("privateNetwork")), "/rest/connection-templates/" + ids.uuid());
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
        "/rest/connection-templates/" + ids.uuid());
    d.put("description", body.get("description"));
    return d;
  }

  /**
   * Refuses (409 {@code RESOURCE_IN_USE}) to delete a network a profile or template connection
   * or a network set still uses; the references are silent, and refusing keeps profiles from
   * pointing at nothing.
   */
  private ApiResponse deleteNetwork(ApiRequest r, Map<String, Object> doc, Store store, int version) {
    String uri = (String) doc.get("uri");
    String name = (String) doc.get("name");
    String user = userOf(uri);
    if (user != null) {
      throw SimulatorException.conflict("RESOURCE_IN_USE",
          "The " + store.category + " resource " + name + " is in use by " + user + ".");
    }
    String errorCode = injectedFailure(TaskKind.NETWORK);
    Tasks.Task t = tasks.start(TaskKind.NETWORK, "Delete", store.category, uri, name,
        "Deleting " + name, "Deleted " + name + ".", errorCode,
        "Simulated failure of the delete task.", "Unable to delete " + name,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            store.remove(uri);
          }

          @Override
          public void failed() {}
        });
    return accepted(r, t, version);
  }

  /** {@code DELETE /rest/<networks>?filter=...}: refused as a whole if any selected one is in use. */
  ApiResponse deleteNetworksMatching(ApiRequest r, Store store, int version) {
    return deleteMatching(r, store, TaskKind.NETWORK, version, d -> {
      String user = userOf((String) d.get("uri"));
      if (user != null) {
        throw SimulatorException.conflict("RESOURCE_IN_USE",
            "The " + store.category + " resource " + d.get("name") + " is in use by " + user + ".");
      }
    }, d -> store.remove((String) d.get("uri")));
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

  // ---- drift: what other OneView users and the appliance itself do ----------------------

  /** Another user deletes the profile now, whatever the power state; an in-flight task ends in Error. */
  void deleteProfileAsAnotherUser(String profileUri) {
    locked(() -> {
      Map<String, Object> p = profiles.get(profileUri);
      if (p == null) {
        throw new IllegalArgumentException("no server profile " + profileUri);
      }
      removeProfile(p);
    });
  }

  private void removeProfile(Map<String, Object> p) {
    String uri = (String) p.get("uri");
    Tasks.Task running = profileTask.remove(uri);
    if (running != null) {
      tasks.abort(running, "ProfileDeleted", "The server profile was deleted by another user.");
    }
    profileVisibleAt.remove(uri);
    profiles.remove(uri);
    String hwUri = (String) p.get("serverHardwareUri");
    Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
    if (hw != null && uri.equals(hw.get("serverProfileUri"))) {
      noProfile(hw);
    }
  }

  /** Another user deletes whatever profile the server carries; returns its URI, or null if none. */
  String releaseServerAsAnotherUser(String hardwareUri) {
    return locked(() -> {
      Map<String, Object> hw = hardware.get(hardwareUri);
      if (hw == null) {
        throw new IllegalArgumentException("no server hardware " + hardwareUri);
      }
      String profileUri = (String) hw.get("serverProfileUri");
      Map<String, Object> p = profileUri == null ? null : profiles.get(profileUri);
      if (p != null) {
        removeProfile(p);
      } else if (profileUri != null) {
        noProfile(hw);
      }
      return profileUri;
    });
  }

  /**
   * Another user moves the profile to another server now (type and group must match, the
   * target must be free); virtual MACs stay with the profile, physical ones follow the port.
   */
  void moveProfileAsAnotherUser(String profileUri, String hardwareUri) {
    locked(() -> {
      Map<String, Object> p = profiles.get(profileUri);
      if (p == null) {
        throw new IllegalArgumentException("no server profile " + profileUri);
      }
      Map<String, Object> target = hardware.get(hardwareUri);
      if (target == null) {
        throw new IllegalArgumentException("no server hardware " + hardwareUri);
      }
      if (target.get("serverProfileUri") != null) {
        throw new IllegalStateException("server hardware " + target.get("name") + " already has a profile");
      }
      if (!Objects.equals(p.get("serverHardwareTypeUri"), target.get("serverHardwareTypeUri"))
          || !Objects.equals(p.get("enclosureGroupUri"), target.get("serverGroupUri"))) {
        throw new IllegalStateException("server hardware " + target.get("name")
            + " does not match the profile's hardware type / enclosure group");
      }
      Tasks.Task running = profileTask.remove(profileUri);
      if (running != null) {
        tasks.abort(running, "ProfileMoved", "The server profile was moved by another user.");
        settle(p, "Normal");
      }
      String oldUri = (String) p.get("serverHardwareUri");
      Map<String, Object> old = oldUri == null ? null : hardware.get(oldUri);
      if (old != null && profileUri.equals(old.get("serverProfileUri"))) {
        noProfile(old);
      }
      Documents.assign(p, target, ids);
      bump(p);
      target.put("serverProfileUri", profileUri);
      profileApplied(target);
    });
  }

  /**
   * The appliance reports, after the profile's last task had succeeded, that applying it failed:
   * a new task in Error with {@code errorCode} becomes the profile's {@code taskUri}; the profile
   * goes {@code status} Critical, {@code state} {@code UpdateFailed}, its hardware
   * {@code ProfileError}. A later successful update or update-from-template clears it.
   */
  String failProfileAfterTheFact(String profileUri, String errorCode) {
    return locked(() -> {
      Map<String, Object> p = profiles.get(profileUri);
      if (p == null) {
        throw new IllegalArgumentException("no server profile " + profileUri);
      }
      String name = (String) p.get("name");
      Tasks.Task t = tasks.failedBySystem(TaskKind.PROFILE_UPDATE, "Apply server profile",
          "server-profiles", profileUri, name, errorCode,
          "Applying the server profile " + name + " to its server hardware failed.",
          "Unable to apply server profile: " + name);
      p.put("taskUri", t.uri);
      p.put("status", "Critical");
      p.put("state", "UpdateFailed");
      bump(p);
      String hwUri = (String) p.get("serverHardwareUri");
      Map<String, Object> hw = hwUri == null ? null : hardware.get(hwUri);
      if (hw != null) {
        hw.put("state", "ProfileError");
        bump(hw);
      }
      return t.uri;
    });
  }

  // ---- power and hardware ----------------------------------------------------------------

  private ApiResponse power(ApiRequest r, Map<String, Object> hw, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    String target = string(body.get("powerState"));
    String control = Objects.requireNonNullElse(string(body.get("powerControl")), "MomentaryPress");
    if (!"On".equals(target) && !"Off".equals(target)) {
      throw SimulatorException.badRequest("INVALID_POWER_STATE", "powerState must be On or Off.");
    }
    if (!Set.of("MomentaryPress", "PressAndHold", "ColdBoot", "Reset").contains(control)) {
      throw SimulatorException.badRequest("INVALID_POWER_CONTROL",
          "powerControl must be MomentaryPress, PressAndHold, ColdBoot or Reset.");
    }
    if (Boolean.TRUE.equals(hw.get("powerLock"))) {
      throw SimulatorException.conflict("POWER_LOCKED",
          "The server hardware " + hw.get("name") + " is locked while a server profile is being"
              + " applied or removed.");
    }
    String before = (String) hw.get("powerState");
    boolean reset = "On".equals(target) && ("ColdBoot".equals(control) || "Reset".equals(control));
    String transitional = reset && "On".equals(before) ? "Resetting"
        : "On".equals(target) ? "PoweringOn" : "PoweringOff";
    String name = reset ? "Reset" : "On".equals(target) ? "Power on" : "Power off";
    if (!target.equals(before) || reset) {
      hw.put("powerState", transitional);
      bump(hw);
    }
    String errorCode = injectedFailure(TaskKind.POWER);
    String hwName = (String) hw.get("name");
    Tasks.Task t = tasks.start(TaskKind.POWER, name, "server-hardware", (String) hw.get("uri"),
        hwName, name + ": " + hwName, name + " completed: " + hwName + ".", errorCode,
        "Simulated failure of the power task.", "Unable to change the power state of " + hwName,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            hw.put("powerState", target);
            bump(hw);
          }

          @Override
          public void failed() {
            hw.put("powerState", before);
            bump(hw);
          }
        });
    return accepted(r, t, version);
  }

  private ApiResponse patchHardware(ApiRequest r, Map<String, Object> hw, int version) {
    Object parsed = Json.parse(r.body());
    if (!(parsed instanceof List<?> ops)) {
      throw SimulatorException.badRequest("INVALID_PATCH", "The body must be a JSON Patch array.");
    }
    for (Object o : ops) {
      Map<String, Object> op = Json.map(o);
      if (op == null || !"replace".equals(op.get("op"))) {
        throw SimulatorException.badRequest("INVALID_PATCH", "Only replace operations are supported.");
      }
      switch (String.valueOf(op.get("path"))) {
        case "/maintenanceMode" -> hw.put("maintenanceMode", Boolean.parseBoolean(String.valueOf(op.get("value"))));
        case "/uidState" -> hw.put("uidState", String.valueOf(op.get("value")));
        default -> throw SimulatorException.badRequest("INVALID_PATCH",
            "The path " + op.get("path") + " cannot be patched.");
      }
    }
    bump(hw);
    return single(r, hw, "server-hardware", version);
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
      listingLag = lag;
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
