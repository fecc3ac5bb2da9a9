package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.simulator.TaskKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No thread waits while OneView works: provisions whose OneView tasks do not end hold no worker, so
 * a handful of workers carries many more provisions than there are workers.
 */
class NoThreadPerTaskTest {

  private static final Map<String, String> GROUP = Map.of("infrakit.group", "many");
  private static final int WORKERS = 4;
  private static final int PROVISIONS = 64;

  @Test
  void sixtyFourProvisionsWaitOnTheirCreateTasksWithFourWorkersAllIdle() {
    try (PluginHarness h = PluginHarness.start(96, Duration.ofMillis(20),
        b -> b.workers(WORKERS).maxBacklog(PROVISIONS))) {
      h.holdProfileCreates(); // no create task ends until released
      List<InstanceId> ids = new ArrayList<>();
      for (int i = 0; i < PROVISIONS; i++) {
        ids.add(h.provision(GROUP));
      }

      // A worker held per waiting provision would leave all but four of them Reserved.
      PluginHarness.await("every provision waiting on its create task", Duration.ofSeconds(60),
          () -> h.describe(GROUP).stream()
              .filter(d -> "CreatingProfile".equals(Json.field(d.properties(), "phase")))
              .count() == PROVISIONS);
      // The phase turns CreatingProfile just before the create is sent: its task may follow.
      PluginHarness.await("every create task pending in OneView", Duration.ofSeconds(30),
          () -> h.sim.pendingTasks() >= PROVISIONS);
      PluginHarness.await("no worker busy while OneView works", Duration.ofSeconds(30),
          () -> workers().stream().allMatch(NoThreadPerTaskTest::idle));
      assertThat(workers()).hasSizeLessThanOrEqualTo(WORKERS);

      h.sim.releaseTasks();
      PluginHarness.await(PROVISIONS + " Running instances", Duration.ofSeconds(120),
          () -> h.settled(PROVISIONS));
      assertThat(workers()).hasSizeLessThanOrEqualTo(WORKERS);
    }
  }

  @Test
  void labelWritesWaitingOnTheirUpdateTasksHoldNoWorker() {
    int instances = 16;
    try (PluginHarness h = PluginHarness.start(24, Duration.ofMillis(20), b -> b.workers(WORKERS))) {
      List<InstanceId> ids = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        ids.add(h.provision(GROUP));
      }
      PluginHarness.await(instances + " Running instances", Duration.ofSeconds(120), () -> h.settled(instances));

      h.sim.holdTasks(TaskKind.PROFILE_UPDATE); // no label write's update task ends until released
      for (InstanceId id : ids) {
        h.client().label(id, Map.of("color", "blue"));
      }
      assertThat(h.sim.pendingTasks()).isGreaterThanOrEqualTo(instances);
      // A worker held per waiting label write would keep all four busy.
      PluginHarness.await("no worker busy while OneView writes the labels", Duration.ofSeconds(30),
          () -> workers().stream().allMatch(NoThreadPerTaskTest::idle));

      h.sim.releaseTasks();
      PluginHarness.await("every instance labelled", Duration.ofSeconds(60), () -> h.sim.pendingTasks() == 0
          && h.describe(Map.of("color", "blue")).size() == instances);
    }
  }

  /** The plugin's background workers (this test's plugin is the only one in the JVM). */
  private static List<ThreadInfo> workers() {
    return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
        .filter(t -> t.getThreadName().startsWith("oneview-work-"))
        .toList();
  }

  /** Parked in the pool waiting for a step, not inside one. */
  private static boolean idle(ThreadInfo t) {
    return Arrays.stream(t.getStackTrace())
        .anyMatch(f -> f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
            && f.getMethodName().equals("getTask"));
  }
}
