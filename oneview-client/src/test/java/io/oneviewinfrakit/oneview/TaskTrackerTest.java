package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.simulator.ManualClock;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.TaskKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** One scheduler watches every pending task; no thread waits while OneView works. */
final class TaskTrackerTest {

  /** Counts filtered task listings and releases a latch after the n-th. */
  private static final class TaskListings implements Interceptor {
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger maxUrisPerListing = new AtomicInteger();
    final CountDownLatch enough;

    TaskListings(int enough) {
      this.enough = new CountDownLatch(enough);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      okhttp3.HttpUrl url = chain.request().url();
      String query = url.queryParameter("query");
      if (url.encodedPath().equals("/rest/tasks") && query != null) {
        listings.incrementAndGet();
        maxUrisPerListing.accumulateAndGet(query.split("','").length, Math::max);
        enough.countDown();
      }
      return chain.proceed(chain.request());
    }
  }

  @Test
  void manyPendingTasksArePolledTogetherByOneSchedulerThreadWithFilteredListings() throws Exception {
    TaskListings probe = new TaskListings(5);
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(96).build().start();
        OneView ov = sdk(sim).client(new OkHttpClient.Builder().addNetworkInterceptor(probe).build())
            .listConcurrency(4).build()) {
      sim.holdTasks(TaskKind.POWER); // every power task stays Running until released
      List<ServerHardware> off = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).limit(40).toList();
      assertThat(off).hasSize(40);
      List<CompletableFuture<Task>> watches = new ArrayList<>();
      for (ServerHardware hw : off) {
        watches.add(ov.tasks().watch(ov.serverHardware().powerOn(hw.uri()), Duration.ofMinutes(5)));
      }
      sim.requests().clear();

      assertThat(probe.enough.await(30, TimeUnit.SECONDS)).as("five filtered task listings").isTrue();
      assertThat(watches).noneMatch(CompletableFuture::isDone);
      // 40 waits, one scheduler thread, no more HTTP threads than the dispatcher's bound.
      assertThat(((RealTaskClient) ov.tasks()).tracker().largestThreadCount()).isEqualTo(1);
      assertThat(ov.largestHttpThreadCount()).isLessThanOrEqualTo(4);
      // Listings carry up to a page of task URIs; single reads are only first polls or stragglers.
      assertThat(probe.maxUrisPerListing.get()).isGreaterThan(1).isLessThanOrEqualTo(TaskTracker.BATCH);
      assertThat(sim.requests().countStartingWith("GET", "/rest/tasks/")).isLessThanOrEqualTo(40);

