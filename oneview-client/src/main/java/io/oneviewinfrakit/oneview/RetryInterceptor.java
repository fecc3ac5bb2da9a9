package io.oneviewinfrakit.oneview;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries idempotent requests (GET, HEAD, and PUT/DELETE carrying {@code If-Match}) after connection
 * failures and HTTP 502/503/504, and reads (GET, HEAD) after HTTP 500 too (an appliance busy with a
 * burst of work answers a read with a transient 500), with exponential backoff and jitter. Other requests, notably
 * POSTs, are sent once: repeating them could repeat their effect. Thread-safe.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(OneView.class);

  private final int maxRetries;
  private final Duration initial;
  private final Duration max;

  RetryInterceptor(int maxRetries, Duration initial, Duration max) {
    this.maxRetries = maxRetries;
    this.initial = initial;
    this.max = max;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (maxRetries == 0 || !isIdempotent(request)) return chain.proceed(request);
    try {
      return Failsafe.with(policy(chain)).get(() -> chain.proceed(request));
    } catch (FailsafeException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw e;
    }
  }

  private RetryPolicy<Response> policy(Chain chain) {
    RetryPolicyBuilder<Response> builder = RetryPolicy.<Response>builder()
        .handleIf((response, failure) -> failure != null
            ? failure instanceof IOException && !isUntrusted(failure) && !chain.call().isCanceled()
            : isTransient(chain.request(), response.code()))
        .withMaxRetries(maxRetries)
        .withJitter(0.25)
        .onRetry(event -> {
          Response previous = event.getLastResult();
          String why = previous != null ? "HTTP " + previous.code() : String.valueOf(event.getLastException());
          if (previous != null) previous.close();
          // DEBUG: a retry that works is not news, and one that fails reaches the caller as an
          // exception; at WARN an unreachable appliance cost three lines per call per refresh.
          log.debug("Retrying {} after {} (retry {} of {})",
              Http.describe(chain.request()), why, event.getAttemptCount(), maxRetries);
        });
    return initial.equals(max) ? builder.withDelay(initial).build() : builder.withBackoff(initial, max).build();
  }

  static boolean isIdempotent(Request request) {
    String method = request.method();
    if (method.equals("GET") || method.equals("HEAD")) return true;
    return (method.equals("PUT") || method.equals("DELETE")) && request.header("If-Match") != null;
  }

  /** Certificate problems do not go away by retrying. */
  private static boolean isUntrusted(Throwable failure) {
    if (failure instanceof SSLPeerUnverifiedException) return true;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) return true;
    }
    return false;
  }

  private static boolean isTransient(Request request, int code) {
    if (code == 500) return request.method().equals("GET") || request.method().equals("HEAD");
    return code == 502 || code == 503 || code == 504;
  }
}
