package io.oneviewinfrakit.oneview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP exchange to SLF4J: method, path, status and duration at DEBUG; headers and bodies
 * at TRACE. Session headers are redacted, and login bodies (password in, session token out) and
 * certificate key pairs are never logged. Thread-safe.
 */
final class LoggingInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger("io.oneviewinfrakit.oneview.http");
  private static final Set<String> REDACTED = Set.of("auth", "session-id", "authorization", "cookie", "set-cookie");
  private static final long MAX_BODY = 4096;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String what = Http.describe(request);
    // Login bodies carry the password and the session token; key pairs carry a private key.
    String path = request.url().encodedPath();
    boolean secretBodies = path.endsWith("/rest/login-sessions")
        || path.contains("/rest/certificates/client/rabbitmq/keypair")
        || path.contains("/rest/certificates/client/rabbitmq/keys");
    if (log.isTraceEnabled()) {
      log.trace("--> {}\n{}{}", what, headers(request.headers()), secretBodies ? "(secret body not logged)" : requestBody(request));
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log.debug("<-- {} failed after {} ms: {}", what, elapsedMs(start), e.toString());
      throw e;
    }
    log.debug("<-- {} {} ({} ms)", response.code(), what, elapsedMs(start));
    if (log.isTraceEnabled()) {
      log.trace("<-- {} {}\n{}{}", response.code(), what, headers(response.headers()),
          secretBodies ? "(secret body not logged)" : response.peekBody(MAX_BODY).string());
    }
    return response;
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String headers(Headers headers) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String value = REDACTED.contains(name.toLowerCase(Locale.ROOT)) ? "██" : headers.value(i);
      result.append(name).append(": ").append(value).append('\n');
    }
    return result.toString();
  }

  private static String requestBody(Request request) throws IOException {
    if (request.body() == null) return "";
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    long size = buffer.size();
    String text = buffer.readString(Math.min(size, MAX_BODY), StandardCharsets.UTF_8);
    return size > MAX_BODY ? text + "..." : text;
  }
}
