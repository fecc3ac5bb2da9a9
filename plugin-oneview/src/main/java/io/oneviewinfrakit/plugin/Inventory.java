package io.oneviewinfrakit.plugin;

import java.time.Instant;
import java.util.HashMap;
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

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Inventory.class);

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

  /**
   * Indexes a listing's profiles by their envelopes: the live instances of {@code namespace}, the
   * ones marked Destroying, and the instance IDs other namespaces own.
   */
  static Inventory of(long seq, Instant startedAt, List<TemplateView> templates,
      Map<String, ServerView> servers, List<ProfileView> profiles, String namespace) {
    Map<String, OwnedProfile> owned = new HashMap<>();
    Map<String, String> foreign = new HashMap<>();
    Map<String, OwnedProfile> destroying = new HashMap<>();
    for (ProfileView profile : profiles) {
      index(profile, namespace, owned, foreign, destroying);
    }
    return new Inventory(seq, startedAt, templates, servers, owned, foreign, profiles.size(),
        destroying);
  }

  private static void index(ProfileView profile, String namespace, Map<String, OwnedProfile> owned,
      Map<String, String> foreign, Map<String, OwnedProfile> destroying) {
    Optional<Envelope> envelope = EnvelopeCodec.decode(profile.description());
    if (envelope.isEmpty()) {
      return;
    }
    Envelope e = envelope.get();
    if (!e.owner().equals(namespace)) {
      foreign.put(e.id(), e.owner());
    } else if (e.destroying()) {
      destroying.put(profile.uri(), new OwnedProfile(profile, e));
    } else {
      OwnedProfile previous = owned.putIfAbsent(e.id(), new OwnedProfile(profile, e));
      if (previous != null && !previous.profile().uri().equals(profile.uri())) {
        LOG.warn("Profiles {} and {} both carry instance {}; only {} is reported. Was a profile "
            + "copied in OneView? Delete the copy", previous.profile().uri(), profile.uri(), e.id(),
            previous.profile().uri());
      }
    }
  }

  /** This inventory with {@code server} as OneView reports it now (from a change event). */
  Inventory withServer(ServerView server) {
    Map<String, ServerView> s = new HashMap<>(servers);
    s.put(server.uri(), server);
    return new Inventory(seq, startedAt, templates, s, owned, foreignOwners, profileCount, destroying);
  }

  Inventory withoutServer(String uri) {
    Map<String, ServerView> s = new HashMap<>(servers);
    s.remove(uri);
    return new Inventory(seq, startedAt, templates, s, owned, foreignOwners, profileCount, destroying);
  }

  /**
   * This inventory with the profile at {@code uri} replaced by {@code profile} (null: deleted);
   * {@code last} is its last known document, whose envelope says which entry it was.
   */
  Inventory withProfile(String uri, ProfileView profile, ProfileView last, String namespace) {
    Map<String, OwnedProfile> o = new HashMap<>(owned);
    Map<String, String> f = new HashMap<>(foreignOwners);
    Map<String, OwnedProfile> d = new HashMap<>(destroying);
    boolean known = o.values().removeIf(p -> p.profile().uri().equals(uri)) | d.remove(uri) != null;
    for (ProfileView p : new ProfileView[] {last, profile}) {
      EnvelopeCodec.decode(p == null ? null : p.description())
          .filter(e -> !e.owner().equals(namespace))
          .ifPresent(e -> f.remove(e.id()));
    }
    if (profile != null) {
      index(profile, namespace, o, f, d);
    }
    int count = profileCount + (profile == null ? (known ? -1 : 0) : (known ? 0 : 1));
    return new Inventory(seq, startedAt, templates, servers, o, f, Math.max(0, count), d);
  }

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

  /** The name of server {@code uri} in {@code inventory} (null before the first listing), else the URI. */
  static String serverName(Inventory inventory, String uri) {
    ServerView server = inventory == null || uri == null ? null : inventory.servers().get(uri);
    return server != null ? server.name() : String.valueOf(uri);
  }

  List<String> templateNames() {
    return templates.stream().map(TemplateView::name).sorted().toList();
  }
}
