package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.TaskKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash and restart: the plugin runs as a child JVM ({@link Main}, as deployed) against a
 * simulator in this JVM (which outlives it); a group controller loop scales it up and down and the
 * plugin process is killed with SIGKILL ({@link Process#destroyForcibly()}) at seeded random points
 * of provisioning and destroying, 20 times, each time restarted on the same, now stale, socket. After
 * the last restart the group converges and the same checks as the fault scenarios hold: the listing
 * is exactly OneView's owned profiles, nothing orphaned or duplicated, nothing foreign touched, no
 * bad answer.
 */
class CrashRestartTest {

  private static final Logger log = LoggerFactory.getLogger(CrashRestartTest.class);
  private static final int KILLS = 20;

  private OneViewSimulator sim;
  private Path dir;
  private PluginProcess plugin;
  private volatile InstancePluginClient client;
  
  @BeforeEach
  void setUp() throws IOException {
    sim = OneViewSimulator.builder().servers(32).seed(11).taskDurations(Duration.ofMillis(150))
        .build().start();
    sim.taskDuration(TaskKind.POWER, Duration.ofMillis(100));
    dir = PrivateDirectory.create("ovc");
  }

  @AfterEach
  void tearDown() throws IOException {
    stopPlugin();
    sim.close();
    PrivateDirectory.delete(dir);
  }

  @Test
  void killingThePluginProcessTwentyTimesMidProvisionAndMidDestroyLosesNothingAndLeavesNoOrphan()
      throws Exception {
    FleetChecks.Foreign foreign = FleetChecks.seedForeign(sim);
    RecordingPlugin recorded = new RecordingPlugin(() -> client);
    Random random = new Random(20240607L);
    long started = System.nanoTime();
    List<String> killPoints = new ArrayList<>();
    ExecutorService controller = Executors.newSingleThreadExecutor();
    try (GroupScaler scaler = new GroupScaler(recorded, PluginHarness.BLADE_PROPERTIES)) {
      for (int kill = 1; kill <= KILLS; kill++) {
        startPlugin();
        // Odd rounds grow the group, even rounds shrink it; the kill comes right after the k-th
        // profile create or delete (or power change) of the round reached OneView.
        int owned = FleetChecks.owned(sim, "default").size();
        boolean grow = owned == 0 || kill % 2 == 1 && owned < 14;
        int target = grow ? owned + 2 + random.nextInt(6) : random.nextInt(Math.min(owned, 3));
        boolean power = random.nextBoolean();
        String method = power ? "PUT" : grow ? "POST" : "DELETE";
        String path = power ? "/rest/server-hardware/" : "/rest/server-profiles";
        int k = 1 + random.nextInt(3);
        int from = sim.requests().size();
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> ticking = controller.submit(() -> {
          while (!stop.get()) {
            scaler.tick(target);
            pause(100); // the controller's own pace, not a wait for an outcome
          }
        });
        boolean reached = reached(() -> {
          List<RecordedRequest> all = sim.requests().all();
          return all.subList(Math.min(from, all.size()), all.size()).stream()
              .filter(r -> r.method().equals(method) && r.path().startsWith(path)).count() >= k;
        });
        plugin.kill();
        stop.set(true);
        ticking.get(30, TimeUnit.SECONDS);
        if (reached) {
          killPoints.add((grow ? "grow" : "shrink") + ": after " + method + " #" + k);
        }
        assertThat(plugin.socket()).as("socket left behind by the killed plugin").exists();
        log.info("Kill {} of {}: SIGKILL {} {} #{} of {} {} while moving {} -> {} instances; OneView "
            + "holds {} owned profiles, {} tasks pending", kill, KILLS, reached ? "right after" : "without",
            method, k, path, grow ? "(growing)" : "(shrinking)", owned, target,
            FleetChecks.owned(sim, "default").size(), sim.pendingTasks());
      }
      assertThat(killPoints).as("kills that hit their chosen point").hasSizeGreaterThanOrEqualTo(15);
      startPlugin(); // on the stale socket of the last kill

      scaler.converge(6, Duration.ofSeconds(60), Duration.ofMillis(200),
          () -> FleetChecks.settled(sim, 6));
      FleetChecks.assertAccountedFor(sim, client.describeInstances(GroupScaler.GROUP, true), 6);

      scaler.converge(0, Duration.ofSeconds(60), Duration.ofMillis(200),
          () -> FleetChecks.settled(sim, 0));
      FleetChecks.assertAccountedFor(sim, client.describeInstances(GroupScaler.GROUP, true), 0);
      assertThat(FleetChecks.owned(sim, "default")).as("owned profiles left in OneView").isEmpty();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\nplugin log tail:\n" + plugin.tail(40), e);
    } finally {
      controller.shutdownNow();
    }
    FleetChecks.assertForeignUntouched(sim, foreign);
    assertThat(recorded.violations).as("bad answers of the plugin").isEmpty();
    log.info("{} kills and convergence in {} ms; plugin {}; OneView {}", KILLS,
        Duration.ofNanos(System.nanoTime() - started).toMillis(), recorded,
        FleetChecks.requestSummary(sim));
  }

  private void startPlugin() {
    if (plugin == null) {
      plugin = new PluginProcess(sim, dir, "instance-oneview", List.of("--refresh-interval", "200ms",
          "--failure-cooldown", "1s", "--power-on-grace", "1s"));
    }
    plugin.start();
    client = plugin.client();
  }

  private void stopPlugin() {
    if (plugin != null) {
      plugin.close();
    }
  }

  /** Polls {@code condition} for up to 5 s; false if it did not come (the kill happens anyway). */
  private static boolean reached(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      pause(2);
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }


}
