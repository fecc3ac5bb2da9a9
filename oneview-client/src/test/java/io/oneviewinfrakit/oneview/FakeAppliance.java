package io.oneviewinfrakit.oneview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A scripted appliance for tests: answers {@code /rest/version} and login/logout like OneView,
 * rejects requests without the current session token with a 401, and hands every other request to
 * {@link #handler}. Thread-safe.
 */
final class FakeAppliance extends Dispatcher {
  static final String USER = "Administrator";
  static final String PASSWORD = "s3cret-Pa55word";

  final AtomicInteger logins = new AtomicInteger();
  final AtomicInteger logouts = new AtomicInteger();
  final List<RecordedRequest> resourceRequests = new CopyOnWriteArrayList<>();
  final List<String> issuedTokens = new CopyOnWriteArrayList<>();
  volatile int currentVersion = 8600;
  volatile int minimumVersion = 120;
  volatile String validToken;
  volatile MockResponse loginAnswer;
  volatile Function<RecordedRequest, MockResponse> handler = request -> new MockResponse().setResponseCode(404)
      .setBody("{\"errorCode\":\"RESOURCE_NOT_FOUND\",\"message\":\"Resource not found.\"}");

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getRequestUrl().encodedPath();
    if (path.equals("/rest/version") && request.getMethod().equals("GET")) {
      return json(200, "{\"currentVersion\":" + currentVersion + ",\"minimumVersion\":" + minimumVersion + "}");
    }
    if (path.equals("/rest/login-sessions") && request.getMethod().equals("POST")) {
      logins.incrementAndGet();
      if (loginAnswer != null) return loginAnswer;
      String body = request.getBody().clone().readUtf8();
      if (!body.contains("\"password\":\"" + PASSWORD + "\"")) {
        return json(400, "{\"errorCode\":\"AUTHN_AUTH_FAIL\",\"message\":\"Invalid user name or password.\"}");
      }
      String token = "session-token-" + logins.get() + "-" + System.nanoTime();
      issuedTokens.add(token);
      validToken = token;
      return json(200, "{\"sessionID\":\"" + token + "\",\"partnerData\":{}}");
    }
    if (path.equals("/rest/login-sessions") && request.getMethod().equals("DELETE")) {
      logouts.incrementAndGet();
      if (validToken != null && validToken.equals(request.getHeader("auth"))) validToken = null;
      return new MockResponse().setResponseCode(204);
    }
    String token = request.getHeader("auth");
    if (token == null || !token.equals(validToken)) {
      return json(401, fixture("github-issues/error-authorization.json"));
    }
    resourceRequests.add(request);
    return handler.apply(request);
  }

  /** Makes the current session invalid, as an idle timeout would. */
  void expireSession() {
    validToken = "expired";
  }

  static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  static String fixture(String name) {
    try {
      return Files.readString(fixturesRoot().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path fixturesRoot() {
    try {
      return Paths.get(FakeAppliance.class.getResource("/fixtures/oneview").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A builder for {@code server} with the fake's credentials and millisecond timings. */
  static OneView.Builder builder(MockWebServer server) {
    return OneView.builder()
        .url(server.url("/").toString())
        .credentials(USER, PASSWORD.toCharArray())
        .taskPolling(Duration.ofMillis(1), Duration.ofMillis(5))
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(5));
  }
}
