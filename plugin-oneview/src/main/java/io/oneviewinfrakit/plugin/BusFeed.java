package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.oneview.scmb.ChangeEvent;
import io.oneviewinfrakit.oneview.scmb.ChangeType;
import io.oneviewinfrakit.oneview.scmb.ScmbListener;
import io.oneviewinfrakit.oneview.scmb.ScmbSubscriber;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the plugin's inventory current from OneView's State-Change Message Bus instead of listing
 * every refresh interval: each server hardware or profile change is applied in place as its event
 * arrives (so drift shows at once, with no OneView request), a template change or a gap in the feed
 * (after a reconnect: events were lost) triggers one full listing, and the periodic listing runs only
 * as a slow safety net. Foreign and other namespaces' profiles are classified exactly as a listing
 * classifies them, so their events never change what the plugin reports.
 */
final class BusFeed implements ScmbListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BusFeed.class);
  /** With task events flowing, how often a pending task is still polled (an event may be missed). */
  static final java.time.Duration TASK_FALLBACK_POLL = java.time.Duration.ofSeconds(30);

  private final InventoryCache cache;
  private final String namespace;
  private final ScmbSubscriber subscriber;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong resyncs = new AtomicLong();

  private final OneView oneView;

  private BusFeed(OneView oneView, Integer port, InventoryCache cache, String namespace) {
    this.oneView = oneView;
    this.cache = cache;
    this.namespace = namespace;
    ScmbSubscriber.Builder b = ScmbSubscriber.builder().oneView(oneView)
        .categories("server-profiles", "server-hardware", "server-profile-templates", "tasks")
        .listener(this);
    if (port != null) {
      b.port(port);
    }
    this.subscriber = b.build();
  }

  /**
   * Connects to the bus; null (after one INFO line saying why) when the appliance does not offer it
   * to this user or it cannot be reached: the plugin then polls as without it.
   */
  static BusFeed start(OneView oneView, Integer port, InventoryCache cache, String namespace,
      java.time.Duration safetyNet, java.util.function.Consumer<Inventory> onQuietTick) {
    BusFeed feed = new BusFeed(oneView, port, cache, namespace);
    try {
      feed.subscriber.start();
    } catch (RuntimeException e) {
      feed.subscriber.close();
      log.info("OneView's State-Change Message Bus is not usable ({}); the plugin lists OneView "
          + "every refresh interval instead", OneViewGateway.describe(e));
      return null;
    }
    cache.liveFeed(feed.subscriber::isConnected, safetyNet, onQuietTick);
    // Task ends come as events too: the SDK then polls pending tasks only as a slow safety net.
    oneView.tasks().eventFeed(feed.subscriber::isConnected, TASK_FALLBACK_POLL);
    return feed;
  }

  boolean connected() {
    return subscriber.isConnected();
  }

  /** Changes applied from events so far. */
  long applied() {
    return applied.get();
  }

  @Override
  public void onEvent(ChangeEvent e) {
    if (e.isTask()) {
      if (e.resource() != null && e.resource().get("uri") != null) {
        oneView.tasks().observed(Task.of(e.resource()));
      }
      return;
    }
    switch (e.category()) {
      case "server-hardware" -> {
        if (e.changeType() == ChangeType.DELETED) {
          cache.apply(inv -> inv.withoutServer(e.resourceUri()));
        } else if (e.resource() != null) {
          ServerView server = OneViewGateway.view(ServerHardware.of(e.resource()));
          cache.apply(inv -> inv.withServer(server));
        }
        applied.incrementAndGet();
      }
      case "server-profiles" -> {
        ProfileView doc = e.resource() == null || e.resource().get("uri") == null ? null
            : OneViewGateway.view(ServerProfile.of(e.resource()));
        ProfileView now = e.changeType() == ChangeType.DELETED ? null : doc;
        if (now == null && e.changeType() != ChangeType.DELETED) {
          return; // an update without a document says nothing to apply
        }
        cache.apply(inv -> inv.withProfile(e.resourceUri(), now, last(inv, e.resourceUri(), doc),
            namespace));
        applied.incrementAndGet();
      }
      default -> cache.refresh(); // templates change rarely: list everything again
    }
  }

  /** The profile's last document the inventory knows (its envelope says which entry it was). */
  private static ProfileView last(Inventory inv, String uri, ProfileView fromEvent) {
    for (Map<String, Inventory.OwnedProfile> m : java.util.List.of(inv.owned(), inv.destroying())) {
      for (Inventory.OwnedProfile p : m.values()) {
        if (p.profile().uri().equals(uri)) {
          return p.profile();
        }
      }
    }
    return fromEvent;
  }

  /** Full listings asked for because the feed had a gap. */
  long resyncs() {
    return resyncs.get();
  }

  @Override
  public void onResyncNeeded() {
    resyncs.incrementAndGet();
    log.info("OneView's State-Change Message Bus is connected again; listing OneView once for what "
        + "changed meanwhile");
    cache.refresh();
  }

  @Override
  public void close() {
    subscriber.close();
  }
}
