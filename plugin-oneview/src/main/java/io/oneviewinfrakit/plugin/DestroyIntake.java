package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.PluginException;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast half of Destroy, while the RPC waits: finds what the instance is (in flight, listed,
 * already marked Destroying, another namespace's, or gone), hides it from listings and hands its
 * profile to the {@link Destroyer}.
 */
final class DestroyIntake {
  private static final Logger log = LoggerFactory.getLogger(OneViewInstancePlugin.class);

  private final PluginSettings settings;
  private final InventoryCache cache;
  private final InstanceRegistry registry;
  private final Destroyer destroyer;

  DestroyIntake(PluginSettings settings, InventoryCache cache, InstanceRegistry registry,
      Destroyer destroyer) {
    this.settings = settings;
    this.cache = cache;
    this.registry = registry;
    this.destroyer = destroyer;
  }

  /** Destroys instance {@code id} (its shape checked) for {@code reason}. */
  void destroy(String id, String reason) {
    InFlightInstance instance = registry.inFlight.get(id);
    if (instance != null && registry.requestDestroy(instance)) {
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
      Optional<Inventory.OwnedProfile> marked = inventory.destroying(id);
      if (marked.isPresent()) {
        // Marked Destroying already (by this or another process): make sure it is being finished,
        // starting over if its destroy had stopped.
        destroyer.start(id, marked.get().profile().uri(), marked.get().profile().name(), null,
            new Destroyer.Outcome() {});
        log.info("Destroy of instance {} (reason: {}): its profile {} is already marked Destroying",
            id, reason, marked.get().profile().name());
        return;
      }
      String otherOwner = inventory.foreignOwners().get(id);
      if (otherOwner != null) {
        throw new PluginException("instance " + id + " belongs to namespace \"" + otherOwner
            + "\", not to this plugin's namespace \"" + settings.namespace() + "\"; not destroyed");
      }
      log.info("Destroy of instance {} (reason: {}): already gone", id, reason);
      return;
    }
    Backlog.refuseIfFull("destroys", destroyer.runningCount(), settings.maxBacklog());
    InstanceRegistry.Hidden hidden = new InstanceRegistry.Hidden();
    if (registry.hidden.putIfAbsent(id, hidden) != null) {
      return;
    }
    try {
      destroyer.start(id, owned.profile().uri(), owned.profile().name(), null,
          new HiddenUntilDurable(registry, cache, id, hidden, () -> {}));
    } catch (RejectedExecutionException e) {
      registry.hidden.remove(id, hidden);
      throw new PluginException("the plugin is shutting down; destroy refused");
    }
    ServerView server = owned.profile().serverHardwareUri() == null ? null
        : inventory.servers().get(owned.profile().serverHardwareUri());
    log.info("Destroying instance {} (reason: {}): profile {} on server {}", id, reason,
        owned.profile().name(), server != null ? server.name() : "(none)");
  }
}
