package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * A group controller in miniature, as InfraKit's scaler works: each tick lists the group by its tags;
 * a failed listing skips the tick; too few instances are provisioned (in parallel, each call on its
 * own); too many are destroyed, lowest IDs first; the tick waits for its calls. Failures of single
 * calls are the plugin's answers to record (see {@link RecordingPlugin}), not test failures.
 */
final class GroupScaler implements AutoCloseable {

  static final Map<String, String> GROUP = Map.of("infrakit.group", "workers",
      "infrakit.config.hash", "h7qqowwvts4tjb65q4aw3qggw3hfgs5u");

  private final InstancePlugin plugin;
  private final RawJson properties;
  private final ExecutorService calls = Executors.newCachedThreadPool();
  int ticks;

  GroupScaler(InstancePlugin plugin, RawJson properties) {
    this.plugin = plugin;
    this.properties = properties;
  }

  /** One tick toward {@code target}; returns the listing it acted on, or null when listing failed. */
  List<InstanceDescription> tick(int target) {
    ticks++;
    List<InstanceDescription> listed;
    try {
      listed = plugin.describeInstances(GROUP, true);
    } catch (RuntimeException e) {
      return null;
    }
    List<Callable<Object>> work = new ArrayList<>();
    if (listed.size() < target) {
      for (int i = listed.size(); i < target; i++) {
        work.add(() -> plugin.provision(InstanceSpec.builder().properties(properties).tags(GROUP)
            .build()));
      }
    } else if (listed.size() > target) {
      listed.stream().map(InstanceDescription::id).sorted(Comparator.comparing(InstanceId::value))
          .limit(listed.size() - target)
          .forEach(id -> work.add(() -> {
            plugin.destroy(id, DestroyContext.TERMINATE);
            return null;
          }));
    }
    try {
      for (Future<Object> f : calls.invokeAll(work)) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          // recorded by the RecordingPlugin; the next tick retries
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
    return listed;
  }

  /**
   * Ticks every {@code period} until a tick's listing has exactly {@code target} instances, all
   * {@code Running}, and {@code settled} (the test's view of OneView) holds.
   */
  void converge(int target, Duration timeout, Duration period, BooleanSupplier settled) {
    try {
      awaitConverged(target, timeout, period, settled);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last listing: " + describe(last), e);
    }
  }

  /** Phases and last errors of a listing, for a failure message. */
  static String describe(List<InstanceDescription> listed) {
    if (listed == null) {
      return "(none)";
    }
    Map<String, Long> phases = listed.stream().collect(java.util.stream.Collectors.groupingBy(
        d -> String.valueOf(Json.field(d.properties(), "phase")), java.util.TreeMap::new,
        java.util.stream.Collectors.counting()));
    List<String> errors = listed.stream().map(d -> Json.field(d.properties(), "lastError"))
        .filter(java.util.Objects::nonNull).distinct().limit(5).toList();
    return listed.size() + " instances, phases " + phases + ", last errors " + errors;
  }

  private volatile List<InstanceDescription> last;

  private void awaitConverged(int target, Duration timeout, Duration period, BooleanSupplier settled) {
    PluginHarness.await("group at " + target + " instances", timeout, new BooleanSupplier() {
      long lastTick;

      @Override
      public boolean getAsBoolean() {
        if (System.nanoTime() - lastTick < period.toNanos()) {
          return false;
        }
        lastTick = System.nanoTime();
        List<InstanceDescription> listed = tick(target);
        if (listed != null) {
          last = listed;
        }
        return listed != null && listed.size() == target
            && listed.stream().allMatch(d -> "Running".equals(Json.field(d.properties(), "phase")))
            && settled.getAsBoolean();
      }
    });
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }
}
