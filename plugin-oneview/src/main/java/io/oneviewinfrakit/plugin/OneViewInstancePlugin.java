package io.oneviewinfrakit.plugin;

import static java.util.Objects.requireNonNull;

import io.oneviewinfrakit.infrakit.spi.Attachment;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InputExample;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.infrakit.spi.Vendor;
import io.oneviewinfrakit.infrakit.spi.VendorInfo;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HPE OneView servers as InfraKit instances: an instance is a server profile this plugin created from
 * a server profile template on a free compatible server.
 *
 * <p>State lives in OneView only: each owned profile carries a versioned JSON envelope in its
 * description (owner namespace, instance ID, logical ID, every tag, PowerOn), so a restarted plugin
 * reports exactly the same instances. Provision and Destroy answer in milliseconds; the OneView tasks
 * run on a bounded worker pool while the instance is already listed (or already hidden).
 * DescribeInstances is served from an inventory refreshed in the background and throws when OneView
 * cannot be listed, never answering an empty list on a failure.
 *
 * <pre>{@code
 * OneViewInstancePlugin plugin = OneViewInstancePlugin.builder()
 *     .oneView(oneView).namespace("prod").refreshInterval(Duration.ofSeconds(5))
 *     .build().start();          // lists OneView once before answering
 * PluginServer.builder().name("instance-oneview").instancePlugin(plugin).build().start();
 * }</pre>
 */
