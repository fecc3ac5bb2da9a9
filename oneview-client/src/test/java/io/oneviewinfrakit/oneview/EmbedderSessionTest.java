package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Sessions owned by the embedding application, the idle-timeout endpoint and HTTP proxies. */
final class EmbedderSessionTest extends FakeApplianceFixture {
  private OneView.Builder withoutCredentials() {
    return OneView.builder().url(server.url("/").toString())
        .taskPolling(Duration.ofMillis(1), Duration.ofMillis(5))
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(1));
  }

  @Test
  void anExistingSessionIdIsUsedWithoutLoggingInOrOut() {
    appliance.validToken = "app-session-1";
    appliance.handler = request -> json(200, "{\"total\":0,\"members\":[]}");
    try (OneView ov = withoutCredentials().sessionId("app-session-1").build()) {
      ov.enclosures().list();
      ov.logout();
      ov.scopes().list();
    }
    assertThat(appliance.logins.get()).isZero();
    assertThat(appliance.logouts.get()).isZero();
    assertThat(appliance.resourceRequests).extracting(r -> r.getHeader("auth")).containsOnly("app-session-1");
  }

  @Test
  void aRejectedSuppliedSessionIsRenewedFromTheSupplierOnce() {
    Deque<String> sessions = new ArrayDeque<>(List.of("app-1", "app-2"));
    AtomicInteger asked = new AtomicInteger();
    appliance.validToken = "app-2";
    appliance.handler = request -> json(200, "{\"total\":0,\"members\":[]}");
    try (OneView ov = withoutCredentials().sessionToken(() -> {
      asked.incrementAndGet();
      return sessions.isEmpty() ? "app-2" : sessions.poll();
    }).build()) {
      assertThat(ov.enclosures().list()).isEmpty();
      assertThat(ov.enclosures().list()).isEmpty();
    }
    assertThat(asked.get()).isEqualTo(2);
    assertThat(appliance.logins.get()).isZero();
    assertThat(appliance.resourceRequests).extracting(r -> r.getHeader("auth")).containsExactly("app-2", "app-2");
  }

  @Test
  void aSuppliedSessionRejectedAgainFailsWithoutLoggingIn() {
    appliance.validToken = "someone-elses";
    try (OneView ov = withoutCredentials().sessionId("stale").build()) {
      assertThatThrownBy(() -> ov.enclosures().list())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("The appliance rejected the application's session")
          .hasMessageNotContaining("stale");
    }
    assertThat(appliance.logins.get()).isZero();
  }

  @Test
  void aSupplierWithoutSessionFailsClearly() {
    try (OneView ov = withoutCredentials().sessionToken(() -> null).build()) {
      assertThatThrownBy(() -> ov.enclosures().list())
          .isInstanceOf(AuthenticationException.class)
          .hasMessage("The application's session supplier gave no session ID");
    }
  }

  @Test
  void credentialsOrASessionAreRequiredAndTheLastOneSetWins() {
    assertThatThrownBy(() -> withoutCredentials().build()).hasMessage("credentials required.");
    assertThatThrownBy(() -> withoutCredentials().sessionId(" ")).hasMessage("sessionId is blank");
    appliance.handler = request -> json(200, "{\"total\":0,\"members\":[]}");
    try (OneView ov = withoutCredentials().sessionId("ignored")
        .credentials(FakeAppliance.USER, FakeAppliance.PASSWORD.toCharArray()).build()) {
      ov.enclosures().list();
    }
    assertThat(appliance.logins.get()).isEqualTo(1);
    assertThat(appliance.logouts.get()).isEqualTo(1);
  }

  @Test
  void idleTimeoutIsReadAndSetNamingTheSessionInSessionId() throws Exception {
    appliance.handler = request -> request.getMethod().equals("GET")
        ? json(200, "{\"idleTimeout\":86400000}")
        : new MockResponse().setResponseCode(200).setBody("{\"idleTimeout\":600000}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.sessionIdleTimeout()).isEqualTo(Duration.ofHours(24));
      ov.sessionIdleTimeout(Duration.ofMinutes(10));
    }
    RecordedRequest get = appliance.resourceRequests.get(0);
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getPath()).isEqualTo("/rest/sessions/idle-timeout");
    assertThat(get.getHeader("Session-ID")).isEqualTo(appliance.issuedTokens.get(0));
    RecordedRequest post = appliance.resourceRequests.get(1);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/rest/sessions/idle-timeout");
    assertThat(post.getHeader("Session-ID")).isEqualTo(appliance.issuedTokens.get(0));
    assertThat(post.getBody().readUtf8()).isEqualTo("{\"idleTimeout\":600000}");
  }

  @Test
  void idleTimeoutOutOfRangeIsRefusedBeforeAnyRequest() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.sessionIdleTimeout(Duration.ofHours(25)))
          .hasMessage("idle timeout must be positive and at most 24 hours: PT25H");
      assertThatThrownBy(() -> ov.sessionIdleTimeout(Duration.ZERO))
          .hasMessage("idle timeout must be positive and at most 24 hours: PT0S");
      assertThatThrownBy(() -> ov.sessionIdleTimeout(Duration.ofNanos(1_500_000)))
          .hasMessage("idle timeout must be whole milliseconds: PT0.0015S");
    }
    assertThat(appliance.resourceRequests).isEmpty();
  }

  @Test
  void requestsGoThroughTheConfiguredProxy() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      // A proxy is sent the appliance's absolute URI in the request line: answer by it.
      proxy.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String target = request.getRequestLine().split(" ")[1];
          if (target.equals("http://oneview.example.invalid/rest/version")) return json(200, "{\"currentVersion\":2000}");
          if (target.equals("http://oneview.example.invalid/rest/login-sessions")) {
            return request.getMethod().equals("POST") ? json(200, "{\"sessionID\":\"s-1\"}") : new MockResponse().setResponseCode(204);
          }
          return json(200, "{\"total\":0,\"members\":[]}");
        }
      });
      proxy.start();
      try (OneView ov = OneView.builder().url("http://oneview.example.invalid")
          .credentials(FakeAppliance.USER, FakeAppliance.PASSWORD.toCharArray())
          .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHostName(), proxy.getPort())))
          .build()) {
        ov.enclosures().list();
      }
      List<String> requestLines = new java.util.ArrayList<>();
      for (int i = 0; i < proxy.getRequestCount(); i++) requestLines.add(proxy.takeRequest(5, TimeUnit.SECONDS).getRequestLine());
      assertThat(requestLines).containsExactly(
          "GET http://oneview.example.invalid/rest/version HTTP/1.1",
          "POST http://oneview.example.invalid/rest/login-sessions HTTP/1.1",
          "GET http://oneview.example.invalid/rest/enclosures HTTP/1.1",
          "DELETE http://oneview.example.invalid/rest/login-sessions HTTP/1.1");
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
