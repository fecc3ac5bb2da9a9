package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TaskTest extends FakeApplianceFixture {
  private static final String URI = "/rest/tasks/T1";

  private static String task(String state, int percent) {
    return "{\"type\":\"TaskResourceV2\",\"uri\":\"" + URI + "\",\"name\":\"Create\",\"taskState\":\"" + state
        + "\",\"percentComplete\":" + percent + ",\"associatedResource\":{\"resourceUri\":\"/rest/server-profiles/P1\"},"
        + "\"taskErrors\":[]}";
  }

  @Test
  void aTaskPollNeverFailsOnOne500() {
    AtomicInteger polls = new AtomicInteger();
    appliance.handler = request -> polls.incrementAndGet() == 1
        ? new okhttp3.mockwebserver.MockResponse().setResponseCode(500)
            .setBody("{\"errorCode\":\"INTERNAL_ERROR\",\"message\":\"busy\"}")
        : json(200, task("Completed", 100));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.tasks().await(Task.pending(URI), Duration.ofSeconds(10)).state()).isEqualTo(TaskState.COMPLETED);
    }
    assertThat(polls).hasValue(2); // the HTTP layer retried the GET after the 500
  }

  @Test
  void awaitPollsUntilTheTaskCompletes() {
    AtomicInteger polls = new AtomicInteger();
    appliance.handler = request -> {
      int n = polls.incrementAndGet();
      return json(200, n < 3 ? task(n == 1 ? "Starting" : "Running", 30 * n) : task("Completed", 100));
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Task done = ov.tasks().await(Task.pending(URI), Duration.ofSeconds(10));
      assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
      assertThat(done.associatedResourceUri()).isEqualTo("/rest/server-profiles/P1");
    }
    assertThat(polls).hasValue(3);
  }

  @Test
  void defaultPollingStartsAtHalfASecondAndGrowsByHalfUpToTenSeconds() {
    // FakeAppliance.builder sets millisecond polling for speed; a plain builder has the defaults.
    try (OneView ov = OneView.builder().url(server.url("/").toString())
        .credentials(FakeAppliance.USER, FakeAppliance.PASSWORD.toCharArray()).build()) {
      RealTaskClient tasks = (RealTaskClient) ov.tasks();
      List<Long> millis = IntStream.rangeClosed(1, 10).mapToObj(n -> tasks.delayAfter(n).toMillis()).toList();
      assertThat(millis).containsExactly(500L, 750L, 1125L, 1687L, 2531L, 3796L, 5695L, 8542L, 10_000L, 10_000L);
      assertThat(tasks.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void pollingScheduleFollowsTaskPollingSettings() {
    assertThat(RealTaskClient.pollDelay(Duration.ofSeconds(2), Duration.ofSeconds(5), 1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RealTaskClient.pollDelay(Duration.ofSeconds(2), Duration.ofSeconds(5), 2)).isEqualTo(Duration.ofSeconds(3));
    assertThat(RealTaskClient.pollDelay(Duration.ofSeconds(2), Duration.ofSeconds(5), 3)).isEqualTo(Duration.ofMillis(4500));
    assertThat(RealTaskClient.pollDelay(Duration.ofSeconds(2), Duration.ofSeconds(5), 4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RealTaskClient.pollDelay(Duration.ofSeconds(1), Duration.ofSeconds(1), 7)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void warningCountsAsSuccess() {
    appliance.handler = request -> json(200, task("Warning", 100));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.tasks().await(Task.pending(URI), Duration.ofSeconds(10)).state()).isEqualTo(TaskState.WARNING);
    }
  }

  @Test
  void taskErrorCarriesCodesMessagesAndRecommendedActions() {
    appliance.handler = request -> json(200, fixture("oneview-golang/task-error.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.tasks().await(Task.pending(URI), Duration.ofSeconds(10)))
          .isInstanceOfSatisfying(TaskFailedException.class, e -> {
            assertThat(e.task().state()).isEqualTo(TaskState.ERROR);
            assertThat(e.task().stateReason()).isEqualTo("ValidationError");
            assertThat(e.errors()).singleElement().satisfies(error -> {
              assertThat(error.errorCode()).isEqualTo("MacTypeDiffGlobalMacType");
              assertThat(error.message()).startsWith("When macType is not user defined");
              assertThat(error.recommendedActions()).containsExactly("Verify parameters and try again.");
            });
            assertThat(e.error().errorCode()).isEqualTo("MacTypeDiffGlobalMacType");
            assertThat(e).hasMessageContaining("ended Error (ValidationError); MacTypeDiffGlobalMacType: When macType")
                .hasMessageContaining("Recommended: Verify parameters and try again.");
          });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Killed", "Terminated", "Interrupted"})
  void abnormalEndsAreFailures(String state) {
    appliance.handler = request -> json(200, task(state, 40));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.tasks().await(Task.pending(URI), Duration.ofSeconds(10)))
          .isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("ended " + state);
    }
  }

  @Test
  void timeoutStopsWaitingAndSaysSo() {
    appliance.handler = request -> json(200, task("Running", 60));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      // Logged in and connected first, so the wait's first poll (at once) answers well within it
      // even on a loaded machine.
      assertThat(ov.tasks().get(URI).state()).isEqualTo(TaskState.RUNNING);
      assertThatThrownBy(() -> ov.tasks().await(Task.pending(URI), Duration.ofMillis(500)))
          .isInstanceOfSatisfying(TaskTimeoutException.class, e -> assertThat(e.task().state()).isEqualTo(TaskState.RUNNING))
          .hasMessage("Stopped waiting for task " + URI + " after PT0.5S; it was still Running (60% complete)"
              + " and may still be running on the appliance");
    }
    assertThat(appliance.resourceRequests).isNotEmpty();
  }

  @Test
  void unknownStateIsNeverReportedAsSuccess() {
    appliance.handler = request -> json(200, task("Reticulating", 100));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.tasks().await(Task.pending(URI), Duration.ofMillis(50)))
          .isInstanceOfSatisfying(TaskTimeoutException.class, e -> assertThat(e.task().state()).isEqualTo(TaskState.UNKNOWN));
    }
  }

  @Test
  void alreadyFinishedTaskIsNotPolled() {
    Task done = Task.fromJson(Json.parseObject(fixture("oneview-sdk-java/task-completed-create-profile.json")));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.tasks().await(done, Duration.ofSeconds(1))).isSameAs(done);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void missingTaskFailsInsteadOfWaiting() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.tasks().await(Task.pending(URI), Duration.ofSeconds(30)))
          .isInstanceOf(ResourceNotFoundException.class);
    }
    assertThat(appliance.resourceRequests).hasSize(1);
  }

  @Test
  void getReadsTheTask() {
    appliance.handler = request -> json(200, fixture("oneview-sdk-java/task-completed-delete-template.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Task task = ov.tasks().get(URI);
      assertThat(task.name()).isEqualTo("Delete");
      assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
      assertThat(task.status()).startsWith("Successfully deleted");
    }
  }
}
