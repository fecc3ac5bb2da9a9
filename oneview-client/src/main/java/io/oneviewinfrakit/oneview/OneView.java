package io.oneviewinfrakit.oneview;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for one HPE OneView appliance: it holds the login session and hands out typed clients
 * for templates, server hardware, profiles, tasks, hardware types, enclosures, enclosure groups,
 * networks, firmware drivers, scopes, labels and alerts, and a generic client ({@link #resources})
 * for any other collection, with members as lossless JSON documents.
 *
 * <p>Instances are thread-safe; share one per appliance. It logs in lazily on first use, logs in
 * again once when the appliance rejects an expired session, and logs out on {@link #close()}
 * (appliances cap sessions per client, so close it). An application that holds its own session
 * passes it with {@link Builder#sessionId} or {@link Builder#sessionToken}; this client then never
 * logs in or out. {@link Builder#build()} does no network I/O.
 *
 * <p>Changes are asynchronous on the appliance. The newer clients return a {@link PendingTask} to
 * {@link PendingTask#await await}, turn into a {@link PendingTask#future future} or ask for the
 * {@link PendingTask#awaitResourceUri URI} a create made; the older ones return a {@link Task} for
 * {@link TaskClient#await} (or {@link TaskClient#handle} to make it a handle).
 *
 * <p>For example:
 *
 * <pre>{@code
 * try (OneView ov = OneView.builder()
 *     .url("https://oneview.example.com")
 *     .credentials("Administrator", password)
 *     .trust(Path.of("appliance-ca.pem"))
 *     .build()) {
 *   ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
 *   // OneView applies a profile only to a server that is off: pick a free, compatible one that is.
 *   ServerHardware server = ov.serverHardware().freeCompatibleWith(template).stream()
 *       .filter(hw -> hw.powerState() == PowerState.OFF).findFirst().orElseThrow();
 *   ServerProfile profile = ov.serverProfileTemplates().newProfile(template)
 *       .withName(name).withServerHardwareUri(server.uri());
 *   Task created = ov.tasks().await(ov.serverProfiles().create(profile), Duration.ofMinutes(30));
 *   ov.tasks().await(ov.serverHardware().powerOn(server.uri()), Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>(The body is {@code SdkQuickStart} in the examples module, which the build runs against the
 * simulator. A profile's server must be powered off before the profile is deleted too.)
 *
 * <p>Collections without a typed client, and task handles:
 *
 * <pre>{@code
 * ResourceClient interconnects = ov.resources("/rest/logical-interconnects");
 * List<Resource> unhealthy = interconnects.list(Query.builder()
 *     .filter(Filter.or(Filter.eq("status", "Warning"), Filter.eq("status", "Critical")))
 *     .fields("name", "uri", "status")
 *     .build());
 * String scopeUri = ov.scopes().create(Scope.builder("lab").build()).awaitResourceUri(Duration.ofMinutes(1));
 * }</pre>
 */
public final class OneView implements AutoCloseable {
  /** The newest API version this SDK knows; negotiation never picks a newer one. */
  public static final int MAX_KNOWN_API_VERSION = 8600;

  private static final Logger log = LoggerFactory.getLogger(OneView.class);

  private final Builder settings;
  private final HttpUrl url;
  private final OkHttpClient client;
  private final ApiVersions apiVersions;
  private final Session session;
  private final ThreadPoolExecutor httpExecutor;
  private final TaskTracker taskTracker;
  private final ServerProfileTemplateClient serverProfileTemplates;
  private final ServerHardwareClient serverHardware;
  private final ServerProfileClient serverProfiles;
  private final TaskClient tasks;
  private final ServerHardwareTypeClient serverHardwareTypes;
  private final EnclosureGroupClient enclosureGroups;
  private final EthernetNetworkClient ethernetNetworks;
  private final NetworkSetClient networkSets;
  private final CertificateClient certificates;
  private final FcNetworkClient fcNetworks;
  private final EnclosureClient enclosures;
  private final FcoeNetworkClient fcoeNetworks;
  private final FirmwareDriverClient firmwareDrivers;
  private final ScopeClient scopes;
  private final LabelClient labels;
  private final AlertClient alerts;
  private final OneViewApi api;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Pager pager;

  private OneView(Builder settings, HttpUrl url, OkHttpClient client) {
    this.settings = settings;
    this.url = url;
    this.client = client;

    HttpStack stack = new HttpStack(settings, url, client);
    this.apiVersions = stack.apiVersions();
    this.session = stack.session();
    this.httpExecutor = stack.httpExecutor();
    OneViewApi api = stack.api();
    this.api = api;
    Pager pager = new Pager(api, settings.listConcurrency, closed::get);
    this.pager = pager;
    this.taskTracker = new TaskTracker(api, settings.pollInitial, settings.pollMax, HttpStack.daemonThreads("oneview-tasks-"));
    this.tasks = new RealTaskClient(api, taskTracker, settings.pollInitial, settings.pollMax);
    this.serverProfileTemplates = new RealServerProfileTemplateClient(resources(RealServerProfileTemplateClient.COLLECTION), apiVersions);
    this.serverHardware = new RealServerHardwareClient(resources(RealServerHardwareClient.COLLECTION));
    this.serverProfiles = new RealServerProfileClient(resources(RealServerProfileClient.COLLECTION), apiVersions);
    this.serverHardwareTypes = new RealServerHardwareTypeClient(resources(RealServerHardwareTypeClient.COLLECTION));
    this.enclosureGroups = new RealEnclosureGroupClient(resources(RealEnclosureGroupClient.COLLECTION));
    this.ethernetNetworks = new RealEthernetNetworkClient(resources(RealEthernetNetworkClient.COLLECTION), apiVersions);
    this.networkSets = new RealNetworkSetClient(resources(RealNetworkSetClient.COLLECTION), apiVersions);
    this.certificates = new RealCertificateClient(api, apiVersions);
    this.fcNetworks = new RealFcNetworkClient(resources(RealFcNetworkClient.COLLECTION));
    this.enclosures = new EnclosureClient(resources(EnclosureClient.COLLECTION));
    this.fcoeNetworks = new FcoeNetworkClient(resources(FcoeNetworkClient.COLLECTION), apiVersions);
    this.firmwareDrivers = new FirmwareDriverClient(resources(FirmwareDriverClient.COLLECTION));
    this.scopes = new ScopeClient(resources(ScopeClient.COLLECTION), apiVersions);
    this.labels = new LabelClient(resources(LabelClient.COLLECTION));
    this.alerts = new AlertClient(resources(AlertClient.COLLECTION));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with this instance's settings that shares its HTTP client (connection pool, TLS
   * settings, timeouts). The new instance has its own session.
   */
  public Builder newBuilder() {
    Builder result = settings.copy();
    result.client = client;
    // The shared client already carries the trust and timeout settings.
    result.trustPath = null;
    result.trustPem = null;
    result.trustStore = null;
    result.insecure = false;
    result.connectTimeout = null;
    result.readTimeout = null;
    result.maxIdleConnections = null; // and its connection pool
    return result;
  }

  /** The appliance's base URL. */
  public String url() {
    return url.toString();
  }

  /**
   * The API version sent as {@code X-API-Version}: the pinned one, or min(appliance current version,
   * {@link #MAX_KNOWN_API_VERSION}). The first call asks the appliance ({@code GET /rest/version}).
   */
  public int apiVersion() {
    checkOpen();
    return apiVersions.version();
  }

  /** Server profile templates. */
  public ServerProfileTemplateClient serverProfileTemplates() {
    return serverProfileTemplates;
  }

  /** Server hardware. */
  public ServerHardwareClient serverHardware() {
    return serverHardware;
  }

  /** Server profiles. */
  public ServerProfileClient serverProfiles() {
    return serverProfiles;
  }

  /** Tasks. */
  public TaskClient tasks() {
    return tasks;
  }

  /** Server hardware types. */
  public ServerHardwareTypeClient serverHardwareTypes() {
    return serverHardwareTypes;
  }

  /** Enclosure groups. */
  public EnclosureGroupClient enclosureGroups() {
    return enclosureGroups;
  }

  /** Ethernet networks. */
  public EthernetNetworkClient ethernetNetworks() {
    return ethernetNetworks;
  }

  /** Network sets. */
  public NetworkSetClient networkSets() {
    return networkSets;
  }

  /** Certificates for the State-Change Message Bus (client certificate, key, internal CA). */
  public CertificateClient certificates() {
    return certificates;
  }

  /** Fibre Channel networks (read-only). */
  public FcNetworkClient fcNetworks() {
    return fcNetworks;
  }

  /** Enclosures. */
  public EnclosureClient enclosures() {
    return enclosures;
  }

  /** Fibre Channel over Ethernet networks. */
  public FcoeNetworkClient fcoeNetworks() {
    return fcoeNetworks;
  }

  /** Firmware bundles (baselines). */
  public FirmwareDriverClient firmwareDrivers() {
    return firmwareDrivers;
  }

  /** Scopes (API 300 and later). */
  public ScopeClient scopes() {
    return scopes;
  }

  /** Labels and the labels of resources. */
  public LabelClient labels() {
    return labels;
  }

  /** Alerts. */
  public AlertClient alerts() {
    return alerts;
  }

  /**
   * A client for the collection at {@code collectionUri}, such as {@code "/rest/enclosures"} or
   * {@code "/rest/logical-interconnects"}, with members as lossless JSON documents: for what the
   * typed clients do not cover. It shares this instance's session, retries, paging and task
   * tracking. Cheap: create one whenever needed.
   *
   * @throws IllegalArgumentException if {@code collectionUri} is not a path such as {@code /rest/...}
   *     (without query or trailing slash).
   */
  public ResourceClient resources(String collectionUri) {
    return new ResourceClient(api, pager, tasks, apiVersions, collectionUri);
  }

  /**
   * How long the current session may stay idle before the appliance ends it ({@code GET
   * /rest/sessions/idle-timeout}; 24 hours unless changed).
   */
  public Duration sessionIdleTimeout() {
    checkOpen();
    return SessionIdleTimeout.read(api, session);
  }

  /**
   * Changes how long the current session may stay idle ({@code POST /rest/sessions/idle-timeout});
   * the appliance allows up to 24 hours.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive, over 24 hours, or not whole milliseconds.
   */
  public void sessionIdleTimeout(Duration timeout) {
    checkOpen();
    SessionIdleTimeout.write(api, session, timeout);
  }

  /**
   * A snapshot of templates, hardware types, enclosure groups, servers and profiles, listed
   * concurrently, with each server classified for the caller. Only the caller knows which profiles
   * are its own, so {@code owned} decides: a server whose profile it accepts is {@link
   * Inventory.Availability#OWNED}, any other profile makes it {@link
   * Inventory.Availability#USED_BY_OTHERS}.
   *
   * @throws OneViewException if any of the listings fails.
   */
  public Inventory inventory(Predicate<ServerProfile> owned) {
    checkOpen();
    return Inventory.collect(this, owned);
  }

  /**
   * Deletes the current session on the appliance, if there is one. A later call logs in again.
   *
   * @throws OneViewException if the appliance could not be reached.
   */
  public void logout() {
    session.logout();
  }

  /**
   * Logs out and releases this instance's threads. Idempotent; never throws: a failed logout is
   * logged. Calls after close fail with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    // The watches end, and the tracker's thread with them, before the logout: a poll that fails
    // once the session or the HTTP pool is gone finds no one to report to.
    taskTracker.close();
    try {
      session.close();
    } catch (RuntimeException e) {
      log.warn("Logout from {} failed; the session will expire on its own: {}", url, e.getMessage());
    } finally {
      httpExecutor.shutdown(); // listings check closed first (Pager), so none is rejected half-way
    }
  }

  /** The pager shared by this instance's resource clients. */
  Pager pager() {
    return pager;
  }

  /** The most threads the HTTP dispatcher's pool ever had (bounded by listConcurrency). */
  int largestHttpThreadCount() {
    return httpExecutor.getLargestPoolSize();
  }

  private void checkOpen() {
    if (closed.get()) throw new IllegalStateException("OneView client is closed");
  }

  @Override
  public String toString() {
    return "OneView{url=" + url + (settings.userName != null ? ", user=" + settings.userName : ", session=application's") + "}";
  }

  /**
   * Configures a {@link OneView}. {@link #url} and {@link #credentials} are required.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    // Package-private: HttpStack reads them when it builds the HTTP client.
    String url;
    String userName;
    char[] password;
    String authLoginDomain;
    java.util.function.Supplier<String> sessionToken;
    java.net.Proxy proxy;
    Integer apiVersion;
    Path trustPath;
    String trustPem;
    KeyStore trustStore;
    boolean insecure;
    Duration connectTimeout;
    Duration readTimeout;
    // Polls at 0, 0.5, 1.25, 2.4, 4.1, 6.6 s...: a 2-5 s task is noticed at most 1.6 s late (doubling
    // from 1 s polled at 0, 1, 3, 7 s: up to 4 s late), while a 10-minute Synergy task still costs
    // about one poll per 10 s once the interval has grown (RealTaskClient.POLL_GROWTH).
    Duration pollInitial = Duration.ofMillis(500);
    Duration pollMax = Duration.ofSeconds(10);
    int maxRetries = 3;
    Duration retryInitial = Duration.ofMillis(500);
    Duration retryMax = Duration.ofSeconds(5);
    // Each page is one GET, the appliance documents no rate limit, and a wave is bounded by this
    // number and by the collection's size: 16 lists 2,000 servers (63 pages of 32) in 4 waves, not 8.
    // 64 pages in flight list 2,000 servers (65 overlapping pages of 32) in about one round trip.
    int listConcurrency = 64;
    // Shorter than the idle timeout of the appliance's web front end (and Jetty's 30 s default), so
    // a pooled connection is closed by us before the server drops it under a request.
    Duration keepAlive = Duration.ofSeconds(20);
    Integer maxIdleConnections;
    OkHttpClient client;

    private Builder() {}

    private Builder copy() {
      Builder result = new Builder();
      result.url = url;
      result.userName = userName;
      result.password = password == null ? null : password.clone();
      result.authLoginDomain = authLoginDomain;
      result.sessionToken = sessionToken;
      result.proxy = proxy;
      result.apiVersion = apiVersion;
      result.trustPath = trustPath;
      result.trustPem = trustPem;
      result.trustStore = trustStore;
      result.insecure = insecure;
      result.connectTimeout = connectTimeout;
      result.readTimeout = readTimeout;
      result.pollInitial = pollInitial;
      result.pollMax = pollMax;
      result.maxRetries = maxRetries;
      result.retryInitial = retryInitial;
      result.retryMax = retryMax;
      result.listConcurrency = listConcurrency;
      result.keepAlive = keepAlive;
      result.maxIdleConnections = maxIdleConnections;
      result.client = client;
      return result;
    }

    /** The appliance's base URL, such as {@code https://oneview.example.com}. Required. */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url == null");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) throw new IllegalArgumentException("url is not an http or https URL: " + withoutUserInfo(url));
      // A password in the URL would be printed wherever the URL is (toString, warnings, logs).
      if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
        throw new IllegalArgumentException("url must not contain credentials; use credentials(user, password)");
      }
      this.url = url;
      return this;
    }

    /** The user to log in as and their password (copied; never logged). Required. */
    public Builder credentials(String userName, char[] password) {
      Objects.requireNonNull(userName, "userName == null");
      Objects.requireNonNull(password, "password == null");
      if (userName.isBlank()) throw new IllegalArgumentException("userName is blank");
      this.userName = userName;
      this.password = password.clone();
      this.sessionToken = null;
      return this;
    }

    /**
     * Uses the session {@code sessionId} that the embedding application logged in with, instead of
     * logging in: this client never logs in or out then, and a session the appliance rejects fails
     * with {@link AuthenticationException}. Replaces {@link #credentials}.
     */
    public Builder sessionId(String sessionId) {
      Objects.requireNonNull(sessionId, "sessionId == null");
      if (sessionId.isBlank()) throw new IllegalArgumentException("sessionId is blank");
      return sessionToken(() -> sessionId);
    }

    /**
     * Asks {@code sessionToken} for the session ID to send, instead of logging in: before the
     * first request, and again once when the appliance rejects the current one (a renewed session
     * is then retried; the same one again fails with {@link AuthenticationException}). This client
     * never logs in or out. The supplier is called on the SDK's threads and must be thread-safe.
     * Replaces {@link #credentials}.
     */
    public Builder sessionToken(java.util.function.Supplier<String> sessionToken) {
      this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken == null");
      this.userName = null;
      this.password = null;
      return this;
    }

    /**
     * Connects through {@code proxy}, such as {@code new Proxy(Proxy.Type.HTTP, new
     * InetSocketAddress("proxy.example.com", 3128))}; HTTPS is tunnelled with CONNECT.
     */
    public Builder proxy(java.net.Proxy proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy == null");
      return this;
    }

    /** The directory to log in with ({@code authLoginDomain}); the appliance's default if unset. */
    public Builder authLoginDomain(String authLoginDomain) {
      this.authLoginDomain = Objects.requireNonNull(authLoginDomain, "authLoginDomain == null");
      return this;
    }

    /**
     * Pins {@code X-API-Version} instead of negotiating it. The first call fails if the appliance
     * does not support the version.
     */
    public Builder apiVersion(int apiVersion) {
      if (apiVersion <= 0) throw new IllegalArgumentException("apiVersion <= 0: " + apiVersion);
      this.apiVersion = apiVersion;
      return this;
    }

    /** Trusts only the certificates in the PEM file at {@code pem} (the appliance's CA or its own certificate). */
    public Builder trust(Path pem) {
      clearTrust();
      this.trustPath = Objects.requireNonNull(pem, "pem == null");
      return this;
    }

    /** Trusts only the certificates in {@code pem}, PEM text with one or more certificates. */
    public Builder trust(String pem) {
      clearTrust();
      this.trustPem = Objects.requireNonNull(pem, "pem == null");
      return this;
    }

    /** Trusts only the certificates in {@code trustStore}. */
    public Builder trust(KeyStore trustStore) {
      clearTrust();
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore == null");
      return this;
    }

    /**
     * Accepts any certificate and host name. Anyone on the network path can then read the
     * credentials; use it only against lab appliances. Logs a warning.
     */
    public Builder insecure() {
      clearTrust();
      this.insecure = true;
      return this;
    }

    private void clearTrust() {
      trustPath = null;
      trustPem = null;
      trustStore = null;
      insecure = false;
    }

    /** How long to wait for a connection; 10 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for data on a connection; 60 s by default. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * Task polling interval: starts at {@code initial} and grows by half after each poll up to
     * {@code max}; 500 ms to 10 s by default.
     */
    public Builder taskPolling(Duration initial, Duration max) {
      positive(initial, "initial");
      positive(max, "max");
      if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max < initial: " + max + " < " + initial);
      this.pollInitial = initial;
      this.pollMax = max;
      return this;
    }

    /**
     * How often to retry an idempotent request (GET, or PUT/DELETE with {@code If-Match}) after a
     * connection failure or HTTP 502/503/504 (and a GET after HTTP 500), with exponential backoff from {@code initialBackoff}
     * to {@code maxBackoff} plus jitter. 3 retries, 500 ms to 5 s by default; 0 disables retries.
     */
    public Builder retries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
      if (maxRetries < 0) throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
      positive(initialBackoff, "initialBackoff");
      positive(maxBackoff, "maxBackoff");
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff < initialBackoff: " + maxBackoff + " < " + initialBackoff);
      }
      this.maxRetries = maxRetries;
      this.retryInitial = initialBackoff;
      this.retryMax = maxBackoff;
      return this;
    }

    /**
     * How many requests this client sends at once on its own threads (listing pages, task polls);
     * 64 by default. All pages of a collection whose size is known are requested together and
     * OkHttp's dispatcher sends up to this many at a time; a listing's thread count never exceeds it.
     */
    public Builder listConcurrency(int listConcurrency) {
      if (listConcurrency < 1) throw new IllegalArgumentException("listConcurrency < 1: " + listConcurrency);
      this.listConcurrency = listConcurrency;
      return this;
    }

    /**
     * How long an idle pooled connection is kept for reuse; 20 s by default. Keep it shorter than
     * the appliance's idle timeout: a connection the server has already closed fails the next
     * request sent on it (retried, and logged, when idempotent). Ignored with {@link
     * #client(OkHttpClient)}, whose connection pool is kept.
     */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = positive(keepAlive, "keepAlive");
      return this;
    }

    /**
     * How many idle connections to the appliance to keep open (for {@link #keepAlive}) for reuse; by default
     * max(16, 2 &times; {@link #listConcurrency}). A connection closed after a burst of parallel
     * requests costs a new TCP and TLS handshake in the next burst, so callers with more threads
     * calling at once (such as a pool of workers polling tasks) should raise it to their thread
     * count. Ignored with {@link #client(OkHttpClient)}, whose connection pool is kept.
     */
    public Builder maxIdleConnections(int maxIdleConnections) {
      if (maxIdleConnections < 1) throw new IllegalArgumentException("maxIdleConnections < 1: " + maxIdleConnections);
      this.maxIdleConnections = maxIdleConnections;
      return this;
    }

    /**
     * The HTTP client to derive this instance's client from (sharing its connection pool, so
     * {@link #maxIdleConnections} does not apply). Trust and timeout settings of this builder are
     * applied on top when set. Its silent retry of failed
     * connections is turned off: the SDK retries only idempotent requests itself.
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Creates the client. Does no network I/O.
     *
     * @throws IllegalStateException if the URL or the credentials are missing.
     * @throws IllegalArgumentException if the trusted certificates cannot be read.
     */
    public OneView build() {
      if (url == null) throw new IllegalStateException("url required.");
      if (userName == null && sessionToken == null) throw new IllegalStateException("credentials required.");
      HttpUrl base = HttpUrl.get(url.endsWith("/") ? url : url + "/");

      Builder settings = copy();
      return new OneView(settings, base, HttpStack.httpClient(settings, base));
    }

    /** {@code url} with any user info before the host masked, for messages. */
    private static String withoutUserInfo(String url) {
      return url.replaceFirst("^([^:/?#]*://)[^/?#]*@", "$1***@");
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name + " == null");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
      return duration;
    }

    @Override
    public String toString() {
      return "OneView.Builder{url=" + url + ", user=" + userName + "}";
    }
  }
}
