package io.oneviewinfrakit.plugin;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An interceptor for the plugin's OneView client that, while closed, holds the requests it matches,
 * so a test can freeze one OneView call at the moment a race needs and release it on cue.
 */
final class RequestGate implements Interceptor {
  private final Predicate<Request> matches;
  private volatile CountDownLatch open = new CountDownLatch(0);
  /** How many requests have been held so far. */
  final AtomicInteger held = new AtomicInteger();

  RequestGate(Predicate<Request> matches) {
    this.matches = matches;
  }

  void close() {
    open = new CountDownLatch(1);
  }

  void open() {
    open.countDown();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CountDownLatch latch = open;
    if (latch.getCount() > 0 && matches.test(request)) {
      held.incrementAndGet();
      try {
        latch.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return chain.proceed(request);
  }
}
