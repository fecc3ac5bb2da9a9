package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 7: the State-Change Message Bus against polling, side by side in one run, on the same
 * fleet: OneView requests per minute in steady state ({@code groups} groups polling Describe every
 * {@code poll}), and how long an owned profile deleted by another OneView user stays listed.
 * Targets: ≤ 30 requests per minute with the bus; drift noticed ≤ 1 s with the bus.
 *
 * <p>The owned instances are profiles carrying the plugin's envelope, created through a second SDK
 * client (what another plugin process of the namespace would have created), so seeding does not
 * depend on the plugin's own provisioning speed.
 */
public final class BusBench {

  public record Params(int servers, int owned, int groups, Duration poll, Duration window,
      Duration refresh, int drifts) {
    public static Params full() {
      return new Params(2000, 1000, 10, Duration.ofSeconds(2), Duration.ofSeconds(30),
          Duration.ofSeconds(5), 5);
    }

    public static Params smoke() {
      return new Params(16, 4, 2, Duration.ofMillis(100), Duration.ofMillis(500),
          Duration.ofMillis(200), 1);
    }
  }

  private BusBench() {}

  /** {@code BusBench [SERVERS INSTANCES]}: the full size by default. */
  public static void main(String[] args) {
    Rig.quietLogs();
    Params p = Params.full();
    if (args.length == 2) {
      p = new Params(Integer.parseInt(args[0]), Integer.parseInt(args[1]), p.groups(), p.poll(),
          p.window(), p.refresh(), p.drifts());
    }
    System.out.println(run(p).toMarkdown());
  }

  public static ScenarioResult run(Params p) {
    ScenarioResult result = new ScenarioResult("7. State-Change Message Bus vs polling: "
        + p.owned() + " instances on " + p.servers() + " servers, " + p.groups() + " groups polling");
    result.setup("simulator: " + p.servers() + " servers, its embedded AMQP broker on; " + p.owned()
            + " owned profiles created through a second SDK client; HTTPS on loopback")
        .setup("polling: refresh interval " + Durations.of(p.refresh()) + "; bus: the same, with "
            + "the 5 min safety-net listing; steady state: " + p.groups() + " groups call Describe "
            + "every " + Durations.of(p.poll()) + " for " + Durations.of(p.window())
            + "; drift: an owned profile deleted by another OneView user, time until it is no longer "
            + "listed (Describe every 10 ms), median of " + p.drifts());
    Mode polling = measure(p, false);
    Mode bus = measure(p, true);
    result.row("OneView requests per minute, steady state, polling", "~1,200 listing pages (issue)",
        String.format(Locale.ROOT, "%.0f", polling.requestsPerMinute), null);
    result.row("OneView requests per minute, steady state, bus", "≤ 30",
        String.format(Locale.ROOT, "%.0f (%.0f× fewer)", bus.requestsPerMinute,
            polling.requestsPerMinute / Math.max(1, bus.requestsPerMinute)),
        bus.requestsPerMinute <= 30);
    result.row("drift noticed (median), polling", "≤ one refresh interval",
        Durations.of(polling.driftMedian), polling.driftMedian.compareTo(p.refresh().multipliedBy(2)) <= 0);
    result.row("drift noticed (median), bus", "≤ 1 s", Durations.of(bus.driftMedian),
        bus.driftMedian.compareTo(Duration.ofSeconds(1)) <= 0);
    return result;
  }

  private record Mode(double requestsPerMinute, Duration driftMedian) {}

  private static Mode measure(Params p, boolean withBus) {
    OneViewSimulator sim = OneViewSimulator.builder().servers(p.servers()).scmb(true)
        .taskDurations(Duration.ZERO).build().start();
    seed(sim, p.owned());
    try (Rig rig = Rig.on(sim, b -> {}, b -> {
      b.refreshInterval(p.refresh());
      if (withBus) {
        b.stateChangeBus(true, Duration.ofMinutes(5)).stateChangeBusPort(sim.scmbPort());
      }
    })) {
      Rig.await(Duration.ofMinutes(2), () -> rig.describe(Map.of(), false).size() == p.owned());
      return new Mode(steadyState(rig, p), drift(rig, p));
    }
  }

