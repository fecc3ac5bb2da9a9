package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.Query;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;

/**
 * Scenario 4: the SDK lists {@code servers} server hardware with {@code latency} per request. The
 * path the plugin takes every few seconds (the total is known from the previous listing, so every
 * page goes out at once) side by side with the first listing of a client (the total is unknown:
 * the first page, then the rest; the only path before the SDK remembered totals) and the sequential
 * baseline ({@code listConcurrency(1)}), in the same run. Target: &le; 3&times; one page's latency.
 * A first listing is measured on a fresh client derived from the warm one ({@code newBuilder()}:
 * same connection pool, logged in before the clock starts).
 *
 * <p>Configurations are measured in interleaved rounds (so machine noise hits them alike) and
 * quoted as medians. One page's latency is the median of fetching only the first page.
 */
public final class ListingBench {

  /**
   * {@code warmups}: listings before any measurement, so the JIT has compiled the listing path as in
   * a plugin that has been refreshing for a while (the CPU a listing costs keeps falling for about
   * 150 listings, 12 minutes of refreshes every 5 s).
   */
  public record Params(int servers, Duration latency, int rounds, int pageSamples,
      int bigPageCount, int warmups) {
    public static Params full() {
      return new Params(2000, Duration.ofMillis(20), 7, 20, 500, 200);
    }

    public static Params smoke() {
      return new Params(100, Duration.ofMillis(1), 1, 2, 50, 1);
    }
  }

  private record Config(String name, Consumer<OneView.Builder> sdk, Query query, boolean cold) {
    Config(String name, Consumer<OneView.Builder> sdk, Query query) {
      this(name, sdk, query, false);
    }
  }

  private ListingBench() {}

  public static void main(String[] args) {
    Rig.quietLogs();
    System.out.println(run(Params.full()).toMarkdown());
  }

  public static ScenarioResult run(Params p) {
    ScenarioResult result = new ScenarioResult("4. SDK listing of " + p.servers()
        + " server hardware at " + Durations.of(p.latency()) + " per request");
    List<Config> configs = List.of(
        new Config("sequential baseline (listConcurrency 1)", b -> b.listConcurrency(1), Query.all()),
        new Config("total known from the previous listing, defaults (listConcurrency 64, pool of 128 idle connections)",
            b -> {}, Query.all()),
        new Config("first listing, total unknown (first page, then the rest), defaults",
            b -> {}, Query.all(), true),
        new Config("total known from the previous listing, listConcurrency 16 (the previous default)",
            b -> b.listConcurrency(16), Query.all()),
        new Config("first listing, total unknown, listConcurrency 16 (the previous default and path)",
            b -> b.listConcurrency(16), Query.all(), true),
        new Config("total known, listConcurrency 8, count=" + p.bigPageCount() + " per page",
            b -> b.listConcurrency(8), Query.builder().count(p.bigPageCount()).build()));
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(p.servers()).build().start()) {
      Map<Config, OneView> clients = new LinkedHashMap<>();
      Map<Config, List<Double>> times = new LinkedHashMap<>();
      try {
        for (Config c : configs) {
          OneView ov = Rig.sdk(sim.url(), sim.username(), sim.password(), sim.certificatePem(),
              c.sdk());
          clients.put(c, ov);
          times.put(c, new ArrayList<>());
          check(ov.serverHardware().list(c.query()), p); // warm-up: login, TLS, JIT
        }
        for (int i = 0; i < p.warmups(); i++) {
          check(clients.get(configs.get(1)).serverHardware().list(), p); // the JIT, as after minutes of refreshes
        }
        // The CPU floor: the known-total path with the defaults, without any latency.
        List<Double> floor = new ArrayList<>();
        for (int i = 0; i < p.rounds(); i++) {
          long t0 = System.nanoTime();
          check(clients.get(configs.get(1)).serverHardware().list(), p);
          floor.add((System.nanoTime() - t0) / 1e6);
        }
        sim.faults().latency(p.latency());
        for (Config c : configs) {
          check(clients.get(c).serverHardware().list(c.query()), p); // warm-up with latency
        }
        int pages = (p.servers() + 31) / 32;
        OneView first = clients.values().iterator().next();
        List<Long> pageTimes = new ArrayList<>();
        for (int i = 0; i < p.pageSamples(); i++) {
          long t0 = System.nanoTime();
          try (var s = first.serverHardware().stream(Query.all())) {
            s.limit(1).toList();
          }
          pageTimes.add(System.nanoTime() - t0);
        }
        double pageMs = Stats.of(pageTimes).medianMs();
        for (int round = 0; round < p.rounds(); round++) {
          for (Config c : configs) {
            times.get(c).add(c.cold() ? coldListing(clients.get(c), c.query(), p) : timed(clients.get(c), c.query(), p));
          }
        }
        sim.faults().latency(Duration.ZERO);
        result.setup("simulator: " + p.servers() + " servers, latency fault " + Durations.of(p.latency())
                + " on every request (the simulator answers after the delay without holding a thread); HTTPS on loopback")
            .setup("SDK `serverHardware().list()`, appliance default page size 32 (" + pages
                + " pages) unless a count is given; one warm-up listing per client and " + p.warmups()
                + " more with the defaults (not timed: the plugin lists every 5 s, so after a quarter of an hour its"
                + " JVM has compiled this path), then " + p.rounds() + " interleaved rounds; figures are medians")
            .setup("one page = the first page only (`stream().limit(1)`), median of "
                + p.pageSamples())
            .setup("\"total known\": the client listed the same collection before (as the plugin does every"
                + " refresh), so all pages are requested at once; \"first listing\": a fresh client from"
                + " `newBuilder()` (same connection pool), logged in before the clock starts");
        double seq = Stats.median(times.get(configs.get(0)));
        result.info("one page", Stats.ms(pageMs) + " ms")
            .info("total known, defaults, without latency (CPU floor: TLS, JSON both sides)",
                Stats.ms(Stats.median(floor)) + " ms");
        for (Config c : configs) {
          double t = Stats.median(times.get(c));
          String value = Stats.ms(t) + " ms = " + String.format(Locale.ROOT, "%.1f", t / pageMs)
              + " pages' latency" + (c == configs.get(0) ? ""
              : "; " + String.format(Locale.ROOT, "%.1fx", seq / t) + " faster than sequential");
          if (c != configs.get(0)) {
            result.row(c.name(), "<= 3 x one page = " + Stats.ms(3 * pageMs) + " ms", value,
                t <= 3 * pageMs);
          } else {
            result.info(c.name(), value);
          }
        }
      } finally {
        clients.values().forEach(OneView::close);
      }
    }
    return result;
  }

  private static double timed(OneView ov, Query query, Params p) {
    long t0 = System.nanoTime();
    check(ov.serverHardware().list(query), p);
    return (System.nanoTime() - t0) / 1e6;
  }

  /** A first listing: a fresh client (sharing {@code warm}'s connection pool) that has never listed servers. */
  private static double coldListing(OneView warm, Query query, Params p) {
    try (OneView fresh = warm.newBuilder().build()) {
      fresh.serverHardwareTypes().list(); // log in, off the clock
      return timed(fresh, query, p);
    }
  }

  private static void check(List<ServerHardware> listed, Params p) {
    if (listed.size() != p.servers()) {
      throw new IllegalStateException("listed " + listed.size() + " of " + p.servers() + " servers");
    }
  }
}