public final class OneViewInstancePlugin implements InstancePlugin, Vendor, InputExample, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OneViewInstancePlugin.class);
  private static final Duration FIRST_REFRESH_TIMEOUT = Duration.ofMinutes(2);

  private final PluginSettings settings;
  private final InstanceRegistry registry = new InstanceRegistry();
  private final InventoryCache cache;
  private final BackgroundWork work;
  private final Destroyer destroyer;
  private final ProvisionIntake provisionIntake;
  private final DestroyIntake destroyIntake;
  private final RefreshPass refreshPass;
  private final PowerReconciler power;
  private final Labeller labeller;
  private final InstanceLister lister;
  /** Spec.Attachments by instance ID, as given (reported in Properties, not acted on; this run only). */
  private final Map<String, List<Attachment>> attachments = new ConcurrentHashMap<>();
  private final PropertyChecks checks;
  private final OneView oneView;
  private final boolean stateChangeBus;
  private final Integer stateChangeBusPort;
  private final Duration safetyNet;
  private volatile BusFeed bus;

  private OneViewInstancePlugin(Builder b) {
    this.settings = b.settings();
    OneViewGateway gateway = new OneViewGateway(requireNonNull(b.oneView, "oneView"),
        settings.profileTaskTimeout(), settings.powerTaskTimeout());
    ServerReservations reservations = new ServerReservations(b.clock, settings.powerOffFreeServers(),
        settings.maxStaleness());
    this.cache = new InventoryCache(this::loadInventory, this::refreshed, b.clock,
        settings.refreshInterval(), settings.maxStaleness());
    ThreadPoolExecutor executor = BackgroundWork.threadsOnDemand(settings.workers(),
        InventoryCache.daemon("oneview-work"));
    this.work = new BackgroundWork(executor,
        Executors.newSingleThreadScheduledExecutor(InventoryCache.daemon("oneview-timer")),
        settings.workers());
    Runnable refresh = cache::refresh;
    this.destroyer = new Destroyer(gateway, work, settings, b.clock, refresh);
    RightsRefusal rights = new RightsRefusal(b.clock, Duration.ofMinutes(2), Duration.ofMinutes(30));
    Provisioner provisioner = new Provisioner(gateway, cache, registry, reservations, settings,
        work, destroyer, b.clock, rights);
    this.power = new PowerReconciler(gateway, registry, settings, work, b.clock, refresh);
    this.labeller = new Labeller(gateway, cache, registry, settings, work);
    NetworkCatalog networks = new NetworkCatalog(gateway, b.clock, Duration.ofSeconds(30));
    DriftReconciler drift = new DriftReconciler(b.clock,
        b.reconcileInterval != null ? b.reconcileInterval : Duration.ZERO, executor,
        gateway::taskFailure);
    this.lister = new InstanceLister(cache, registry, drift, destroyer, networks, attachments);
    this.checks = new PropertyChecks(gateway, cache, networks);
    this.provisionIntake = new ProvisionIntake(settings, checks, rights, cache, registry,
        reservations, attachments, work, provisioner);
    this.destroyIntake = new DestroyIntake(settings, cache, registry, destroyer);
    this.refreshPass = new RefreshPass(gateway, settings, registry, reservations, attachments,
        drift, networks, destroyer, power, work);
    this.oneView = b.oneView;
    this.stateChangeBus = b.stateChangeBus;
    this.stateChangeBusPort = b.stateChangeBusPort;
    this.safetyNet = b.safetyNet;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a profile is an instance of this plugin's {@code namespace} (it carries the plugin's
   * envelope, any version, for that namespace): the ownership test the plugin and its {@code
   * inventory} command use, for {@link io.oneviewinfrakit.oneview.OneView#inventory}.
   */
  public static Predicate<ServerProfile> ownedBy(String namespace) {
    requireNonNull(namespace, "namespace");
    return profile -> EnvelopeCodec.decodeOwned(profile.description(), namespace).isPresent();
  }

  /**
   * Lists OneView once (waiting for it, so the first DescribeInstances after a restart reports every
   * existing instance) and starts the background refresh. If OneView cannot be listed the plugin
   * still starts: DescribeInstances reports the error until OneView answers.
   */
  public OneViewInstancePlugin start() {
    try {
      cache.refresh().get(FIRST_REFRESH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("OneView could not be listed at startup; the plugin serves and retries every {}",
          Durations.human(settings.refreshInterval()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stateChangeBus) {
      // Between listings the background passes run on the event-fed inventory every interval.
      bus = BusFeed.start(oneView, stateChangeBusPort, cache, settings.namespace(), safetyNet,
          inventory -> {
            destroyer.adopt(inventory);
            power.reconcile(inventory);
          });
    }
    cache.startPeriodic();
    return this;
  }

  /**
   * How the plugin learns of changes, for the ready line: from OneView's State-Change Message Bus
   * (with a full listing every few minutes as a safety net), or by listing every refresh interval.
   */
  public String changeFeed() {
    BusFeed b = bus;
    if (b == null) {
      return "polling every " + Durations.human(settings.refreshInterval());
    }
    return (b.connected() ? "State-Change Message Bus" : "State-Change Message Bus (reconnecting)")
        + ", full listing every " + Durations.human(safetyNet);
  }

  /** Full listings the bus asked for after a gap (tests). */
  long busResyncs() {
    BusFeed b = bus;
    return b == null ? 0 : b.resyncs();
  }

  /** Changes applied from bus events so far (tests). */
  long busEventsApplied() {
    BusFeed b = bus;
    return b == null ? 0 : b.applied();
  }

  /** The template names of the latest listing (empty before the first successful one). */
  public List<String> templateNames() {
    Inventory inventory = cache.latest();
    return inventory == null ? List.of() : inventory.templateNames();
  }

  /** Lists OneView now and waits for it (tests use it to observe a change without waiting for a tick). */
  void refreshNow() {
    try {
      cache.refresh().get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("refresh failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  /** Provision calls in progress (tests check that a refused call ends too). */
  int provisionCallsInProgress() {
    return work.provisionCallsInProgress();
  }

  /** Instances hidden from listings because this process destroys them (tests check none leaks). */
  Set<String> hiddenIds() {
    return Set.copyOf(registry.hidden.keySet());
  }

  /** The namespace whose profiles this plugin owns. */
  public String namespace() {
    return settings.namespace();
  }

  @Override
  public VendorInfo vendorInfo() {
    return new VendorInfo("infrakit-instance-oneview", "1.0.0",
        "https://github.com/oneview-infrakit/oneview-infrakit");
  }

  @Override
  public RawJson exampleProperties() {
    return RawJson.of("{\"TemplateName\":\"Docker-Gen8-Template\",\"PowerOn\":true,"
        + "\"ProfileNamePrefix\":\"infrakit-\",\"Note\":\"free text, ignored\"}");
  }

  // ---------------------------------------------------------------- Validate

  @Override
  public void validate(RawJson properties) {
    InstanceProperties parsed = InstanceProperties.parse(properties == null ? null : properties.json());
    TemplateView template = checks.template(parsed.templateName());
    checks.againstOneView(parsed, template);
    if (!settings.powerOffFreeServers()) {
      checks.warnIfFreeServersAreOn(template);
    }
  }

  // ---------------------------------------------------------------- Provision

  @Override
  public InstanceId provision(InstanceSpec spec) {
    return provisionIntake.provision(spec);
  }

  // ---------------------------------------------------------------- Label

  @Override
  public void label(InstanceId instanceId, Map<String, String> labels) {
    labeller.label(ownShape(instanceId, "label"), Map.copyOf(requireNonNull(labels, "labels")));
  }

  // ---------------------------------------------------------------- Destroy

  /**
   * Answers at once; the {@link Destroyer} writes the intent {@code Destroying} into the profile,
   * then powers off and deletes, retrying until the profile is gone (see its javadoc).
   */
  @Override
  public void destroy(InstanceId instanceId, DestroyContext context) {
    String id = ownShape(instanceId, "destroy");
    String reason = context == null || context == DestroyContext.NONE ? "unspecified"
        : context.reason();
    destroyIntake.destroy(id, reason);
  }

  // ---------------------------------------------------------------- DescribeInstances

  @Override
  public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
    return lister.describe(tags, properties);
  }

  // ---------------------------------------------------------------- helpers

  private String ownShape(InstanceId instanceId, String operation) {
    String id = requireNonNull(instanceId, "instance ID").value();
    if (!InstanceIds.hasOurShape(id)) {
      throw new PluginException("\"" + abbreviate(id) + "\" is not an instance ID of the OneView "
          + "plugin (they look like ov-xxxxxxxxxxxxxxxx); refusing to " + operation + " it");
    }
    return id;
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  // The cache is made before the passes its refresh feeds, so it calls back through the plugin.
  private Inventory loadInventory(long seq, Instant startedAt) {
    return refreshPass.load(seq, startedAt);
  }

  private void refreshed(Inventory inventory) {
    refreshPass.refreshed(inventory);
  }

  /** Stops the background refresh and work (interrupting OneView waits); OneView state is kept. */
  @Override
  public void close() {
    BusFeed b = bus;
    if (b != null) {
      b.close();
    }
    cache.close();
    work.close();
  }

  /** Builds an {@link OneViewInstancePlugin}; only {@link #oneView} is required. */
  public static final class Builder {
    private OneView oneView;
    private PluginSettings defaults = PluginSettings.defaults();
    private String namespace = defaults.namespace();
    private Duration refreshInterval = defaults.refreshInterval();
    private Duration maxStaleness;
    private Duration failureCooldown = defaults.failureCooldown();
    private Duration profileTaskTimeout = defaults.profileTaskTimeout();
    private Duration powerTaskTimeout = defaults.powerTaskTimeout();
    private int workers = defaults.workers();
    private int maxServerAttempts = defaults.maxServerAttempts();
    private boolean powerOffFreeServers = defaults.powerOffFreeServers();
    private Duration retryBase = defaults.retryBase();
    private Duration retryMax = defaults.retryMax();
    private Duration powerOnGrace = defaults.powerOnGrace();
    private Duration createLookupWait = defaults.createLookupWait();
    private int maxBacklog = defaults.maxBacklog();
    private boolean stateChangeBus;
    private Integer stateChangeBusPort;
    private Duration safetyNet = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private Duration reconcileInterval;

    private Builder() {}

    /**
     * How often the drift reconcile runs (on an inventory refresh at least this far apart); default
     * every refresh. Lost/Unhealthy from one listing's facts are reported at once regardless.
     */
    public Builder reconcileInterval(Duration reconcileInterval) {
      this.reconcileInterval = reconcileInterval;
      return this;
    }

    /** The OneView client (required); the plugin does not close it. */
    public Builder oneView(OneView oneView) {
      this.oneView = oneView;
      return this;
    }

    /** The owner namespace written into envelopes; default {@value PluginSettings#DEFAULT_NAMESPACE}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** How often OneView is listed in the background; default 5s. */
    public Builder refreshInterval(Duration refreshInterval) {
      this.refreshInterval = refreshInterval;
      return this;
    }

    /** How old a listing may be before DescribeInstances fails; default max(30s, 3 intervals). */
    public Builder maxStaleness(Duration maxStaleness) {
      this.maxStaleness = maxStaleness;
      return this;
    }

    /** How long a server that failed a provision is avoided; default 5 min. */
    public Builder failureCooldown(Duration failureCooldown) {
      this.failureCooldown = failureCooldown;
      return this;
    }

    /** How long to wait for a profile task; default 30 min. */
    public Builder profileTaskTimeout(Duration profileTaskTimeout) {
      this.profileTaskTimeout = profileTaskTimeout;
      return this;
    }

    /** How long to wait for a power task; default 5 min. */
    public Builder powerTaskTimeout(Duration powerTaskTimeout) {
      this.powerTaskTimeout = powerTaskTimeout;
      return this;
    }

    /** How many background jobs run at once; default 64. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /**
     * Whether a free server (no profile) that is powered on may be chosen: the plugin then powers it
     * off (PressAndHold) before applying a profile. Off by default: such a server may be in use bare
     * (over its iLO) by someone, and is not the plugin's to power off. Turn it on only when every
     * free server of the templates' hardware is the plugin's to take.
     */
    public Builder powerOffFreeServers(boolean powerOffFreeServers) {
      this.powerOffFreeServers = powerOffFreeServers;
      return this;
    }

    /**
     * The backoff of background steps that wait for OneView (a busy profile, a 409, an unreachable
     * appliance): first {@code base}, doubled each time up to {@code max}; default 1 s to 1 min.
     */
    public Builder retryBackoff(Duration base, Duration max) {
      this.retryBase = base;
      this.retryMax = max;
      return this;
    }

    /**
     * How long an owned profile must be seen applied with its server off before the reconcile powers
     * the server on (only provisions whose process died need it); default 1 min.
     */
    public Builder powerOnGrace(Duration powerOnGrace) {
      this.powerOnGrace = powerOnGrace;
      return this;
    }

    /**
     * How many provisions, and separately destroys and label writes, may be in progress at once;
     * past it a call is refused at once with an error saying so (InfraKit retries on its next
     * check), so a slow or hung appliance cannot make work pile up without bound. Default 256.
     */
    public Builder maxBacklog(int maxBacklog) {
      this.maxBacklog = maxBacklog;
      return this;
    }

    /**
     * Whether to learn of changes from OneView's State-Change Message Bus (AMQPS, port 5671, a client
     * certificate obtained through REST; the user needs the Infrastructure administrator role) when
     * the appliance offers it: events update the inventory in place, and OneView is listed in full
     * only at start, after a reconnect and every {@code safetyNet}. Without the bus (off, or not
     * reachable) the plugin lists every refresh interval. Default off in the builder; the executable
     * turns it on unless {@code --no-scmb}.
     */
    public Builder stateChangeBus(boolean enabled, Duration safetyNet) {
      this.stateChangeBus = enabled;
      this.safetyNet = requireNonNull(safetyNet, "safetyNet");
      return this;
    }

    /** The bus port when it is not the appliance's 5671 (the simulator's). */
    public Builder stateChangeBusPort(int port) {
      this.stateChangeBusPort = port;
      return this;
    }

    /**
     * How long a create whose answer was lost is looked for by profile name before the provision
     * fails (the profile is watched for, and removed if it appears, long after); default 15 s.
     */
    public Builder createLookupWait(Duration createLookupWait) {
      this.createLookupWait = createLookupWait;
      return this;
    }

    /** At most how many servers one provision tries when others take them first; default: all candidates. */
    public Builder maxServerAttempts(int maxServerAttempts) {
      this.maxServerAttempts = maxServerAttempts;
      return this;
    }

    /** The clock for cooldowns and staleness; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    PluginSettings settings() {
      Duration staleness = maxStaleness;
      if (staleness == null) {
        Duration threeIntervals = refreshInterval.multipliedBy(3);
        staleness = threeIntervals.compareTo(Duration.ofSeconds(30)) > 0
            ? threeIntervals : Duration.ofSeconds(30);
      }
      return new PluginSettings(namespace, refreshInterval, staleness, failureCooldown,
          profileTaskTimeout, powerTaskTimeout, workers, maxServerAttempts, powerOffFreeServers,
          retryBase, retryMax, powerOnGrace, createLookupWait, maxBacklog);
    }

    public OneViewInstancePlugin build() {
      return new OneViewInstancePlugin(this);
    }
  }
}
