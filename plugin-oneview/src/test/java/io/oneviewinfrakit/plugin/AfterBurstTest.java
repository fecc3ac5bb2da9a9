package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** A burst of Provision calls is answered before the OneView work behind it starts. */
final class AfterBurstTest {
  private static final long MS = 1_000_000L;

  /** A clock that moves only when told, and the checks scheduled on it. */
  private final List<long[]> dueAt = new ArrayList<>(); // {due time} parallel to checks
  private final List<Runnable> checks = new ArrayList<>();
  private final List<String> started = new ArrayList<>();
  private long now;

  /**
   * Workers that run a job at once, on the caller's thread: a job's end then starts the next one
   * from inside the release, so jobs do not start in order (real workers never run a job inline).
   */
  private AfterBurst afterBurst(Duration pause, Duration maxDelay) {
    return new AfterBurst(pause, maxDelay, 8, (check, delay) -> {
      checks.add(check);
      dueAt.add(new long[] {now + delay});
    }, () -> now, job -> job.run());
  }

  /** Moves the clock to {@code time}, running every check that has come due (in order). */
  private void advanceTo(long time) {
    while (true) {
      int next = -1;
      for (int i = 0; i < checks.size(); i++) {
        if (dueAt.get(i)[0] <= time && (next < 0 || dueAt.get(i)[0] < dueAt.get(next)[0])) next = i;
      }
      if (next < 0) break;
      now = Math.max(now, dueAt.get(next)[0]);
      Runnable check = checks.remove(next);
      dueAt.remove(next);
      check.run();
    }
    now = time;
  }

  private Runnable job(String name) {
    return () -> started.add(name);
  }

  /** Jobs handed to the workers that have not run yet: a worker runs one with {@link #endOne}. */
  private final List<Runnable> onWorkers = new ArrayList<>();

  /** An AfterBurst whose workers run a job only when the test says so. */
  private AfterBurst withWorkers(Duration pause, Duration maxDelay, int lanes) {
    return new AfterBurst(pause, maxDelay, lanes, (check, delay) -> {
      checks.add(check);
      dueAt.add(new long[] {now + delay});
    }, () -> now, onWorkers::add);
  }

  private void endOne() {
    onWorkers.remove(0).run();
  }

  @Test
  void workOfABurstStartsOnlyOnceTheCallsPause() {
    AfterBurst burst = afterBurst(Duration.ofMillis(50), Duration.ofMillis(500));
    for (int i = 0; i < 5; i++) {
      advanceTo(i * 10 * MS); // a call every 10 ms: shorter than the pause
      burst.submit(job("p" + i));
      assertThat(started).isEmpty();
    }
    advanceTo(40 * MS + 49 * MS);
    assertThat(started).isEmpty();
    assertThat(burst.held()).isEqualTo(5);
    advanceTo(40 * MS + 50 * MS);
    assertThat(started).containsExactly("p0", "p1", "p2", "p3", "p4");
    assertThat(burst.held()).isZero();
    assertThat(checks).isEmpty();
  }

  @Test
  void aSteadyStreamOfCallsCannotHoldWorkBackLongerThanTheMaximumDelay() {
    AfterBurst burst = afterBurst(Duration.ofMillis(50), Duration.ofMillis(500));
    for (int i = 0; i <= 60; i++) {
      advanceTo(i * 20 * MS); // never a 50 ms pause
      burst.submit(job("p" + i));
      if (i * 20 < 500) assertThat(started).isEmpty();
    }
    // Released at 500 ms (the first call's limit), then at most 500 ms after each later call.
    assertThat(started).contains("p0", "p1", "p25");
    assertThat(started).hasSizeGreaterThanOrEqualTo(26);
    advanceTo(60 * 20 * MS + 50 * MS);
    assertThat(started).hasSize(61);
  }

  @Test
  void releasedWorkRunsAtMostLanesJobsAtOnceAndTheNextStartsWhenOneEnds() {
    AfterBurst burst = withWorkers(Duration.ofMillis(50), Duration.ofMillis(500), 3);
    for (int i = 0; i < 7; i++) {
      burst.submit(job("p" + i));
    }
    advanceTo(50 * MS);
    assertThat(onWorkers).hasSize(3);
    assertThat(burst.running()).isEqualTo(3);
    assertThat(burst.held()).isEqualTo(4);
    endOne();
    assertThat(started).containsExactly("p0");
    assertThat(onWorkers).hasSize(3); // p3 took p0's lane
    while (!onWorkers.isEmpty()) {
      endOne();
    }
    assertThat(started).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
    assertThat(burst.running()).isZero();
    assertThat(burst.held()).isZero();
  }

  @Test
  void aBurstThatBeginsWhileHeldWorkIsStartingStopsWhatHasNotStartedUntilTheCallsPauseAgain() {
    AfterBurst burst = withWorkers(Duration.ofMillis(50), Duration.ofMillis(2000), 2);
    for (int i = 0; i < 6; i++) {
      burst.submit(job("warm" + i));
    }
    advanceTo(50 * MS); // the pause: warm0 and warm1 start
    assertThat(onWorkers).hasSize(2);
    advanceTo(55 * MS);
    burst.submit(job("burst0")); // a new burst
    endOne();
    endOne();
    assertThat(started).containsExactly("warm0", "warm1");
    assertThat(onWorkers).as("nothing more starts while the calls go on").isEmpty();
    advanceTo(60 * MS);
    burst.submit(job("burst1"));
    advanceTo(109 * MS);
    assertThat(onWorkers).isEmpty();
    advanceTo(110 * MS); // 50 ms after the burst's last call
    assertThat(onWorkers).hasSize(2);
    while (!onWorkers.isEmpty()) {
      endOne();
    }
    assertThat(started).containsExactly("warm0", "warm1", "warm2", "warm3", "warm4", "warm5",
        "burst0", "burst1");
  }

