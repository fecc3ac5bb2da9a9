package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scenario 3: DescribeInstances latency and OneView listing calls with {@code owned} instances among
 * {@code owned + foreign} profiles, {@code groups} groups polling every {@code poll}. Targets: p50
 * &lt; 10 ms; OneView listing calls bounded by the refresh rate, not by the number of callers.
 *
 * <p>The owned instances are provisioned through the plugin (tagged into the groups round-robin);
 * the foreign profiles are created by "another OneView user" through a second SDK client, not
 * assigned to hardware. Then one caller polls for {@code singleWindow}, and all groups poll for
 * {@code window}, each from its own thread at a random phase within the poll interval.
 */
public final class DescribeBench {

  public record Params(int servers, int owned, int foreign, int groups, Duration poll,
      Duration singleWindow, Duration window, Duration refresh) {
    public static Params full() {
      return new Params(2000, 1000, 1000, 10, Duration.ofSeconds(2), Duration.ofSeconds(20),
          Duration.ofSeconds(40), Duration.ofSeconds(5));
    }

    public static Params smoke() {
      return new Params(16, 8, 8, 2, Duration.ofMillis(100), Duration.ofMillis(300),
          Duration.ofMillis(300), Duration.ofMillis(200));
    }
  }

  private DescribeBench() {}

  public static void main(String[] args) {
    Rig.quietLogs();
    System.out.println(run(Params.full()).toMarkdown());
  }

