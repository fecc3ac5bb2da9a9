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
 * @param owned the profiles carrying this namespace's envelope, by instance ID
 * @param foreignOwners instance IDs carried by envelopes of other namespaces, to their owner
 * @param profileCount how many profiles the appliance has in total
 */
record Inventory(
    long seq,
    Instant startedAt,
    List<TemplateView> templates,
    Map<String, ServerView> servers,
    Map<String, OwnedProfile> owned,
    Map<String, String> foreignOwners,
    int profileCount) {

  /** A profile of ours with its decoded envelope. */
  record OwnedProfile(ProfileView profile, Envelope envelope) {}

  Inventory {
    templates = List.copyOf(templates);
    servers = Map.copyOf(servers);
    owned = Map.copyOf(owned);
    foreignOwners = Map.copyOf(foreignOwners);
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
