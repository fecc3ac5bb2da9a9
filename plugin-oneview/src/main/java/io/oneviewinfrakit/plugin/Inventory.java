package io.oneviewinfrakit.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent listing of OneView as the plugin sees it: templates, hardware, the profiles this
 * deployment owns (keyed by instance ID) and the instance IDs other deployments own.
 *
 * @param seq the number of the refresh that produced it (refreshes are numbered as they start)
 * @param startedAt when that refresh started listing
 * @param templates every server profile template
 * @param servers every server hardware by URI
 * @param owned the live instances: profiles carrying this namespace's envelope with intent
 *     {@code Running}, by instance ID
 * @param foreignOwners instance IDs carried by envelopes of other namespaces, to their owner
 * @param profileCount how many profiles the appliance has in total
 * @param destroying profiles of this namespace whose envelope says {@code Destroying}, by profile URI:
 *     never listed as instances; whichever plugin process sees them finishes their destroy
 */
record Inventory(
    long seq,
    Instant startedAt,
    List<TemplateView> templates,
    Map<String, ServerView> servers,
    Map<String, OwnedProfile> owned,
    Map<String, String> foreignOwners,
    int profileCount,
    Map<String, OwnedProfile> destroying) {

  /** A profile of ours with its decoded envelope. */
  record OwnedProfile(ProfileView profile, Envelope envelope) {}

  Inventory {
    templates = List.copyOf(templates);
    servers = Map.copyOf(servers);
    owned = Map.copyOf(owned);
    foreignOwners = Map.copyOf(foreignOwners);
    destroying = Map.copyOf(destroying);
  }

  /** An inventory without profiles being destroyed. */
  Inventory(long seq, Instant startedAt, List<TemplateView> templates, Map<String, ServerView> servers,
      Map<String, OwnedProfile> owned, Map<String, String> foreignOwners, int profileCount) {
    this(seq, startedAt, templates, servers, owned, foreignOwners, profileCount, Map.of());
  }

  /** The profile of instance {@code id} marked Destroying, if any. */
  Optional<OwnedProfile> destroying(String id) {
    return destroying.values().stream().filter(p -> p.envelope().id().equals(id)).findFirst();
  }

  /** The live instance {@code id}, or an error saying whose it is or that it is unknown. */
  OwnedProfile ownedOrThrow(String id, String namespace, String operation) {
    OwnedProfile found = owned.get(id);
    if (found != null) {
      return found;
    }
    String otherOwner = foreignOwners.get(id);
    throw new io.oneviewinfrakit.infrakit.spi.PluginException(otherOwner != null
        ? "instance " + id + " belongs to namespace \"" + otherOwner + "\", not to \""
            + namespace + "\"; refusing to " + operation + " it"
        : "unknown instance " + id + " (no profile of namespace \"" + namespace
            + "\" carries it); refusing to " + operation + " it");
  }

  Optional<TemplateView> template(String name) {
    return templates.stream().filter(t -> name.equals(t.name())).findFirst();
  }

  Optional<TemplateView> templateByUri(String uri) {
    return uri == null ? Optional.empty()
        : templates.stream().filter(t -> uri.equals(t.uri())).findFirst();
  }

  List<String> templateNames() {
    return templates.stream().map(TemplateView::name).sorted().toList();
  }
}
