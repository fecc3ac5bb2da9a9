package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How long a task is expected to take, learned from the appliance's own timestamps. */
final class TaskDurationsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00.000Z");

  private static Task task(String name, String resource, TaskState state) {
    return Task.builder().uri("/rest/tasks/" + name.hashCode()).name(name).state(state)
        .associatedResourceUri(resource).build();
  }

  private static Map<String, Object> doc(Duration took) {
    Map<String, Object> json = new HashMap<>();
    json.put("created", T0.toString());
    json.put("modified", T0.plus(took).toString());
    return json;
  }

  @Test
  void theExpectationIsTheShortestOfTheRecentDurationsOfTheSameNameAndResourceCategory() {
    TaskDurations durations = new TaskDurations();
    Task powerOn = task("Power on", "/rest/server-hardware/1", TaskState.COMPLETED);
    assertThat(durations.expectedNanos(powerOn)).isEqualTo(-1);

    assertThat(durations.learn(powerOn, doc(Duration.ofMillis(2300)))).isTrue();
    durations.learn(task("Power on", "/rest/server-hardware/2", TaskState.COMPLETED), doc(Duration.ofMillis(1900)));
    durations.learn(task("Power on", "/rest/server-hardware/3", TaskState.WARNING), doc(Duration.ofMillis(2100)));

    assertThat(durations.expectedNanos(task("Power on", "/rest/server-hardware/9", TaskState.RUNNING)))
        .isEqualTo(Duration.ofMillis(1900).toNanos());
    assertThat(durations.expectedNanos(task("Power off", "/rest/server-hardware/9", TaskState.RUNNING))).isEqualTo(-1);
    assertThat(durations.expectedNanos(task("Power on", "/rest/enclosures/9", TaskState.RUNNING))).isEqualTo(-1);
  }

  @Test
  void onlyTheLastFewDurationsCountSoAnApplianceThatSlowsDownIsFollowed() {
    TaskDurations durations = new TaskDurations();
    Task create = task("Create", "/rest/server-profiles/1", TaskState.COMPLETED);
    durations.learn(create, doc(Duration.ofSeconds(1)));
    for (int i = 0; i < TaskDurations.SAMPLES; i++) durations.learn(create, doc(Duration.ofSeconds(10 + i)));

    assertThat(durations.expectedNanos(create)).isEqualTo(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void failedTasksAndDocumentsWithoutUsableTimestampsTeachNothing() {
    TaskDurations durations = new TaskDurations();
    Task failed = task("Create", "/rest/server-profiles/1", TaskState.ERROR);
    Task done = task("Create", "/rest/server-profiles/1", TaskState.COMPLETED);
    Map<String, Object> garbled = doc(Duration.ofSeconds(1));
    garbled.put("modified", "yesterday");
    Map<String, Object> backwards = doc(Duration.ofSeconds(-1));

    assertThat(durations.learn(failed, doc(Duration.ofMillis(10)))).isFalse(); // validation errors end at once
    assertThat(durations.learn(done, garbled)).isFalse();
    assertThat(durations.learn(done, backwards)).isFalse();
    assertThat(durations.learn(done, Map.of())).isFalse();
    assertThat(durations.learn(Task.builder().uri("/rest/tasks/x").state(TaskState.COMPLETED).build(),
        doc(Duration.ofSeconds(1)))).as("a task without a name has no kind").isFalse();
    assertThat(durations.expectedNanos(done)).isEqualTo(-1);
  }

  @Test
  void theTasksOwnExpectedDurationIsReadOnlyWhenItIsAPlausibleNumberOfSeconds() {
    assertThat(TaskDurations.applianceExpects(Map.of("expectedDuration", 25L))).isEqualTo(Duration.ofSeconds(25).toNanos());
    assertThat(TaskDurations.applianceExpects(Map.of("expectedDuration", 0L))).isEqualTo(-1); // often 0
    assertThat(TaskDurations.applianceExpects(Map.of("expectedDuration", -5L))).isEqualTo(-1);
    assertThat(TaskDurations.applianceExpects(Map.of("expectedDuration", "soon"))).isEqualTo(-1);
    assertThat(TaskDurations.applianceExpects(Map.of())).isEqualTo(-1);
  }

  @Test
  void theWindowAfterAnExpectedEndGrowsWithTheTask() {
    assertThat(TaskDurations.windowNanos(0)).isEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(TaskDurations.windowNanos(Duration.ofSeconds(5).toNanos())).isEqualTo(Duration.ofMillis(150).toNanos());
    assertThat(TaskDurations.windowNanos(Duration.ofMinutes(10).toNanos())).isEqualTo(Duration.ofMillis(12_050).toNanos());
  }
}
