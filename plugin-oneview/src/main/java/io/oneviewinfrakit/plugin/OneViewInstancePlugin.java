package io.oneviewinfrakit.plugin;

import static java.util.Objects.requireNonNull;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InputExample;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.infrakit.spi.Vendor;
import io.oneviewinfrakit.infrakit.spi.VendorInfo;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
  private static final String LOGICAL_ID_TAG = "infrakit.logical_id";
  private static final Duration FIRST_REFRESH_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration UNKNOWN_TEMPLATE_REFRESH_WAIT = Duration.ofSeconds(5);

  private final PluginSettings settings;
  private final OneViewGateway gateway;
  private final ServerReservations reservations;
  private final InstanceRegistry registry = new InstanceRegistry();
  private final InventoryCache cache;
  private final ThreadPoolExecutor executor;
  private final BackgroundWork work;
  // issue 8: networks by name, drift reporting, attachments, init warnings
  private final NetworkCatalog networks;
  private final DriftReconciler drift;
  /** Spec.Attachments by instance ID, as given (reported in Properties, not acted on; this run only). */
  private final Map<String, List<io.oneviewinfrakit.infrakit.spi.Attachment>> attachments =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Groups already warned that their Spec.Init is ignored (once per group and reason). */
  private final Set<String> initWarned = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private OneViewInstancePlugin(Builder b) {
    this.settings = b.settings();
    this.gateway = new OneViewGateway(requireNonNull(b.oneView, "oneView"),
        settings.profileTaskTimeout(), settings.powerTaskTimeout());
    this.reservations = new ServerReservations(b.clock);
    this.cache = new InventoryCache(this::loadInventory, this::refreshed, b.clock,
        settings.refreshInterval(), settings.maxStaleness());
    this.executor = new ThreadPoolExecutor(settings.workers(), settings.workers(), 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), InventoryCache.daemon("oneview-work"));
    executor.allowCoreThreadTimeOut(true);
    this.work = new BackgroundWork(gateway, cache, registry, reservations, settings, executor);
    this.networks = new NetworkCatalog(gateway, b.clock, Duration.ofSeconds(30));
    this.drift = new DriftReconciler(b.clock,
        b.reconcileInterval != null ? b.reconcileInterval : Duration.ZERO, executor,
        gateway::taskFailure);
  }

  public static Builder builder() {
    return new Builder();
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
    cache.startPeriodic();
    return this;
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

  /** The namespace whose profiles this plugin owns. */
  public String namespace() {
    return settings.namespace();
  }

  @Override
  public VendorInfo vendorInfo() {
    return new VendorInfo("infrakit-instance-oneview", "0.1.0",
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
    checkAgainstOneView(parsed, template(parsed.templateName()));
  }

  /**
   * The issue-8 checks that need OneView: hardware properties against the template and its servers,
   * Networks exist and the template manages connections, Boot and InitAttribute allowed by the
   * template. Throws {@link IllegalArgumentException} naming every problem; returns the network URIs.
   */
  private List<String> checkAgainstOneView(InstanceProperties p, TemplateView template) {
    List<String> problems = new ArrayList<>(ProfileCustomization.problems(p, template));
    HardwareMatch hardware = p.hardware();
    if (!hardware.isEmpty()) {
      Inventory inventory = cache.usable();
      List<ServerView> compatible = inventory.servers().values().stream()
          .filter(s -> s.isCompatibleWith(template)).toList();
      String typeName = hardware.serverHardwareType() == null ? null
          : gateway.hardwareTypeName(template.hardwareTypeUri());
      String groupName = hardware.enclosureGroup() == null ? null
          : gateway.enclosureGroupName(template.enclosureGroupUri());
      problems.addAll(hardware.check(template, typeName, groupName, compatible,
          inventory.servers().values()));
    }
    List<String> networkUris = List.of();
    if (!p.networks().isEmpty()) {
      try {
        networkUris = networks.resolve(p.networks());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid instance properties for template \""
          + template.name() + "\": " + String.join("; ", problems));
    }
    return networkUris;
  }

  /** The template by exact name; an unknown name is re-checked against a fresh listing once. */
  private TemplateView template(String name) {
    Inventory inventory = cache.usable();
    Optional<TemplateView> template = inventory.template(name);
    if (template.isEmpty()) {
      try { // it may have been created since the last refresh
        // Bounded well inside InfraKit's RPC timeout; the cached listing answers if it takes longer.
        inventory = cache.refresh().get(UNKNOWN_TEMPLATE_REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        template = inventory.template(name);
      } catch (ExecutionException | TimeoutException e) {
        inventory = cache.usable();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted while listing templates");
      }
    }
    List<String> names = inventory.templateNames();
    return template.orElseThrow(() -> new IllegalArgumentException("unknown template \""
        + name + "\"; available templates: " + (names.isEmpty() ? "(none)" : String.join(", ", names))));
  }

  // ---------------------------------------------------------------- Provision

  @Override
  public InstanceId provision(InstanceSpec spec) {
    requireNonNull(spec, "spec");
    InstanceProperties properties = InstanceProperties.parse(spec.properties().json());
    String logicalId = spec.logicalId() != null ? spec.logicalId().value() : null;
    String id = InstanceIds.newId();
    // Refuse oversized tags now, not after a server was reserved.
    EnvelopeCodec.encode(new Envelope(settings.namespace(), id, logicalId, spec.tags(),
        properties.powerOn()));
    TemplateView template = template(properties.templateName());
    properties.hardware().checkLogicalId(logicalId);
    List<String> networkUris = checkAgainstOneView(properties, template);
    Inventory inventory = cache.usable();
    ServerReservations.Choice choice = reservations.reserve(id, template,
        inventory.servers().values(), Set.of(), properties.hardware().accepts(logicalId));
    if (choice.server().isEmpty()) {
      ServerReservations.Counts c = choice.counts();
      throw new PluginException("no free server for template \"" + template.name() + "\": 0 of "
          + c.compatible() + " compatible servers free"
          + (c.explain().isEmpty() ? "" : " (" + c.explain() + ")"));
    }
    ServerView server = choice.server().get();
    InFlightInstance instance = new InFlightInstance(id, properties, template, logicalId, spec.tags(),
        settings.namespace(), server.uri());
    instance.customize = ProfileCustomization.of(properties, template, networkUris, spec.init());
    warnIfInitIgnored(properties, template, spec);
    if (!spec.attachments().isEmpty()) {
      attachments.put(id, spec.attachments());
    }
    registry.inFlight.put(id, instance);
    try {
      work.submit(() -> work.provision(instance));
    } catch (RejectedExecutionException e) {
      registry.inFlight.remove(id);
      reservations.release(server.uri(), id);
      throw new PluginException("the plugin is shutting down; provision refused");
    }
    log.info("Provisioning instance {} on server {} from template \"{}\"", id, server.name(),
        template.name());
    return InstanceId.of(id);
  }

  /** Spec.Init reaches a server only through an OS deployment plan; say once per group when it does not. */
  private void warnIfInitIgnored(InstanceProperties properties, TemplateView template, InstanceSpec spec) {
    if (spec.init().isEmpty() || ProfileCustomization.deliversInit(properties, template, spec.init())) {
      return;
    }
    String group = spec.tags().getOrDefault("infrakit.group", "(no infrakit.group tag)");
    String why = template.osDeploymentPlanUri() == null
        ? "template \"" + template.name() + "\" has no OS deployment plan"
        : "property \"" + InstanceProperties.INIT_ATTRIBUTE + "\" does not name the OS custom attribute "
            + "to pass it in";
    if (initWarned.add(group + "\n" + why)) {
      log.warn("Group {}: Spec.Init (the flavor's boot script, {} characters) is ignored: {}. OneView "
          + "can only hand a script to a server through an OS deployment plan's custom attribute",
          LogText.of(group), spec.init().length(), why);
    }
  }

  // ---------------------------------------------------------------- Label

  @Override
  public void label(InstanceId instanceId, Map<String, String> labels) {
    String id = ownShape(instanceId, "label");
    Map<String, String> merge = Map.copyOf(requireNonNull(labels, "labels"));
    Inventory inventory = cache.usable();
    if (registry.isHidden(id)) {
      throw new PluginException("instance " + id + " is being destroyed; labels not changed");
    }
    // One Label of an instance at a time (OneView would answer 409 to the second PUT anyway): the
    // overlay left in place is then the one of the write OneView accepted last, so a caller's
    // earlier Label can never cover its later one.
    java.util.concurrent.locks.Lock lock = registry.labelLocks.get(id);
    lock.lock();
    boolean written;
    try {
      written = labelLocked(id, merge, inventory);
    } finally {
      lock.unlock();
    }
    if (written) {
      log.info("Labelled instance {} with {}", id, LogText.of(merge.keySet()));
    }
  }

  /** Label's work under the instance's label lock; false when only the pending envelope changed. */
  private boolean labelLocked(String id, Map<String, String> merge, Inventory listed) {
    InFlightInstance instance = registry.inFlight.get(id);
    // The listing was read before this look-up: a refresh may have dropped the in-flight entry in
    // between because a newer listing shows its profile. Re-read the listing then (as Destroy reads
    // the in-flight entry first), or the instance would wrongly be "unknown".
    Inventory inventory = instance == null && !listed.owned().containsKey(id) ? cache.usable() : listed;
    String profileUri;
    if (instance != null) {
      synchronized (instance) {
        instance.mergeTags(merge);
        profileUri = instance.profileUri();
      }
      if (profileUri == null) {
        // The background work writes the merged tags with (or right after) the profile.
        log.info("Labelled instance {} with {} (still provisioning: written with its profile)", id,
            LogText.of(merge.keySet()));
        return false;
      }
    } else {
      Inventory.OwnedProfile owned = owned(inventory, id, "label");
      EnvelopeCodec.encode(owned.envelope().withMergedTags(merge)); // size check before any call
      profileUri = owned.profile().uri();
    }
    AtomicReference<Map<String, String>> written = new AtomicReference<>();
    Task task = gateway.updateDescription(profileUri, profile -> {
      Envelope envelope = EnvelopeCodec.decodeInstance(profile.description(), settings.namespace(), id)
          .orElseThrow(() -> new PluginException("instance " + id + ": its profile "
              + profile.uri() + " no longer carries this plugin's envelope; not labelled"));
      // An instance still in flight may have labels pending that its provision has not written
      // yet: write the instance's whole tag set as of this attempt, so this write (and its
      // overlay) is never older than the in-flight entry it replaces in listings.
      Envelope merged = envelope.withMergedTags(instance != null ? instance.tags() : merge);
      written.set(merged.tags());
      return EnvelopeCodec.encode(merged);
    });
    InstanceRegistry.LabelOverlay overlay = new InstanceRegistry.LabelOverlay(written.get());
    registry.labelOverlays.put(id, overlay);
    work.submit(() -> work.awaitLabel(id, task, overlay));
    return true;
  }

  // ---------------------------------------------------------------- Destroy

  @Override
  public void destroy(InstanceId instanceId, DestroyContext context) {
    String id = ownShape(instanceId, "destroy");
    String reason = context == null || context == DestroyContext.NONE ? "unspecified"
        : context.reason();
    InFlightInstance instance = registry.inFlight.get(id);
    if (instance != null && instance.requestDestroyUnlessFinished()) {
      registry.hidden.computeIfAbsent(id, k -> new InstanceRegistry.Hidden());
      log.info("Destroying instance {} (reason: {}) while it is provisioning: its work stops and "
          + "what it created is removed", id, reason);
      return;
    }
    if (registry.isHidden(id)) {
      return; // already being destroyed
    }
    Inventory inventory = cache.usable();
    Inventory.OwnedProfile owned = inventory.owned().get(id);
    if (owned == null && instance != null && instance.profileUri() != null) {
      // Provisioned a moment ago: not in the inventory yet, but its profile is known.
      owned = new Inventory.OwnedProfile(new ProfileView(instance.profileUri(),
          instance.properties.profileName(id), null, null, null, instance.serverUri(), null, null),
          instance.envelope());
    }
    if (owned == null) {
      String otherOwner = inventory.foreignOwners().get(id);
      if (otherOwner != null) {
        throw new PluginException("instance " + id + " belongs to namespace \"" + otherOwner
            + "\", not to this plugin's namespace \"" + settings.namespace() + "\"; not destroyed");
      }
      log.info("Destroy of instance {} (reason: {}): already gone", id, reason);
      return;
    }
    Inventory.OwnedProfile target = owned;
    InstanceRegistry.Hidden hidden = new InstanceRegistry.Hidden();
    if (registry.hidden.putIfAbsent(id, hidden) != null) {
      return;
    }
    try {
      work.submit(() -> work.destroy(id, target.profile(), hidden));
    } catch (RejectedExecutionException e) {
      registry.hidden.remove(id, hidden);
      throw new PluginException("the plugin is shutting down; destroy refused");
    }
    ServerView server = owned.profile().serverHardwareUri() == null ? null
        : inventory.servers().get(owned.profile().serverHardwareUri());
    log.info("Destroying instance {} (reason: {}): profile {} on server {}", id, reason,
        owned.profile().name(), server != null ? server.name() : "(none)");
  }

  // ---------------------------------------------------------------- DescribeInstances

  @Override
  public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
    // A refresh publishes its listing, then prunes the registry (e.g. forgets a destroyed instance
    // its listing no longer shows). An answer built from the listing before it, but with the registry
    // after it, would list the destroyed instance again: build again until the listing used is
    // still the latest one.
    for (int attempt = 1; ; attempt++) {
      Inventory inventory = cache.usable();
      List<InstanceDescription> list = describe(inventory, tags, properties);
      if (cache.latest() == inventory || attempt == 5) {
        return list;
      }
    }
  }

  private List<InstanceDescription> describe(Inventory inventory, Map<String, String> tags,
      boolean properties) {
    Map<String, String> filter = tags == null ? Map.of() : tags;
    Map<String, InstanceDescription> out = new HashMap<>();
    for (InFlightInstance instance : registry.inFlight.values()) {
      if (registry.isHidden(instance.id)) {
        continue;
      }
      Map<String, String> instanceTags = instance.tags();
      if (!matches(instanceTags, filter)) {
        continue;
      }
      RawJson props = null;
      if (properties) {
        String profileUri = instance.profileUri();
        ProfileView profile = null;
        if (profileUri != null) {
          profile = inventory.owned().values().stream().map(Inventory.OwnedProfile::profile)
              .filter(p -> profileUri.equals(p.uri())).findFirst().orElse(null);
        }
        props = DescriptionProperties.of(instance.id, instance.phase(), instance.template.name(),
            profile, instance.properties.profileName(instance.id),
            inventory.servers().get(instance.serverUri()), instance.lastError(),
            new DescriptionProperties.Extras(null, networks::nameOf,
                attachments.getOrDefault(instance.id, List.of())));
      }
      out.put(instance.id, new InstanceDescription(InstanceId.of(instance.id),
          logicalId(instance.logicalId, instanceTags), instanceTags, props));
    }
    for (Inventory.OwnedProfile owned : inventory.owned().values()) {
      String id = owned.envelope().id();
      if (out.containsKey(id) || registry.inFlight.containsKey(id) || registry.isHidden(id)) {
        continue;
      }
      ProfileView listedProfile = owned.profile();
      ServerView listedServer = listedProfile.serverHardwareUri() == null ? null
          : inventory.servers().get(listedProfile.serverHardwareUri());
      Optional<DriftReconciler.Drift> drifted = drift.of(id, listedProfile, listedServer,
          listedServer != null);
      if (drifted.isPresent() && drifted.get().phase() == Phase.LOST) {
        continue; // so the group provisions a replacement (see DriftReconciler)
      }
      Map<String, String> ownedTags = owned.envelope().tags();
      InstanceRegistry.LabelOverlay overlay = registry.labelOverlays.get(id);
      if (overlay != null && overlay.tags() != null) {
        ownedTags = overlay.tags();
      }
      if (!matches(ownedTags, filter)) {
        continue;
      }
      RawJson props = null;
      if (properties) {
        ProfileView profile = owned.profile();
        ServerView server = profile.serverHardwareUri() == null ? null
            : inventory.servers().get(profile.serverHardwareUri());
        props = DescriptionProperties.of(id,
            drifted.map(DriftReconciler.Drift::phase).orElse(Phase.of(profile, server)),
            inventory.templateByUri(profile.templateUri()).map(TemplateView::name).orElse(null),
            profile, profile.name(), server, registry.lastErrors.get(id),
            new DescriptionProperties.Extras(drifted.map(DriftReconciler.Drift::reason).orElse(null),
                networks::nameOf, attachments.getOrDefault(id, List.of())));
      }
      out.put(id, new InstanceDescription(InstanceId.of(id),
          logicalId(owned.envelope().logicalId(), ownedTags), ownedTags, props));
    }
    List<InstanceDescription> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparing(InstanceDescription::id));
    return list;
  }

  private static boolean matches(Map<String, String> tags, Map<String, String> filter) {
    return tags.entrySet().containsAll(filter.entrySet());
  }

  private static LogicalId logicalId(String logicalId, Map<String, String> tags) {
    String value = logicalId != null ? logicalId : tags.get(LOGICAL_ID_TAG);
    return value == null || value.isBlank() ? null : LogicalId.of(value);
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

  private Inventory.OwnedProfile owned(Inventory inventory, String id, String operation) {
    Inventory.OwnedProfile owned = inventory.owned().get(id);
    if (owned != null) {
      return owned;
    }
    String otherOwner = inventory.foreignOwners().get(id);
    throw new PluginException(otherOwner != null
        ? "instance " + id + " belongs to namespace \"" + otherOwner + "\", not to \""
            + settings.namespace() + "\"; refusing to " + operation + " it"
        : "unknown instance " + id + " (no profile of namespace \"" + settings.namespace()
            + "\" carries it); refusing to " + operation + " it");
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private Inventory loadInventory(long seq, Instant startedAt) {
    List<TemplateView> templates = gateway.templates();
    Map<String, ServerView> servers = new HashMap<>();
    for (ServerView server : gateway.servers()) {
      servers.put(server.uri(), server);
    }
    List<ProfileView> profiles = gateway.profiles();
    Map<String, Inventory.OwnedProfile> owned = new HashMap<>();
    Map<String, String> foreign = new HashMap<>();
    for (ProfileView profile : profiles) {
      Optional<Envelope> envelope = EnvelopeCodec.decode(profile.description());
      if (envelope.isEmpty()) {
        continue;
      }
      Envelope e = envelope.get();
      if (!e.owner().equals(settings.namespace())) {
        foreign.put(e.id(), e.owner());
        continue;
      }
      Inventory.OwnedProfile previous = owned.putIfAbsent(e.id(), new Inventory.OwnedProfile(profile, e));
      if (previous != null) {
        log.warn("Profiles {} and {} both carry instance {}; only {} is reported. Was a profile "
            + "copied in OneView? Delete the copy", previous.profile().uri(), profile.uri(), e.id(),
            previous.profile().uri());
      }
    }
    return new Inventory(seq, startedAt, templates, servers, owned, foreign, profiles.size());
  }

  private void refreshed(Inventory inventory) {
    // Before prune: an instance this run destroyed is still marked hidden, so it is not reported as
    // "deleted by someone else".
    try {
      drift.reconcile(inventory, id -> !registry.inFlight.containsKey(id) && !registry.isHidden(id),
          registry::isHidden);
      refreshNetworkNamesIfNeeded(inventory);
    } catch (RuntimeException e) {
      log.warn("Drift reconcile failed: {}", OneViewGateway.describe(e)); // never stops the refresh
    }
    // Outside the drift try: a failing drift pass must not leave attachments of gone instances behind.
    attachments.keySet().removeIf(id -> !inventory.owned().containsKey(id)
        && !registry.inFlight.containsKey(id));
    registry.prune(inventory, reservations, settings.maxStaleness());
    try {
      work.reconcile(inventory);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  /** Lists networks in the background when an owned profile's connection has no known name yet. */
  private void refreshNetworkNamesIfNeeded(Inventory inventory) {
    boolean unknown = inventory.owned().values().stream()
        .flatMap(o -> o.profile().details().connections().stream())
        .anyMatch(c -> c.networkUri() != null && networks.wouldRefreshFor(c.networkUri()));
    if (unknown) {
      try {
        work.submit(() -> {
          try {
            networks.fresh(true);
          } catch (RuntimeException e) {
            log.debug("Listing networks for connection names failed: {}", e.toString());
          }
        });
      } catch (RejectedExecutionException e) {
        // shutting down
      }
    }
  }

  /** Stops the background refresh and work (interrupting OneView waits); OneView state is kept. */
  @Override
  public void close() {
    work.closing();
    cache.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

    /** How many servers one provision tries when others take them first; default 5. */
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
          profileTaskTimeout, powerTaskTimeout, workers, maxServerAttempts);
    }

    public OneViewInstancePlugin build() {
      return new OneViewInstancePlugin(this);
    }
  }
}