      sim.releaseTasks();
      for (CompletableFuture<Task> w : watches) {
        assertThat(w.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
      }
      assertThat(((RealTaskClient) ov.tasks()).tracker().pending()).isZero();
    }
  }

  /** A simulator whose power tasks take {@code duration} of {@code clock}'s time. */
  private static OneViewSimulator powerTasksTaking(Duration duration, ManualClock clock) {
    return OneViewSimulator.builder().servers(8).clock(clock).taskDuration(TaskKind.POWER, duration)
        .build().start();
  }

  private static List<String> serversOff(OneView ov, int n) {
    return ov.serverHardware().list().stream().filter(h -> h.powerState() == PowerState.OFF)
        .limit(n).map(ServerHardware::uri).toList();
  }

  @Test
  void aTaskIsPolledJustAfterTheEndRecentTasksOfItsKindPredictInsteadOfAtItsNextBackoffPoll()
      throws Exception {
    ManualClock clock = new ManualClock();
    try (OneViewSimulator sim = powerTasksTaking(Duration.ofMillis(300), clock);
        // The backoff alone would first poll a minute after a watch starts.
        OneView ov = sdk(sim).taskPolling(Duration.ofMinutes(1), Duration.ofMinutes(1)).build()) {
      List<String> off = serversOff(ov, 2);
      // A power-on that took 300 ms by the appliance's own created/modified timestamps.
      Task first = ov.serverHardware().powerOn(off.get(0));
      clock.advance(Duration.ofSeconds(5)); // read late: the appliance says when it ended
      assertThat(ov.tasks().await(first, Duration.ofMinutes(5)).state()).isEqualTo(TaskState.COMPLETED);

      Task second = ov.serverHardware().powerOn(off.get(1));
      clock.advance(Duration.ofMillis(300));
      sim.requests().clear();
      CompletableFuture<Task> watch = ov.tasks().watch(second, Duration.ofMinutes(5));

      // Polled once, about 300 ms after the watch started: 30 s is half the backoff's first wait.
      assertThat(watch.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
      assertThat(sim.requests().countStartingWith("GET", "/rest/tasks")).isEqualTo(1);
    }
  }

  @Test
  void tasksStartedTogetherArePolledAsSoonAsTheFirstOfThemToEndShowsTheirEndHasPassed() throws Exception {
    ManualClock clock = new ManualClock();
    try (OneViewSimulator sim = powerTasksTaking(Duration.ofMillis(10), clock);
        OneView ov = sdk(sim).taskPolling(Duration.ofMinutes(1), Duration.ofMinutes(1)).build()) {
      List<String> off = serversOff(ov, 2);
      Task a = ov.serverHardware().powerOn(off.get(0));
      Task b = ov.serverHardware().powerOn(off.get(1));
      // b's first poll is a minute away: nothing is known about power-ons yet.
      CompletableFuture<Task> watchB = ov.tasks().watch(b, Duration.ofMinutes(5));
      clock.advance(Duration.ofMillis(10));
      Thread.sleep(200); // not waiting for luck: b's predicted end (10 ms + a 50 ms window) passes unpolled

      ov.tasks().await(a, Duration.ofMinutes(5)); // read at once: a power-on takes 10 ms

      assertThat(watchB.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
    }
  }

  @Test
  void theFirstTaskOfAKindIsPolledJustAfterTheExpectedDurationItReportsItself() throws Exception {
    // The appliance's clock runs here; the power task says it expects to take 1 s.
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8)
            .taskDuration(TaskKind.POWER, Duration.ofSeconds(1)).build().start();
        OneView ov = sdk(sim).taskPolling(Duration.ofMinutes(1), Duration.ofMinutes(1)).build()) {
      ServerHardware hw = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      Task on = ov.serverHardware().powerOn(hw.uri());

      // await polls at once (Running, expectedDuration 1), then a minute later by the backoff alone:
      // the 30 s timeout would end it first.
      assertThat(ov.tasks().await(on, Duration.ofSeconds(30)).state()).isEqualTo(TaskState.COMPLETED);
      assertThat(sim.requests().countStartingWith("GET", "/rest/tasks")).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aTaskRunningPastItsPredictedEndIsPolledOnItsBackoffAsIfThePredictedPollHadNotBeenMade()
      throws Exception {
    ManualClock clock = new ManualClock();
    try (OneViewSimulator sim = powerTasksTaking(Duration.ofMillis(2500), clock);
        OneView ov = sdk(sim).taskPolling(Duration.ofSeconds(1), Duration.ofMinutes(1)).build()) {
      TaskTracker tracker = ((RealTaskClient) ov.tasks()).tracker();
      List<String> off = serversOff(ov, 2);
      Task first = ov.serverHardware().powerOn(off.get(0));
      clock.advance(Duration.ofMillis(2500));
      ov.tasks().await(first, Duration.ofMinutes(5)); // power-ons take 2.5 s

      sim.holdTasks(TaskKind.POWER); // the next one takes far longer
      Task second = ov.serverHardware().powerOn(off.get(1));
      java.util.concurrent.BlockingQueue<Task> polls = new java.util.concurrent.LinkedBlockingQueue<>();
      CompletableFuture<Task> watch = ov.tasks().watch(second, Duration.ofMinutes(5), polls::add);

      // The backoff polls 1 s, 2 s and 3.5 s after the watch; after its second poll the predicted
      // one comes before its third: 2.5 s + a window of 50 ms + 2%.
      assertThat(polls.poll(30, TimeUnit.SECONDS)).isNotNull();
      assertThat(polls.poll(30, TimeUnit.SECONDS)).isNotNull();
      Duration predicted = tracker.nextPollSinceWatched(second.uri());
      assertThat(predicted).isEqualTo(Duration.ofMillis(2600));
      // It finds the task running: the next poll is the backoff's third (1.5 s after its second
      // poll's answer), not a step of the backoff after the predicted poll (2.25 s after it).
      assertThat(polls.poll(30, TimeUnit.SECONDS)).isNotNull();
      assertThat(tracker.nextPollSinceWatched(second.uri())).isGreaterThanOrEqualTo(Duration.ofMillis(3500))
          .isLessThan(predicted.plus(Duration.ofMillis(2250)));

      clock.advance(Duration.ofMillis(2500));
      sim.releaseTasks();
      assertThat(watch.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
    }
  }

  @Test
  void awaitIsBuiltOnWatchAndSeveralWaitersOfOneTaskShareItsPolls() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        OneView ov = sdk(sim).build()) {
      sim.holdTasks(TaskKind.POWER);
      ServerHardware hw = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      Task on = ov.serverHardware().powerOn(hw.uri());
      CompletableFuture<Task> a = ov.tasks().watch(on, Duration.ofMinutes(1));
      CompletableFuture<Task> b = ov.tasks().watch(on, Duration.ofMinutes(1));
      CompletableFuture<Task> waiting = CompletableFuture.supplyAsync(() -> ov.tasks().await(on, Duration.ofMinutes(1)));
      sim.releaseTasks();
      assertThat(waiting.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
      assertThat(a.get(30, TimeUnit.SECONDS).uri()).isEqualTo(on.uri());
      assertThat(b.get(30, TimeUnit.SECONDS).uri()).isEqualTo(on.uri());
    }
  }

  @Test
  void aProgressListenerHearsEachRunningStateAPollReads() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        OneView ov = sdk(sim).build()) {
      sim.holdTasks(TaskKind.POWER);
      ServerHardware hw = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      List<Task> heard = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.CountDownLatch twice = new java.util.concurrent.CountDownLatch(2);
      CompletableFuture<Task> watch = ov.tasks().watch(ov.serverHardware().powerOn(hw.uri()),
          Duration.ofMinutes(1), t -> {
            heard.add(t);
            twice.countDown();
          });
      assertThat(twice.await(30, TimeUnit.SECONDS)).as("two polls of the held task heard").isTrue();
      assertThat(heard).allSatisfy(t -> assertThat(t.state().isTerminal()).isFalse());
      sim.releaseTasks();
      assertThat(watch.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
      assertThat(heard).noneMatch(t -> t.state().isTerminal()); // the end is the future's, not progress
    }
  }

  @Test
  void whileEventsReportTaskEndsAWatchEndsFromTheEventWithoutAPoll() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        OneView ov = sdk(sim).build()) {
      ov.tasks().eventFeed(() -> true, Duration.ofMinutes(1));
      sim.holdTasks(TaskKind.POWER);
      ServerHardware hw = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      Task on = ov.serverHardware().powerOn(hw.uri());
      CompletableFuture<Task> watch = ov.tasks().watch(on, Duration.ofMinutes(5));
      sim.releaseTasks();
      Task done = ov.tasks().get(on.uri()); // what a bus event would carry

      ov.tasks().observed(done);

      assertThat(watch.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.COMPLETED);
      assertThat(((RealTaskClient) ov.tasks()).tracker().requests()).as("tracker polls").isZero();

      // A fast task's end may be reported before anyone watches it.
      Task off = ov.serverHardware().powerOff(hw.uri(), PowerControl.PRESS_AND_HOLD);
      ov.tasks().observed(ov.tasks().get(off.uri()));
      assertThat(ov.tasks().watch(off, Duration.ofMinutes(5)).get(30, TimeUnit.SECONDS).state())
          .isEqualTo(TaskState.COMPLETED);
      assertThat(((RealTaskClient) ov.tasks()).tracker().requests()).as("tracker polls").isZero();
    }
  }

  @Test
  void closingTheClientEndsItsWatchesBeforeTheLogoutAndAPollFailingMeanwhileIsNoWarning() throws Exception {
    CountDownLatch pollHeld = new CountDownLatch(1);
    CountDownLatch failPoll = new CountDownLatch(1);
    CountDownLatch logoutHeld = new CountDownLatch(1);
    CountDownLatch endLogout = new CountDownLatch(1);
    AtomicBoolean armed = new AtomicBoolean();
    Interceptor hold = chain -> {
      String path = chain.request().url().encodedPath();
      if (armed.get() && path.startsWith("/rest/tasks") && pollHeld.getCount() > 0) {
        pollHeld.countDown();
        await(failPoll);
        throw new IOException("connection reset while the client closed");
      }
      if (chain.request().method().equals("DELETE") && path.equals("/rest/login-sessions")) {
        logoutHeld.countDown();
        await(endLogout);
      }
      return chain.proceed(chain.request());
    };
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        LogCapture logs = new LogCapture()) {
      OneView ov = sdk(sim).client(new OkHttpClient.Builder().addNetworkInterceptor(hold).build())
          .taskPolling(Duration.ofMillis(20), Duration.ofMillis(20)).build();
      sim.holdTasks(TaskKind.POWER);
      ServerHardware hw = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      Task on = ov.serverHardware().powerOn(hw.uri());
      armed.set(true);
      CompletableFuture<Task> watch = ov.tasks().watch(on, Duration.ofMinutes(5));
      assertThat(pollHeld.await(30, TimeUnit.SECONDS)).as("a poll in flight").isTrue();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(ov::close);
      assertThat(logoutHeld.await(30, TimeUnit.SECONDS)).as("logging out").isTrue();
      // Logging out: the watch already ended, as closed; the poll in flight fails now.
      assertThatThrownBy(() -> watch.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("OneView client is closed");
      failPoll.countDown();
      endLogout.countDown();
      closing.get(30, TimeUnit.SECONDS);
      assertThat(logs.text()).doesNotContain("WARN Polling task");
      assertThat(sim.pendingTasks()).as("closing never touches a task").isEqualTo(1);
    }
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) throw new IOException("test latch timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void cancellingAWatchStopsPollingButNeverTheTask() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        OneView ov = sdk(sim).build()) {
      sim.holdTasks(TaskKind.POWER);
      ServerHardware hw = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      CompletableFuture<Task> watch = ov.tasks().watch(ov.serverHardware().powerOn(hw.uri()), Duration.ofMinutes(1));
      watch.cancel(false);
      TaskTracker tracker = ((RealTaskClient) ov.tasks()).tracker();
      // The cancellation is handled on the tracker's thread, queued before this question.
      assertThat(tracker.pending()).isZero();
      assertThat(sim.pendingTasks()).isEqualTo(1);
    }
  }

  @Test
  void watchFailsTypedWhenTheTaskFailsOrTimesOut() {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        OneView ov = sdk(sim).build()) {
      sim.holdTasks(TaskKind.POWER);
      ServerHardware hw = ov.serverHardware().list().stream()
          .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
      CompletableFuture<Task> watch = ov.tasks().watch(ov.serverHardware().powerOn(hw.uri()), Duration.ofMillis(50));
      assertThatThrownBy(watch::get).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TaskTimeoutException.class);
      assertThatThrownBy(() -> ov.tasks().watch(Task.pending("/rest/tasks/none"), Duration.ofSeconds(10)).get())
          .hasCauseInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void awaitOnTheTrackersOwnThreadFailsInsteadOfDeadlocking() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(8).build().start();
        OneView ov = sdk(sim).build()) {
      sim.holdTasks(TaskKind.POWER);
      List<String> off = serversOff(ov, 2);
      Task first = ov.serverHardware().powerOn(off.get(0));
      Task second = ov.serverHardware().powerOn(off.get(1));
      CompletableFuture<Task> chained = ov.tasks().watch(first, Duration.ofMinutes(1))
          .thenApply(done -> ov.tasks().await(second, Duration.ofMinutes(1))); // no executor: a mistake
      sim.releaseTasks();
      assertThatThrownBy(() -> chained.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("thenApplyAsync");
    }
  }
}