  public static ScenarioResult run(Params p) {
    ScenarioResult result = new ScenarioResult("3. DescribeInstances with " + p.owned()
        + " owned profiles among " + (p.owned() + p.foreign()) + ", " + p.groups()
        + " groups polling");
    result.setup("simulator: " + p.servers() + " servers, tasks instant; " + p.owned()
            + " instances provisioned through the plugin (" + p.groups() + " groups of "
            + p.owned() / p.groups() + "), " + p.foreign() + " foreign unassigned profiles created "
            + "through a second SDK client; HTTPS on loopback")
        .setup("plugin: refresh interval " + Durations.of(p.refresh()) + " (the default); "
            + "SDK default page sizes (appliance default: 32 hardware, 64 profiles per page)")
        .setup("callers: InstancePluginClient over the socket, DescribeInstances(group tag, "
            + "Properties false) every " + Durations.of(p.poll()) + "; 1 caller for "
            + Durations.of(p.singleWindow()) + ", then " + p.groups() + " callers for "
            + Durations.of(p.window()));
    try (Rig rig = Rig.start(OneViewSimulator.builder().servers(p.servers()),
        sdk -> sdk.taskPolling(Duration.ofMillis(20), Duration.ofMillis(100)),
        plugin -> plugin.refreshInterval(p.refresh()))) {
      long seedStart = System.nanoTime();
      seedForeign(rig, p.foreign());
      for (int i = 0; i < p.owned(); i++) {
        rig.provisionPatiently(Map.of("infrakit.group", group(i % p.groups())));
      }
      boolean settled = Rig.await(Duration.ofMinutes(5), () -> rig.sim.pendingTasks() == 0
          && rig.sim.serverProfiles().size() == p.owned() + p.foreign()
          && running(rig.describe(Map.of(), true)) == p.owned());
      if (!settled) {
        throw new IllegalStateException("seeding did not settle: " + rig.sim.serverProfiles().size()
            + " profiles, " + rig.sim.pendingTasks() + " tasks running");
      }
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      // One full refresh interval so the latest listing holds every profile.
      Rig.sleep(p.refresh().multipliedBy(2));

      Window single = poll(rig, p, 1, p.singleWindow());
      Window many = poll(rig, p, p.groups(), p.window());
      List<Long> withProperties = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long t0 = System.nanoTime();
        rig.describe(Map.of(), true);
        withProperties.add(System.nanoTime() - t0);
      }
      double refreshesPerMinuteBound = 60.0 / (p.refresh().toNanos() / 1e9);
      result.row("DescribeInstances p50, " + p.groups() + " callers", "< 10 ms",
              Stats.ms(many.latency.medianMs()) + " ms", many.latency.medianMs() < 10)
          .info("DescribeInstances, " + p.groups() + " callers", many.latency.summary()
              + "; " + p.owned() / p.groups() + " instances per answer")
          .info("DescribeInstances, 1 caller", single.latency.summary())
          .row("OneView listings per minute, " + p.groups() + " callers (1 caller)",
              "<= 60 s / refresh = " + fmt(refreshesPerMinuteBound) + ", independent of callers",
              fmt(many.listingsPerMinute()) + " (" + fmt(single.listingsPerMinute()) + ")",
              many.listingsPerMinute() <= refreshesPerMinuteBound * 1.1 + 1)
          .info("OneView listing requests (pages) per minute, " + p.groups() + " callers (1 caller)",
              fmt(many.pagesPerMinute()) + " (" + fmt(single.pagesPerMinute()) + "); "
                  + fmt(many.pagesPerListing()) + " pages per listing")
          .info("OneView requests per minute other than listings, " + p.groups() + " callers",
              fmt(many.otherPerMinute()))
          .info("DescribeInstances calls per minute, " + p.groups() + " callers",
              fmt(many.calls * 60.0 / many.seconds))
          .info("DescribeInstances of all " + p.owned() + " with Properties, 1 caller",
              Stats.of(withProperties).summary())
          .info("seeding " + p.owned() + " + " + p.foreign() + " profiles", fmt(seedSeconds) + " s");
    }
    return result;
  }

  private record Window(Stats latency, int calls, double seconds, long listings, long pages,
      long other) {
    double listingsPerMinute() {
      return listings * 60.0 / seconds;
    }

    double pagesPerMinute() {
      return pages * 60.0 / seconds;
    }

    double otherPerMinute() {
      return other * 60.0 / seconds;
    }

    double pagesPerListing() {
      return listings == 0 ? 0 : pages / (double) listings;
    }
  }

  /** {@code callers} threads poll their group every interval for {@code window}. */
  private static Window poll(Rig rig, Params p, int callers, Duration window) {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    rig.sim.requests().clear();
    long start = System.nanoTime();
    long end = start + window.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int g = 0; g < callers; g++) {
        Map<String, String> tags = Map.of("infrakit.group", group(g));
        int expected = p.owned() / p.groups() + (g < p.owned() % p.groups() ? 1 : 0);
        futures.add(pool.submit(() -> {
          long next = start + ThreadLocalRandom.current().nextLong(p.poll().toNanos());
          while (true) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
              Rig.sleep(Duration.ofNanos(wait));
            }
            if (System.nanoTime() >= end) {
              return null;
            }
            long t0 = System.nanoTime();
            List<InstanceDescription> listed = rig.describe(tags, false);
            latencies.add(System.nanoTime() - t0);
            if (listed.size() != expected) {
              throw new IllegalStateException("group " + tags + " lists " + listed.size()
                  + " instances, expected " + expected);
            }
            next += p.poll().toNanos();
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("polling failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<RecordedRequest> requests = rig.sim.requests().all();
    // One listing = one template listing (each refresh lists templates, hardware, profiles once).
    long listings = requests.stream().filter(r -> "GET".equals(r.method())
        && r.path().equals("/rest/server-profile-templates")
        && (r.query() == null || !r.query().contains("start="))).count();
    long pages = requests.stream().filter(RequestClasses::isListing).count();
    return new Window(Stats.of(latencies), latencies.size(), seconds, listings, pages,
        requests.size() - pages);
  }

  private static void seedForeign(Rig rig, int count) {
    OneView other = Rig.sdk(rig.sim.url(), rig.sim.username(), rig.sim.password(),
        rig.sim.certificatePem(), b -> {});
    try (other) {
      ServerProfileTemplate template = other.serverProfileTemplates()
          .findByName(Rig.BLADE_TEMPLATE).orElseThrow();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          String name = String.format(Locale.ROOT, "foreign-%04d", i);
          futures.add(pool.submit(() -> other.serverProfiles().create(
              other.serverProfileTemplates().newProfile(template).withName(name)
                  .withDescription("created by another OneView user"))));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (Exception e) {
        throw new IllegalStateException("seeding foreign profiles failed: " + e, e);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static int running(List<InstanceDescription> listed) {
    return (int) listed.stream().filter(d -> "Running".equals(Rig.phase(d))).count();
  }

  private static String group(int i) {
    return "group-" + i;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }
}