  /** OneView requests per minute while the groups poll Describe and nothing changes. */
  private static double steadyState(Rig rig, Params p) {
    ExecutorService groups = Executors.newFixedThreadPool(p.groups());
    long from = rig.sim.requests().size();
    long t0 = System.nanoTime();
    for (int g = 0; g < p.groups(); g++) {
      String group = "group-" + g;
      groups.execute(() -> {
        long end = t0 + p.window().toNanos();
        while (System.nanoTime() < end) {
          rig.describe(Map.of("infrakit.group", group), false);
          Rig.sleep(p.poll());
        }
      });
    }
    groups.shutdown();
    try {
      groups.awaitTermination(p.window().toMillis() + 60_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double minutes = (System.nanoTime() - t0) / 60e9;
    return (rig.sim.requests().size() - from) / minutes;
  }

  /** Median time from another user's delete of an owned profile until it is no longer listed. */
  private static Duration drift(Rig rig, Params p) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < p.drifts(); i++) {
      List<InstanceDescription> listed = rig.describe(Map.of(), false);
      String id = listed.get(i).id().value();
      String uri = rig.sim.serverProfiles().stream()
          .filter(pr -> pr.description() != null && pr.description().contains("\"id\":\"" + id + "\""))
          .map(ServerProfileView::uri).findFirst().orElseThrow();
      long t0 = System.nanoTime();
      rig.sim.faults().deleteProfileAsAnotherUser(uri);
      Rig.await(Duration.ofMinutes(1), () -> {
        boolean gone = rig.describe(Map.of(), false).stream().noneMatch(d -> d.id().value().equals(id));
        if (!gone) {
          Rig.sleep(Duration.ofMillis(10));
        }
        return gone;
      });
      millis.add((System.nanoTime() - t0) / 1_000_000);
    }
    millis.sort(null);
    return Duration.ofMillis(millis.get(millis.size() / 2));
  }

  /** {@code owned} profiles with this plugin's envelope (namespace "default") on free blades. */
  private static void seed(OneViewSimulator sim, int owned) {
    List<String> free = sim.serverHardware().stream()
        .filter(s -> s.serverProfileUri() == null && s.name().startsWith("Encl")
            && "Off".equals(s.powerState()))
        .map(ServerHardwareView::uri).toList();
    if (free.size() < owned) {
      throw new IllegalArgumentException(owned + " instances need " + owned + " powered-off blades; "
          + "the simulator has " + free.size());
    }
    try (OneView other = Rig.sdk(sim.url(), sim.username(), sim.password(), sim.certificatePem(),
        b -> {})) {
      ServerProfileTemplate t = other.serverProfileTemplates().findByName(Rig.BLADE_TEMPLATE)
          .orElseThrow();
      List<Task> tasks = new ArrayList<>();
      for (int i = 0; i < owned; i++) {
        String id = String.format(Locale.ROOT, "ov-%016d", i).replace('0', 'a').replace('1', 'b')
            .replace('2', 'c').replace('3', 'd').replace('4', 'e').replace('5', 'f')
            .replace('6', 'g').replace('7', 'h').replace('8', 'i').replace('9', 'j');
        String envelope = "infrakit-oneview/v2 {\"owner\":\"default\",\"id\":\"" + id
            + "\",\"intent\":\"Running\",\"logicalId\":null,\"powerOn\":false,\"tags\":{"
            + "\"infrakit.group\":\"group-" + (i % 10) + "\"}}";
        tasks.add(other.serverProfiles().create(other.serverProfileTemplates().newProfile(t)
            .withName("bus-" + i).withDescription(envelope).withServerHardwareUri(free.get(i))));
      }
      for (Task task : tasks) {
        other.tasks().await(task, Duration.ofMinutes(1));
      }
    }
  }
}
