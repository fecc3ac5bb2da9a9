package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.Attachment;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background listing of OneView and what follows each: drift reconcile, connection network
 * names, pruning what the listing shows settled, adopting stopped destroys and reconciling power.
 */
final class RefreshPass {
  private static final Logger log = LoggerFactory.getLogger(OneViewInstancePlugin.class);

  private final OneViewGateway gateway;
  private final PluginSettings settings;
  private final InstanceRegistry registry;
  private final ServerReservations reservations;
  private final Map<String, List<Attachment>> attachments;
  private final DriftReconciler drift;
  private final NetworkCatalog networks;
  private final Destroyer destroyer;
  private final PowerReconciler power;
  private final BackgroundWork work;

  RefreshPass(OneViewGateway gateway, PluginSettings settings, InstanceRegistry registry,
      ServerReservations reservations, Map<String, List<Attachment>> attachments,
      DriftReconciler drift, NetworkCatalog networks, Destroyer destroyer, PowerReconciler power,
      BackgroundWork work) {
    this.gateway = gateway;
    this.settings = settings;
    this.registry = registry;
    this.reservations = reservations;
    this.attachments = attachments;
    this.drift = drift;
    this.networks = networks;
    this.destroyer = destroyer;
    this.power = power;
    this.work = work;
  }

  Inventory load(long seq, Instant startedAt) {
    List<TemplateView> templates = gateway.templates();
    Map<String, ServerView> servers = new HashMap<>();
    for (ServerView server : gateway.servers()) {
      servers.put(server.uri(), server);
    }
    return Inventory.of(seq, startedAt, templates, servers, gateway.profiles(), settings.namespace());
  }

  void refreshed(Inventory inventory) {
    // Before prune: an instance this run destroyed is still marked hidden, so it is not reported as
    // "deleted by someone else".
    try {
      // A profile that left the live instances because it is marked Destroying (by any process of
      // the namespace) was not deleted by someone else.
      drift.reconcile(inventory, id -> !registry.inFlight.containsKey(id) && !registry.isHidden(id),
          id -> registry.isHidden(id) || inventory.destroying(id).isPresent()
              || destroyer.running(id));
      refreshNetworkNamesIfNeeded(inventory);
    } catch (RuntimeException e) {
      log.warn("Drift reconcile failed: {}", OneViewGateway.describe(e)); // never stops the refresh
    }
    // Outside the drift try: a failing drift pass must not leave attachments of gone instances behind.
    attachments.keySet().removeIf(id -> !inventory.owned().containsKey(id)
        && !registry.inFlight.containsKey(id));
    registry.prune(inventory, reservations, settings.maxStaleness());
    try {
      destroyer.adopt(inventory);
      power.reconcile(inventory);
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
}