  @Test
  void workPastItsMaximumDelayStartsWhileCallsGoOnButStillInItsLanes() {
    AfterBurst burst = withWorkers(Duration.ofMillis(50), Duration.ofMillis(500), 2);
    for (int i = 0; i <= 40; i++) {
      advanceTo(i * 20 * MS); // never a 50 ms pause
      burst.submit(job("p" + i));
      assertThat(onWorkers.size()).isLessThanOrEqualTo(2);
    }
    assertThat(onWorkers).hasSize(2); // p0 came due at 500 ms, and everything held with it
    endOne();
    endOne();
    assertThat(started).containsExactly("p0", "p1");
    assertThat(onWorkers).hasSize(2);
    assertThat(burst.running()).isEqualTo(2);
    while (!onWorkers.isEmpty()) {
      assertThat(onWorkers.size()).isLessThanOrEqualTo(2);
      endOne();
    }
    assertThat(started).hasSize(41); // the calls never paused, the held work still all ran
  }

  @Test
  void aCallAfterTheTimerRefusedAReCheckIsRefusedNotHeldForever() {
    boolean[] timerClosed = {false};
    AfterBurst burst = new AfterBurst(Duration.ofMillis(50), Duration.ofMillis(500), 8,
        (check, delay) -> {
          if (timerClosed[0]) {
            throw new RejectedExecutionException("the plugin is shutting down");
          }
          checks.add(check);
          dueAt.add(new long[] {now + delay});
        }, () -> now, onWorkers::add);
    burst.submit(job("p0"));
    advanceTo(30 * MS);
    burst.submit(job("p1"));
    timerClosed[0] = true;
    advanceTo(50 * MS); // not quiet yet: the re-check it asks for is refused
    assertThat(onWorkers).isEmpty();
    assertThatThrownBy(() -> burst.submit(job("late"))).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void heldWorkWaitsWhileACallIsInProgressEvenLongerThanThePause() {
    AfterBurst burst = afterBurst(Duration.ofMillis(50), Duration.ofMillis(2000));
    burst.callStarted();
    burst.submit(job("p0"));
    burst.callEnded();
    advanceTo(10 * MS);
    burst.callStarted(); // a slow call: answered 100 ms later, with nothing handed in meanwhile
    advanceTo(109 * MS);
    assertThat(started).as("a call is in progress").isEmpty();
    advanceTo(110 * MS);
    burst.callEnded();
    advanceTo(159 * MS);
    assertThat(started).isEmpty();
    advanceTo(160 * MS); // 50 ms after the last call ended
    assertThat(started).containsExactly("p0");
  }

  @Test
  void aCallInProgressCannotHoldWorkBackLongerThanTheMaximumDelay() {
    AfterBurst burst = afterBurst(Duration.ofMillis(50), Duration.ofMillis(2000));
    burst.callStarted(); // never ends
    burst.submit(job("p0"));
    advanceTo(1999 * MS);
    assertThat(started).isEmpty();
    advanceTo(2000 * MS);
    assertThat(started).containsExactly("p0");
  }

  @Test
  void aLoneCallStartsItsWorkAfterThePause() {
    AfterBurst burst = afterBurst(Duration.ofMillis(50), Duration.ofMillis(500));
    burst.submit(job("only"));
    advanceTo(49 * MS);
    assertThat(started).isEmpty();
    advanceTo(50 * MS);
    assertThat(started).containsExactly("only");
  }

  @Test
  void aZeroPauseStartsWorkAtOnce() {
    AfterBurst burst = afterBurst(Duration.ZERO, Duration.ofMillis(500));
    burst.submit(job("now"));
    assertThat(started).containsExactly("now");
    assertThat(checks).isEmpty();
  }

  @Test
  void workHeldWhenThePluginClosesIsDroppedWithoutAnError() {
    AfterBurst burst = new AfterBurst(Duration.ofMillis(50), Duration.ofMillis(500), 8, (check, delay) -> {
      checks.add(check);
      dueAt.add(new long[] {now + delay});
    }, () -> now, job -> {
      throw new RejectedExecutionException("the plugin is shutting down");
    });
    burst.submit(job("late"));
    assertThatCode(() -> advanceTo(50 * MS)).doesNotThrowAnyException();
    assertThat(started).isEmpty();
  }

  @Test
  void aCallThatArrivesAsThePluginClosesIsRefusedNotHeldForever() {
    AfterBurst burst = new AfterBurst(Duration.ofMillis(50), Duration.ofMillis(500), 8, (check, delay) -> {
      throw new RejectedExecutionException("the plugin is shutting down");
    }, () -> now, job -> job.run());
    assertThatThrownBy(() -> burst.submit(job("late"))).isInstanceOf(RejectedExecutionException.class);
    assertThat(burst.held()).isZero();
    assertThat(started).isEmpty();
  }
}
