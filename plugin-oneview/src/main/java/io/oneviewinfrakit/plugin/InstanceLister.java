package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.Attachment;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DescribeInstances: the latest inventory's live instances, merged with the instances this process
 * is provisioning, minus those it is destroying; plus, with phase {@code DestroyFailed}, instances
 * whose destroy stopped on a permanent failure (so they do not vanish while their profile stays).
 * Profiles marked {@code Destroying} are otherwise never listed.
 */
final class InstanceLister {

  private static final String LOGICAL_ID_TAG = "infrakit.logical_id";

  private final InventoryCache cache;
  private final InstanceRegistry registry;
  private final DriftReconciler drift;
  private final Destroyer destroyer;
  private final NetworkCatalog networks;
  private final Map<String, List<Attachment>> attachments;

  InstanceLister(InventoryCache cache, InstanceRegistry registry, DriftReconciler drift,
      Destroyer destroyer, NetworkCatalog networks, Map<String, List<Attachment>> attachments) {
    this.cache = cache;
    this.registry = registry;
    this.drift = drift;
    this.destroyer = destroyer;
    this.networks = networks;
    this.attachments = attachments;
  }

  List<InstanceDescription> describe(Map<String, String> tags, boolean properties) {
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
                attachments.getOrDefault(instance.id, List.of()),
                instance.percentComplete() < 0 ? null : instance.percentComplete()));
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
      ServerView listedServer = server(inventory, listedProfile);
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
      add(out, inventory, owned, ownedTags, filter, properties,
          drifted.map(DriftReconciler.Drift::phase).orElse(Phase.of(listedProfile, listedServer)),
          drifted.map(DriftReconciler.Drift::reason).orElse(null), registry.lastErrors.get(id));
    }
    for (Inventory.OwnedProfile stuck : inventory.destroying().values()) {
      String id = stuck.envelope().id();
      String failure = destroyer.failure(id);
      if (failure != null && !out.containsKey(id) && !registry.isHidden(id)) {
        add(out, inventory, stuck, stuck.envelope().tags(), filter, properties, Phase.DESTROY_FAILED,
            "its destroy stopped: " + failure + "; destroy it again once the cause is fixed",
            "destroy: " + failure);
      }
    }
    List<InstanceDescription> list = new ArrayList<>(out.values());
    list.sort(Comparator.comparing(InstanceDescription::id));
    return list;
  }

  private void add(Map<String, InstanceDescription> out, Inventory inventory,
      Inventory.OwnedProfile owned, Map<String, String> tags, Map<String, String> filter,
      boolean properties, Phase phase, String reason, String lastError) {
    if (!matches(tags, filter)) {
      return;
    }
    String id = owned.envelope().id();
    RawJson props = null;
    if (properties) {
      ProfileView profile = owned.profile();
      props = DescriptionProperties.of(id, phase,
          inventory.templateByUri(profile.templateUri()).map(TemplateView::name).orElse(null),
          profile, profile.name(), server(inventory, profile), lastError,
          new DescriptionProperties.Extras(reason, networks::nameOf,
              attachments.getOrDefault(id, List.of())));
    }
    out.put(id, new InstanceDescription(InstanceId.of(id),
        logicalId(owned.envelope().logicalId(), tags), tags, props));
  }

  private static ServerView server(Inventory inventory, ProfileView profile) {
    return profile.serverHardwareUri() == null ? null
        : inventory.servers().get(profile.serverHardwareUri());
  }

  private static boolean matches(Map<String, String> tags, Map<String, String> filter) {
    return tags.entrySet().containsAll(filter.entrySet());
  }

  private static LogicalId logicalId(String logicalId, Map<String, String> tags) {
    String value = logicalId != null ? logicalId : tags.get(LOGICAL_ID_TAG);
    return value == null || value.isBlank() ? null : LogicalId.of(value);
  }

  /** The logical ID an instance is listed with (the envelope's, else the group's tag). */
  static String effectiveLogicalId(String logicalId, Map<String, String> tags) {
    LogicalId id = logicalId(logicalId, tags);
    return id == null ? null : id.value();
  }
}
