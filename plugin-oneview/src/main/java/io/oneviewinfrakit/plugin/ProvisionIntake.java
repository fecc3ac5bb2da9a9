package io.oneviewinfrakit.plugin;

import static java.util.Objects.requireNonNull;

import io.oneviewinfrakit.infrakit.spi.Attachment;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.oneview.ServerProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast half of Provision, while the RPC waits: checks the spec against OneView, reserves a free
 * compatible server, registers the instance as in flight and hands it to the {@link Provisioner}.
 * Everything refused here is refused before anything was reserved or created.
 */
final class ProvisionIntake {
  private static final Logger log = LoggerFactory.getLogger(OneViewInstancePlugin.class);

  private final PluginSettings settings;
  private final PropertyChecks checks;
  private final RightsRefusal rights;
  private final InventoryCache cache;
  private final InstanceRegistry registry;
  private final ServerReservations reservations;
  private final Map<String, List<Attachment>> attachments;
  private final BackgroundWork work;
  private final Provisioner provisioner;

  ProvisionIntake(PluginSettings settings, PropertyChecks checks, RightsRefusal rights,
      InventoryCache cache, InstanceRegistry registry, ServerReservations reservations,
      Map<String, List<Attachment>> attachments, BackgroundWork work, Provisioner provisioner) {
    this.settings = settings;
    this.checks = checks;
    this.rights = rights;
    this.cache = cache;
    this.registry = registry;
    this.reservations = reservations;
    this.attachments = attachments;
    this.work = work;
    this.provisioner = provisioner;
  }

  InstanceId provision(InstanceSpec spec) {
    requireNonNull(spec, "spec");
    work.provisionCallStarted();
    try {
      return provisionNow(spec);
    } finally {
      work.provisionCallEnded();
    }
  }

  private InstanceId provisionNow(InstanceSpec spec) {
    InstanceProperties properties = InstanceProperties.parse(spec.properties().json());
    String logicalId = spec.logicalId() != null ? spec.logicalId().value() : null;
    String id = InstanceIds.newId();
    // Refuse oversized tags now, not after a server was reserved.
    EnvelopeCodec.encode(new Envelope(settings.namespace(), id, logicalId, spec.tags(),
        properties.powerOn()));
    TemplateView template = checks.template(properties.templateName());
    properties.hardware().checkLogicalId(logicalId);
    rights.throwIfRefused();
    List<String> networkUris = checks.againstOneView(properties, template);
    UnaryOperator<ServerProfile> customize = ProfileCustomization.of(properties, template,
        networkUris, spec.init());
    Inventory inventory = cache.usable();
    Registered registered;
    // One check-and-register at a time, so two provisions cannot share a logical ID nor pass the
    // backlog's limit together; only that is done under the lock, as a burst queues on it.
    synchronized (registry) {
      if (logicalId != null) {
        refuseDuplicateLogicalId(logicalId, inventory);
      }
      registered = register(spec, properties, id, logicalId, template, inventory);
      registered.instance().customize = customize;
    }
    InFlightInstance instance = registered.instance();
    checks.warnIfInitIgnored(properties, template, spec);
    if (!spec.attachments().isEmpty()) {
      attachments.put(id, spec.attachments());
    }
    try {
      work.submitAfterBurst(() -> provisioner.provision(instance));
    } catch (RejectedExecutionException e) {
      registry.inFlight.remove(id);
      attachments.remove(id);
      reservations.release(instance.serverUri(), id);
      throw new PluginException("the plugin is shutting down; provision refused");
    }
    log.info("Provisioning instance {} on server {} from template \"{}\"", id,
        registered.server().name(), template.name());
    return InstanceId.of(id);
  }

  private record Registered(InFlightInstance instance, ServerView server) {}

  /** Reserves a server for the instance and registers it as in flight; refuses a full backlog. */
  private Registered register(InstanceSpec spec, InstanceProperties properties, String id,
      String logicalId, TemplateView template, Inventory inventory) {
    Backlog.refuseIfFull("provisions", registry.inFlight.size(), settings.maxBacklog());
    ServerReservations.Choice choice = reservations.reserve(id, template,
        inventory.servers().values(), Set.of(), properties.hardware().accepts(logicalId));
    if (choice.server().isEmpty()) {
      ServerReservations.Counts c = choice.counts();
      throw new PluginException("no free server for template \"" + template.name() + "\": 0 of "
          + c.compatible() + " compatible servers free"
          + (c.explain().isEmpty() ? "" : " (" + c.explain() + ")"));
    }
    ServerView server = choice.server().get();
    InFlightInstance instance = new InFlightInstance(id, properties, template, logicalId,
        spec.tags(), settings.namespace(), server.uri());
    registry.inFlight.put(id, instance);
    return new Registered(instance, server);
  }

  /**
   * InfraKit's pets are addressed by logical ID: a second live instance with the same one would make
   * the group controller see one pet twice. Instances being destroyed do not count.
   */
  private void refuseDuplicateLogicalId(String logicalId, Inventory inventory) {
    for (InFlightInstance f : registry.inFlight.values()) {
      if (logicalId.equals(f.logicalId) && !f.destroyRequested() && !registry.isHidden(f.id)) {
        throw new IllegalArgumentException("LogicalID \"" + logicalId + "\" is already used by live "
            + "instance " + f.id + " (being provisioned); destroy it first");
      }
    }
    for (Inventory.OwnedProfile o : inventory.owned().values()) {
      String id = o.envelope().id();
      if (logicalId.equals(InstanceLister.effectiveLogicalId(o.envelope().logicalId(),
          o.envelope().tags())) && !registry.isHidden(id)) {
        throw new IllegalArgumentException("LogicalID \"" + logicalId + "\" is already used by live "
            + "instance " + id + " (profile " + o.profile().name() + "); destroy it first");
      }
    }
  }
}
