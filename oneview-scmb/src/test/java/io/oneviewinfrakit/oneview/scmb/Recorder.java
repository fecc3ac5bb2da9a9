package io.oneviewinfrakit.oneview.scmb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A listener that keeps every event for assertions, and counts resync signals. */
final class Recorder implements ScmbListener {
  final BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
  final AtomicInteger resyncs = new AtomicInteger();
  final Semaphore resynced = new Semaphore(0);
  private final List<ChangeEvent> skipped = new ArrayList<>();
  private volatile Consumer<ChangeEvent> also = e -> {};
  private volatile Runnable onResync = () -> {};

  Recorder also(Consumer<ChangeEvent> also) {
    this.also = also;
    return this;
  }

  Recorder onResync(Runnable onResync) {
    this.onResync = onResync;
    return this;
  }

  @Override
  public void onEvent(ChangeEvent event) {
    also.accept(event);
    events.add(event);
  }

  @Override
  public void onResyncNeeded() {
    onResync.run();
    resyncs.incrementAndGet();
    resynced.release();
  }

  /** The first event not returned before that matches, waiting up to 20 s for it. */
  ChangeEvent await(String what, Predicate<ChangeEvent> wanted) throws InterruptedException {
    for (Iterator<ChangeEvent> it = skipped.iterator(); it.hasNext(); ) {
      ChangeEvent e = it.next();
      if (wanted.test(e)) {
        it.remove();
        return e;
      }
    }
    while (true) {
      ChangeEvent e = events.poll(20, TimeUnit.SECONDS);
      assertThat(e).as("an SCMB event: " + what).isNotNull();
      if (wanted.test(e)) {
        return e;
      }
      skipped.add(e);
    }
  }

  void awaitResync() throws InterruptedException {
    assertThat(resynced.tryAcquire(30, TimeUnit.SECONDS)).as("a resync signal").isTrue();
  }
}
