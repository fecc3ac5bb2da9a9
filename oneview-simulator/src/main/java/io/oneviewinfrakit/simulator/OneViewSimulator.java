package io.oneviewinfrakit.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.tls.HeldCertificate;

/**
 * A stateful fake HPE OneView appliance served over real HTTPS on loopback, with fault injection,
 * a request log and simulated time, for tests and demos.
 *
 * <p>It serves {@code /rest/version}, login sessions, server hardware (and its power state),
 * server hardware types, enclosure groups, Ethernet networks, network sets, firmware bundles,
 * server profile templates (and {@code new-profile}), server profiles (with connections, boot
 * settings, firmware and template compliance) and tasks, honouring {@code X-API-Version} 200..8600, collection paging, filters
 * and sorting, eTags, and OneView's profile rules. Tasks advance in simulated time: with the
 * default {@link Duration#ZERO} durations a task completes on the next request after the one that
 * started it. Thread-safe; a stopped simulator cannot be restarted.
 *
 * <p>For example:
 *
 * <pre>{@code
 * try (OneViewSimulator sim = OneViewSimulator.builder().servers(16).build().start()) {
 *   HandshakeCertificates trust = new HandshakeCertificates.Builder()
 *       .addTrustedCertificate(sim.certificate())           // trust exactly this simulator
 *       .build();
 *   OkHttpClient http = new OkHttpClient.Builder()
 *       .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
 *       .build();
 *   // POST sim.url() + "/rest/login-sessions" with sim.username() and sim.password(), then ...
 *   sim.faults().failNextTask(TaskKind.PROFILE_CREATE, "ProfileAlreadyExistsInServer");
 *   assertThat(sim.requests().count("POST", "/rest/server-profiles")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class OneViewSimulator implements AutoCloseable {
  private final Builder builder;
  private final Appliance appliance;
  private final ApplianceControls controls;
  private final Faults faults;
  private final RequestLog requests = new RequestLog();
  private final Expectations expectations = new Expectations();
  private final SimulatorServer server;

  private OneViewSimulator(Builder b) {
    this.builder = b;
    Inventory inventory = b.inventory != null ? b.inventory : Inventory.standard(b.servers);
    this.appliance = new Appliance(new Appliance.Config(b.clock, b.username, b.password,
        b.readOnlyUsername, b.readOnlyPassword, b.sessionIdleTimeout, b.sessionLimitPerClient, b.durations, b.listingLag,
        b.absoluteTaskLocation, b.currentApiVersion, b.seed, inventory));
    this.controls = new ApplianceControls(appliance);
    this.faults = new Faults(b.seed, appliance);
    appliance.faults(faults);
    this.server = new SimulatorServer(!b.http);
  }

  /** A builder with the defaults: HTTPS, free port, 16 servers, zero-length tasks. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds loopback and starts serving; returns this.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public synchronized OneViewSimulator start() {
    if (server.url() == null) {
      server.start(this, new SimulatorHandler(appliance, faults, requests, builder.clock, expectations),
          builder.port, appliance, builder.scmb, builder.adminPort);
    }
    return this;
  }

  /** Stops serving; idempotent. */
  public void stop() {
    server.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** Base URL such as {@code https://127.0.0.1:40123} (no trailing slash). */
  public String url() {
    String u = server.url();
    if (u == null) {
      throw new IllegalStateException("not started");
    }
    return u;
  }

  /**
   * Base URL of the admin endpoint, such as {@code http://127.0.0.1:40124}.
   *
   * @throws IllegalStateException when not started or started without {@link Builder#adminPort(int)}
   */
  public String adminUrl() {
    AdminServer a = server.admin();
    if (a == null) {
      throw new IllegalStateException("no admin endpoint: not started, or Builder.adminPort not set");
    }
    return "http://127.0.0.1:" + a.port();
  }

  /** The bound port. */
  public int port() {
    return URI.create(url()).getPort();
  }

  /** Whether the simulator serves HTTPS (the default) rather than plain HTTP. */
  public boolean isHttps() {
    return server.certificate() != null;
  }

  /**
   * The self-signed certificate generated for this instance, PEM-encoded, so a client can trust
   * exactly it.
   *
   * @throws IllegalStateException when serving plain HTTP
   */
  public String certificatePem() {
    return held().certificatePem();
  }

  /** The self-signed certificate generated for this instance. */
  public X509Certificate certificate() {
    return held().certificate();
  }

  private HeldCertificate held() {
    HeldCertificate certificate = server.certificate();
    if (certificate == null) {
      throw new IllegalStateException("serving plain HTTP: there is no certificate");
    }
    return certificate;
  }

  /**
   * The TLS port of the State-Change Message Bus on 127.0.0.1 (AMQP 0-9-1, client certificate
   * and SASL EXTERNAL required, exchange {@code scmb}); the appliance's is 5671.
   *
   * @throws IllegalStateException unless built with {@link Builder#scmb(boolean)} and started
   */
  public int scmbPort() {
    return bus().port();
  }

  /** The internal CA that signs the bus's server certificate and the client certificates, PEM. */
  public String scmbCertificateAuthorityPem() {
    return bus().caPem();
  }

  /** Number of SCMB messages published so far. */
  public long scmbMessagesPublished() {
    return bus().messagesPublished();
  }

  /**
   * Closes every State-Change Message Bus connection, as a broker restart or a network cut would;
   * messages published before the clients reconnect are lost to them, as on the appliance.
   */
  public OneViewSimulator dropScmbConnections() {
    bus().dropConnections();
    return this;
  }

  /**
   * Regenerates the internal CA, the bus's server certificate and the client certificate, as
   * {@code DELETE /rest/certificates/ca/default} does, and drops every bus connection: clients
   * holding the old files can no longer connect until they download new ones.
   */
  public OneViewSimulator regenerateCertificateAuthority() {
    bus().regenerateCa();
    return this;
  }

  private Scmb bus() {
    Scmb bus = server.scmb();
    if (bus == null) {
      throw new IllegalStateException(builder.scmb ? "not started" : "the message bus is off: use builder().scmb(true)");
    }
    return bus;
  }

  /** The administrator user name ({@code Administrator} unless configured). */
  public String username() {
    return builder.username;
  }

  /** The read-only user's name, if {@link Builder#readOnlyUser} configured one. */
  public Optional<String> readOnlyUsername() {
    return Optional.ofNullable(builder.readOnlyUsername);
  }

  /** The read-only user's password, if {@link Builder#readOnlyUser} configured one. */
  public Optional<String> readOnlyPassword() {
    return Optional.ofNullable(builder.readOnlyPassword);
  }

  /** The administrator password (generated per instance unless configured). */
  public String password() {
    return builder.password;
  }

  /** The simulator clock (the one given to the builder, or the system UTC clock). */
  public Clock clock() {
    return builder.clock;
  }

  /** Fault injection switches. */
  public Faults faults() {
    return faults;
  }

  /** Every request received so far. */
  public RequestLog requests() {
    return requests;
  }

  /** Server hardware as stored now, in inventory order. */
  public List<ServerHardwareView> serverHardware() {
    return controls.snapshot("server-hardware").stream().map(ServerHardwareView::of).toList();
  }

  /** The server hardware named {@code name}, if any. */
  public Optional<ServerHardwareView> serverHardware(String name) {
    return serverHardware().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** Server profiles as stored now (including ones not yet listed), in creation order. */
  public List<ServerProfileView> serverProfiles() {
    return controls.snapshot("server-profiles").stream().map(ServerProfileView::of).toList();
  }

  /** Every task so far, oldest first. */
  public List<TaskView> tasks() {
    return controls.taskSnapshot().stream().map(TaskView::of).toList();
  }

  /** Number of live login sessions. */
  public int sessionCount() {
    return controls.sessionCount();
  }

  /** Sets a server's power state directly (as someone at the iLO would), without a task. */
  public OneViewSimulator powerState(String hardwareUri, String powerState) {
    controls.setHardware(hardwareUri, "powerState", Objects.requireNonNull(powerState));
    return this;
  }

  /**
   * Puts a server in or out of maintenance mode (its {@code maintenanceMode} field, served from
   * API 2400; nothing else changes, as on the appliance).
   */
  public OneViewSimulator maintenanceMode(String hardwareUri, boolean maintenance) {
    controls.setHardware(hardwareUri, "maintenanceMode", maintenance);
    return this;
  }

  /**
   * Sets a server's health {@code status} ({@code OK}, {@code Warning}, {@code Critical},
   * {@code Disabled} or {@code Unknown}), as the appliance does when the hardware reports a fault.
   */
  public OneViewSimulator serverStatus(String hardwareUri, String status) {
    if (!Set.of("OK", "Warning", "Critical", "Disabled", "Unknown").contains(status)) {
      throw new IllegalArgumentException("status must be OK, Warning, Critical, Disabled or Unknown: " + status);
    }
    controls.setHardware(hardwareUri, "status", status);
    return this;
  }

  /**
   * Stops tasks of these kinds (all kinds when none given) from ending, whatever the clock says,
   * so a test can observe them in flight; {@link #releaseTasks()} lets them end.
   */
  public OneViewSimulator holdTasks(TaskKind... kinds) {
    controls.holdTasks(kinds.length == 0 ? EnumSet.allOf(TaskKind.class) : EnumSet.copyOf(List.of(kinds)));
    return this;
  }

  /** Lets held tasks end: those already due end on the next request. */
  public OneViewSimulator releaseTasks() {
    controls.releaseTasks();
    return this;
  }

  /** Changes how long tasks of {@code kind} started from now on take. */
  public OneViewSimulator taskDuration(TaskKind kind, Duration duration) {
    controls.taskDuration(Objects.requireNonNull(kind), requireNotNegative(duration));
    return this;
  }

  /** Changes how long a created profile stays out of listings and GETs. */
  public OneViewSimulator profileListingLag(Duration lag) {
    controls.listingLag(requireNotNegative(lag));
    return this;
  }

  /**
   * Number of tasks not yet ended: held, or not yet due by the clock. Tasks already due are ended
   * first (as a request would), so {@code pendingTasks() == 0} means everything has settled.
   */
  public int pendingTasks() {
    return controls.pendingTasks();
  }

  /**
   * Starts a scripted answer for requests with this method (any case; {@code *} for any) and path
   * pattern ({@code *} = one segment, trailing {@code /**} = any rest); see {@link Expectation}.
   * {@link #reset()} forgets expectations not yet used up.
   */
  public Expectation.Builder expect(String method, String pathPattern) {
    return new Expectation.Builder(Route.of(method, pathPattern), expectations);
  }

  /**
   * Back to the starting state: seeded inventory, no sessions, tasks or created profiles, faults
   * off, request log empty, no expectations, tasks released; keeps the port, certificate and
   * credentials.
   */
  public OneViewSimulator reset() {
    expectations.clear();
    faults.clear();
    appliance.reset();
    requests.clear();
    return this;
  }

  private static Duration requireNotNegative(Duration d) {
    if (Objects.requireNonNull(d, "duration == null").isNegative()) {
      throw new IllegalArgumentException("duration < 0: " + d);
    }
    return d;
  }

  /** Configures a {@link OneViewSimulator}. Not thread-safe. */
  public static final class Builder {
    private int servers = 16;
    private Inventory inventory;
    private boolean http;
    private int port;
    private final Map<TaskKind, Duration> durations = new EnumMap<>(TaskKind.class);
    private Duration listingLag = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private long seed = 1;
    private String username = "Administrator";
    private String password = generatedPassword();
    private String readOnlyUsername;
    private String readOnlyPassword;
    private Duration sessionIdleTimeout = Duration.ofHours(24);
    private int sessionLimitPerClient = 960;
    private boolean absoluteTaskLocation;
    private int currentApiVersion = ApiVersions.MAXIMUM;
    private boolean scmb;
    private int adminPort = -1;

    private Builder() {
      for (TaskKind k : TaskKind.values()) {
        durations.put(k, Duration.ZERO);
      }
    }

    private static String generatedPassword() {
      String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      SecureRandom random = new SecureRandom();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return sb.toString();
    }

    /** Seeds the standard inventory ({@link Inventory#standard(int)}) with this many servers. */
    public Builder servers(int servers) {
      if (servers < 0) {
        throw new IllegalArgumentException("servers < 0: " + servers);
      }
      this.servers = servers;
      this.inventory = null;
      return this;
    }

    /** Seeds this inventory instead of the standard one. */
    public Builder inventory(Inventory inventory) {
      this.inventory = Objects.requireNonNull(inventory, "inventory == null");
      return this;
    }

    /** Seeds the inventory read from a JSON file (see {@link Inventory}). */
    public Builder inventory(Path file) {
      try {
        return inventory(Inventory.fromJson(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read inventory " + file, e);
      }
    }

    /** Serves plain HTTP instead of HTTPS. */
    public Builder http() {
      this.http = true;
      return this;
    }

    /** The port to bind on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How long tasks of {@code kind} take in simulated time. {@link Duration#ZERO} (the default)
     * completes a task on the next request after the one that started it.
     */
    public Builder taskDuration(TaskKind kind, Duration duration) {
      durations.put(Objects.requireNonNull(kind, "kind == null"), requireNotNegative(duration));
      return this;
    }

    /** The same duration for every kind of task. */
    public Builder taskDurations(Duration duration) {
      for (TaskKind k : TaskKind.values()) {
        taskDuration(k, duration);
      }
      return this;
    }

    /**
     * How long after its create request a profile appears in listings and GETs (state
     * {@code Creating}); zero by default. Real appliances show it a moment after the task starts.
     */
    public Builder profileListingLag(Duration lag) {
      this.listingLag = requireNotNegative(lag);
      return this;
    }

    /** The clock that drives session expiry and tasks; use {@link ManualClock} in tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Seed for generated ids and random faults, so runs repeat exactly. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username == null");
      return this;
    }

    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password == null");
      return this;
    }

    /**
     * A second user, with OneView's "Read only" role: its GETs work like the administrator's, and
     * every change it asks for (POST, PUT, PATCH, DELETE, power included) is refused with 403 and
     * the appliance's {@code AUTHORIZATION} error. Logging in and out and its own session's idle
     * timeout still work. The password is generated when null.
     */
    public Builder readOnlyUser(String username, String password) {
      this.readOnlyUsername = Objects.requireNonNull(username, "username == null");
      if (username.equalsIgnoreCase(this.username)) {
        throw new IllegalArgumentException("the read-only user needs its own name, not " + username);
      }
      this.readOnlyPassword = password == null ? generatedPassword() : password;
      return this;
    }

    /** Idle time after which a session dies (24 h, the appliance default). */
    public Builder sessionIdleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.sessionIdleTimeout = timeout;
      return this;
    }

    /** Live sessions allowed per client IP (960, the appliance default). */
    public Builder sessionLimitPerClient(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit < 1: " + limit);
      }
      this.sessionLimitPerClient = limit;
      return this;
    }

    /** Send task {@code Location} headers as absolute URLs, as some appliances do. */
    public Builder absoluteTaskLocation(boolean absolute) {
      this.absoluteTaskLocation = absolute;
      return this;
    }

    /**
     * The {@code currentVersion} reported by {@code /rest/version} and the highest accepted
     * {@code X-API-Version} (8600 by default; at least 200).
     */
    public Builder currentApiVersion(int version) {
      if (version < ApiVersions.MINIMUM || version > ApiVersions.MAXIMUM) {
        throw new IllegalArgumentException("version must be in [200, 8600]: " + version);
      }
      this.currentApiVersion = version;
      return this;
    }

    /**
     * Turns on the State-Change Message Bus (off by default): an embedded AMQP 0-9-1 broker
     * (Apache Qpid Broker-J, in memory, TLS with client certificates, SASL EXTERNAL) publishing
     * one message per resource change on exchange {@code scmb}, and the REST certificate endpoints
     * under {@code /rest/certificates}. Starting takes about a second more.
     */
    public Builder scmb(boolean enabled) {
      this.scmb = enabled;
      return this;
    }

    /**
     * Serves the admin endpoint (off by default) on this loopback port, 0 for a free one: plain
     * HTTP, JSON, no login; fault injection, task and clock controls for a simulator running in
     * another process. See the module README for its operations.
     */
    public Builder adminPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("admin port not in 0..65535: " + port);
      }
      this.adminPort = port;
      return this;
    }

    /** A simulator, not yet started. */
    public OneViewSimulator build() {
      return new OneViewSimulator(this);
    }
  }
}
