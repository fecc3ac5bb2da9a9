package io.oneviewinfrakit.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The State-Change Message Bus of the simulated appliance: the REST certificate endpoints, the
 * embedded broker, and one message per state change of every resource the appliance holds.
 *
 * <p>Changes are found by comparing each document with its last published copy at the end of
 * every locked section of the {@link Appliance} (still under its lock, so messages leave in the
 * order the changes happened): a new URI is {@code Created}, a changed document {@code Updated}, a
 * vanished URI {@code Deleted}. Tasks are published with the routing key {@code scmb.tasks}.
 * Guarded by the appliance lock.
 */
final class Scmb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scmb.class);
  static final String CA_ALIAS = "Infrastructure Management Certificate Authority-internalroot";
  static final String CONFLICT = "RABBITMQ_CLIENTCERT_CONFLICT";

  private final Appliance appliance;
  private final Clock clock;
  private HeldCertificate ca;
  private HeldCertificate server;
  /** Client certificates by alias (the {@code commonName} they were created with). */
  private final Map<String, ClientCertificate> clients = new LinkedHashMap<>();
  private final ScmbBroker broker;
  /** Last published copy of every resource document, by category, then URI. */
  private final Map<String, Map<String, Map<String, Object>>> published = new HashMap<>();
  /** Tasks published in a terminal state: they never change again. */
  private final Set<String> finishedTasks = new HashSet<>();
  private final Map<String, Map<String, Object>> publishedTasks = new HashMap<>();
  private long certificateRevision;
  private volatile long messages;

  /** Advances tasks by time while the bus is on: a client that only listens still sees them end. */
  private final java.util.concurrent.ScheduledExecutorService clockTicker =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "oneview-simulator-scmb-clock");
        t.setDaemon(true);
        return t;
      });

  private record ClientCertificate(String alias, HeldCertificate certificate, String created, String eTag) {}

  Scmb(Appliance appliance, Clock clock) {
    this.appliance = appliance;
    this.clock = clock;
    this.ca = newCa();
    this.server = newServer(ca);
    this.broker = new ScmbBroker(ca, server);
    appliance.locked(() -> {
      baseline();
      appliance.extension("certificates", this::handle);
      appliance.afterChange(this::publishChanges);
    });
    clockTicker.scheduleWithFixedDelay(() -> {
      try {
        appliance.advanceTime();
      } catch (RuntimeException e) {
        log.warn("Advancing simulated time failed: {}", e.toString());
      }
    }, 50, 50, TimeUnit.MILLISECONDS);
  }

  private static HeldCertificate newCa() {
    return new HeldCertificate.Builder()
        .commonName("Infrastructure Management Certificate Authority")
        .organizationalUnit("oneview-simulator")
        .certificateAuthority(0)
        .rsa2048()
        .duration(3650, TimeUnit.DAYS)
        .build();
  }

  private static HeldCertificate newServer(HeldCertificate ca) {
    return new HeldCertificate.Builder()
        .commonName("oneview-simulator-rabbitmq")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .signedBy(ca)
        .rsa2048()
        .duration(365, TimeUnit.DAYS)
        .build();
  }

  private static HeldCertificate newClient(HeldCertificate ca, String commonName) {
    return new HeldCertificate.Builder()
        .commonName(commonName)
        .organizationalUnit("rabbitmq_readonly")
        .signedBy(ca)
        .rsa2048()
        .duration(365, TimeUnit.DAYS)
        .build();
  }

  int port() {
    return broker.port();
  }

  String caPem() {
    return appliance.locked(() -> ca.certificatePem());
  }

  long messagesPublished() {
    return messages;
  }

  void dropConnections() {
    broker.dropConnections();
  }

  /**
   * New internal CA, server certificate and (for each existing alias) client certificate, as
   * {@code DELETE /rest/certificates/ca/default} does; every bus connection is dropped.
   */
  void regenerateCa() {
    HeldCertificate newCa = newCa();
    HeldCertificate newServer = newServer(newCa);
    appliance.locked(() -> {
      ca = newCa;
      server = newServer;
      List<String> aliases = new ArrayList<>(clients.keySet());
      for (String alias : aliases) {
        clients.put(alias, client(alias));
      }
      broker.replaceCertificates(ca, server);
    });
  }

  private ClientCertificate client(String alias) {
    String now = Ids.timestamp(clock.instant());
    return new ClientCertificate(alias, newClient(ca, alias), now, now + "/c" + (++certificateRevision));
  }

  @Override
  public void close() {
    clockTicker.shutdownNow();
    appliance.afterChange(null);
    broker.close();
  }

  // ---- REST ------------------------------------------------------------------------------

  private ApiResponse handle(ApiRequest r, String[] seg, int version) {
    String m = r.method();
    // seg: [rest, certificates, ...]
    if (seg.length >= 4 && seg[2].equals("client") && seg[3].equals("rabbitmq")) {
      if (seg.length == 4) {
        requireMethod(m, "POST");
        return createClient(r, version);
      }
      if (seg.length == 6 && seg[4].equals("keypair")) {
        requireMethod(m, "GET");
        return ApiResponse.json(200, clientDoc(existingClient(r, seg[5]), true));
      }
      if (seg.length == 5) {
        requireMethod(m, "GET");
        return ApiResponse.json(200, clientDoc(existingClient(r, seg[4]), false));
      }
    }
    if (seg.length >= 3 && seg[2].equals("ca")) {
      if (seg.length == 3) {
        requireMethod(m, "GET");
        return caCollection(r, version);
      }
      if (seg.length == 4 && m.equals("DELETE") && seg[3].equals("default")) {
        regenerateCa();
        return ApiResponse.empty(204);
      }
      if (seg.length == 4 && m.equals("DELETE") && seg[3].equals("rabbitmq_readonly")) {
        clients.clear();
        broker.dropConnections();
        return ApiResponse.empty(204);
      }
      if (seg.length == 4 && seg[3].equals(CA_ALIAS)) {
        requireMethod(m, "GET");
        return ApiResponse.json(200, caMember(true));
      }
    }
    throw SimulatorException.notFound(r.path());
  }

  private static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new SimulatorException(405, "METHOD_NOT_ALLOWED", "Method " + actual + " is not allowed here.");
    }
  }

  private ApiResponse createClient(ApiRequest r, int version) {
    Map<String, Object> body = Json.parseObject(r.body() == null || r.body().isBlank() ? "{}" : r.body());
    Object commonName = body.get("commonName");
    if (!(commonName instanceof String alias) || alias.isBlank()) {
      throw SimulatorException.badRequest("INVALID_CERTIFICATE_REQUEST", "commonName is required.");
    }
    if (!clients.isEmpty()) {
      throw new SimulatorException(409, CONFLICT, "Client certificate already exists. A new"
          + " certificate cannot be generated until the existing one expires or is revoked.");
    }
    String uri = "/rest/certificates/client/rabbitmq/keypair/" + alias;
    return appliance.acceptedTasks().startTask(r, TaskKind.CERTIFICATE, "Client Certificate Generation", "certificates",
        uri, alias, AcceptedTasks.whenCompleted(() -> clients.put(alias, client(alias))), version);
  }

  private ClientCertificate existingClient(ApiRequest r, String alias) {
    ClientCertificate c = clients.get(alias);
    if (c == null) {
      throw new SimulatorException(404, "RESOURCE_NOT_FOUND", "The requested resource '" + r.path()
          + "' could not be found. Please supply a valid and unique common name.");
    }
    return c;
  }

  private static Map<String, Object> clientDoc(ClientCertificate c, boolean withKey) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "RabbitMqClientCertV2");
    d.put("commonName", c.alias());
    d.put("aliasName", c.alias());
    d.put("signedCert", true);
    d.put("base64SSLCertData", c.certificate().certificatePem());
    // PKCS#8 in PEM: what PEM libraries and PKCS#8 decoders (the old Java SDK) both accept.
    d.put("base64SSLKeyData", withKey ? c.certificate().privateKeyPkcs8Pem() : null);
    d.put("uri", "/rest/certificates/client/rabbitmq/keypair/" + c.alias());
    d.put("category", "certificates");
    d.put("eTag", c.eTag());
    d.put("created", c.created());
    d.put("modified", c.created());
    return d;
  }

  private ApiResponse caCollection(ApiRequest r, int version) {
    if (version < 600) {
      // A bare JSON string holding the PEM (the shape before API 600).
      return ApiResponse.json(200, ca.certificatePem());
    }
    boolean details = "true".equalsIgnoreCase(r.header("If-Req-CertDetails"));
    List<String> filters = r.query().all("filter");
    List<Object> members = new ArrayList<>();
    boolean internal = filters.isEmpty() || filters.stream()
        .map(f -> f.replace("\"", "").replace(" ", ""))
        .allMatch(f -> f.equalsIgnoreCase("certType:INTERNAL") || f.equalsIgnoreCase("certType=INTERNAL")
            || f.equalsIgnoreCase("certType='INTERNAL'"));
    if (internal) {
      members.add(caMember(details));
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("type", "CertificateAuthorityInfoCollection");
    page.put("members", members);
    page.put("count", (long) members.size());
    page.put("total", (long) members.size());
    page.put("start", 0L);
    page.put("category", "certificates");
    page.put("uri", "/rest/certificates/ca");
    return ApiResponse.json(200, page);
  }

  private Map<String, Object> caMember(boolean details) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "CertificateAuthorityInfo");
    d.put("certType", "INTERNAL");
    d.put("uri", "/rest/certificates/ca/" + CA_ALIAS);
    d.put("certificateDetails", details ? Json.obj(
        "type", "CertificateDetailV2",
        "aliasName", CA_ALIAS,
        "commonName", "Infrastructure Management Certificate Authority",
        "base64Data", ca.certificatePem()) : null);
    return d;
  }

  // ---- change detection ------------------------------------------------------------------

  private void baseline() {
    published.clear();
    for (Store store : appliance.resourceStores()) {
      Map<String, Map<String, Object>> byUri = new LinkedHashMap<>();
      store.all().forEach(d -> byUri.put((String) d.get("uri"), Json.copy(d)));
      published.put(store.category, byUri);
    }
    publishedTasks.clear();
    finishedTasks.clear();
    for (Tasks.Task t : appliance.allTasks()) {
      publishedTasks.put(t.uri, Json.copy(t.doc));
      if (t.terminal) {
        finishedTasks.add(t.uri);
      }
    }
  }

  /** Publishes what changed since the last call; runs under the appliance lock. */
  private void publishChanges() {
    try {
      for (Store store : appliance.resourceStores()) {
        Map<String, Map<String, Object>> before = published.computeIfAbsent(store.category, k -> new LinkedHashMap<>());
        Set<String> gone = new LinkedHashSet<>(before.keySet());
        for (Map<String, Object> doc : store.all()) {
          String uri = (String) doc.get("uri");
          gone.remove(uri);
          Map<String, Object> old = before.get(uri);
          if (old == null) {
            before.put(uri, Json.copy(doc));
            publish(store.category, "Created", doc, List.of());
          } else if (differs(old, doc)) {
            before.put(uri, Json.copy(doc));
            publish(store.category, "Updated", doc, changed(old, doc));
          }
        }
        for (String uri : gone) {
          publish(store.category, "Deleted", before.remove(uri), List.of());
        }
      }
      Set<String> present = new HashSet<>();
      for (Tasks.Task t : appliance.allTasks()) {
        present.add(t.uri);
        if (finishedTasks.contains(t.uri)) {
          continue;
        }
        Map<String, Object> old = publishedTasks.get(t.uri);
        if (old == null || !old.equals(t.doc)) {
          publishedTasks.put(t.uri, Json.copy(t.doc));
          publish("tasks", old == null ? "Created" : "Updated", t.doc, old == null ? List.of() : changed(old, t.doc));
        }
        if (t.terminal) {
          finishedTasks.add(t.uri);
          publishedTasks.remove(t.uri);
        }
      }
      // Tasks vanish only on reset(): forget them quietly, as the appliance does not announce it.
      finishedTasks.retainAll(present);
      publishedTasks.keySet().retainAll(present);
    } catch (RuntimeException e) {
      log.error("SCMB publication failed", e);
    }
  }

  /** Fields whose change is a state change even where the appliance code does not bump the eTag. */
  private static final List<String> STATE_FIELDS = List.of("eTag", "modified", "state", "status",
      "powerState", "serverProfileUri", "serverHardwareUri", "description", "name", "taskUri",
      "maintenanceMode", "inProgress", "templateCompliance");

  /**
   * Whether a stored document changed since it was published. Runs after every request over every
   * document, so it must be cheap at thousands of resources: every change the simulator makes bumps
   * the eTag (or at least one state field), so those fields decide; a full comparison of each
   * unchanged document made each request cost milliseconds per thousand resources.
   */
  private static boolean differs(Map<String, Object> old, Map<String, Object> now) {
    for (String field : STATE_FIELDS) {
      if (!Objects.equals(old.get(field), now.get(field))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> changed(Map<String, Object> old, Map<String, Object> now) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : now.entrySet()) {
      if (!Objects.equals(old.get(e.getKey()), e.getValue()) || !old.containsKey(e.getKey())) {
        if (!Set.of("eTag", "modified").contains(e.getKey())) {
          out.add(e.getKey());
        }
      }
    }
    for (String k : old.keySet()) {
      if (!now.containsKey(k)) {
        out.add(k);
      }
    }
    return out;
  }

  private void publish(String category, String changeType, Map<String, Object> doc, List<String> changedAttributes) {
    int version = appliance.currentApiVersion();
    Map<String, Object> resource = Documents.render(doc, category, version);
    String uri = (String) doc.get("uri");
    boolean task = category.equals("tasks");
    Object state = task ? doc.get("taskState") : doc.get("state");
    String associatedTask = task ? null : runningTaskOf(doc);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("resourceUri", uri);
    message.put("changeType", changeType);
    message.put("newState", state == null ? null : state.toString());
    message.put("newSubState", null);
    message.put("eTag", doc.get("eTag") == null ? null : doc.get("eTag").toString());
    message.put("timestamp", Ids.timestamp(clock.instant()));
    message.put("resource", resource);
    message.put("associatedTask", associatedTask);
    message.put("userInitiatedTask", task ? Boolean.TRUE.equals(doc.get("userInitiated"))
        : associatedTask != null && userInitiated(associatedTask));
    message.put("changedAttributes", changedAttributes);
    message.put("data", null);
    String key = task ? "scmb.tasks" : "scmb." + category + "." + changeType + "." + uri;
    broker.publish(key, Json.write(message).getBytes(StandardCharsets.UTF_8));
    messages++;
  }

  /** The URI of the task still running on this resource, if any. */
  private String runningTaskOf(Map<String, Object> doc) {
    String uri = (String) doc.get("uri");
    String found = null;
    for (Tasks.Task t : appliance.allTasks()) {
      if (!t.terminal && t.doc.get("associatedResource") instanceof Map<?, ?> a
          && uri.equals(a.get("resourceUri"))) {
        found = t.uri;
      }
    }
    if (found == null && doc.get("taskUri") instanceof String taskUri) {
      // A profile names the task that last changed it.
      for (Tasks.Task t : appliance.allTasks()) {
        if (t.uri.equals(taskUri)) {
          found = taskUri;
        }
      }
    }
    return found;
  }

  private boolean userInitiated(String taskUri) {
    for (Tasks.Task t : appliance.allTasks()) {
      if (t.uri.equals(taskUri)) {
        return Boolean.TRUE.equals(t.doc.get("userInitiated"));
      }
    }
    return false;
  }
}
