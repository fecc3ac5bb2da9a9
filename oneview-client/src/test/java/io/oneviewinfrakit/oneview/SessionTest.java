package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class SessionTest extends FakeApplianceFixture {
  private static final String HARDWARE = FakeAppliance.fixture("python-oneviewclient/server-hardware.json");
  private static final String HARDWARE_URI = "/rest/server-hardware/30303437-3933-4753-4831-31315835524E";

  @BeforeEach
  void answerEveryRequest() {
    appliance.handler = request -> json(200, HARDWARE);
  }

  @Test
  void buildDoesNoNetworkIo() {
    FakeAppliance.builder(server).build();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void firstCallNegotiatesVersionLogsInAndSendsSessionHeaders() throws Exception {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.serverHardware().get(HARDWARE_URI);
    }
    RecordedRequest version = server.takeRequest();
    assertThat(version.getPath()).isEqualTo("/rest/version");
    assertThat(version.getHeader("auth")).isNull();

    RecordedRequest login = server.takeRequest();
    assertThat(login.getMethod()).isEqualTo("POST");
    assertThat(login.getPath()).isEqualTo("/rest/login-sessions");
    assertThat(login.getHeader("auth")).isNull();
    assertThat(login.getHeader("X-API-Version")).isEqualTo("8600");
    Map<String, Object> body = Json.parseObject(login.getBody().readUtf8());
    assertThat(body).containsOnlyKeys("userName", "password", "loginMsgAck");
    assertThat(body).containsEntry("userName", "Administrator").containsEntry("loginMsgAck", true);

    RecordedRequest get = server.takeRequest();
    assertThat(get.getPath()).isEqualTo(HARDWARE_URI);
    assertThat(get.getHeader("auth")).isEqualTo(appliance.issuedTokens.get(0));
    assertThat(get.getHeader("X-API-Version")).isEqualTo("8600");
    assertThat(get.getHeader("Accept")).isEqualTo("application/json");
  }

  @Test
  void authLoginDomainIsSentWhenConfigured() throws Exception {
    try (OneView ov = FakeAppliance.builder(server).authLoginDomain("CORP").build()) {
      ov.serverHardware().get(HARDWARE_URI);
    }
    server.takeRequest();
    Map<String, Object> body = Json.parseObject(server.takeRequest().getBody().readUtf8());
    assertThat(body).containsEntry("authLoginDomain", "CORP");
  }

  @Test
  void negotiatedVersionIsTheLowerOfApplianceAndSdk() {
    appliance.currentVersion = 9800;
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.apiVersion()).isEqualTo(OneView.MAX_KNOWN_API_VERSION);
    }
    appliance.currentVersion = 2000;
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.apiVersion()).isEqualTo(2000);
    }
  }

  @Test
  void pinnedVersionIsSentOnEveryCall() throws Exception {
    try (OneView ov = FakeAppliance.builder(server).apiVersion(1200).build()) {
      ov.serverHardware().get(HARDWARE_URI);
    }
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("X-API-Version")).isEqualTo("1200");
    assertThat(server.takeRequest().getHeader("X-API-Version")).isEqualTo("1200");
  }

  @Test
  void pinnedVersionOutsideApplianceRangeIsRejectedClearly() {
    appliance.currentVersion = 2000;
    appliance.minimumVersion = 300;
    try (OneView ov = FakeAppliance.builder(server).apiVersion(2200).build()) {
      assertThatThrownBy(() -> ov.serverHardware().get(HARDWARE_URI))
          .isInstanceOf(OneViewException.class)
          .hasMessageContaining("API version 2200 is not supported by the appliance")
          .hasMessageContaining("supports versions 300 to 2000");
    }
    try (OneView ov = FakeAppliance.builder(server).apiVersion(200).build()) {
      assertThatThrownBy(ov::apiVersion).hasMessageContaining("API version 200 is not supported");
    }
    assertThat(appliance.logins).hasValue(0);
  }

  @Test
  void expiredSessionIsRenewedOnceAndRequestRetried() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.serverHardware().get(HARDWARE_URI);
      appliance.expireSession();
      ServerHardware hardware = ov.serverHardware().get(HARDWARE_URI);
      assertThat(hardware.name()).isEqualTo("Encl2, bay 16");
    }
    assertThat(appliance.logins).hasValue(2);
    assertThat(appliance.resourceRequests).hasSize(2);
    assertThat(appliance.resourceRequests.get(1).getHeader("auth")).isEqualTo(appliance.issuedTokens.get(1));
  }

  @Test
  void secondUnauthorizedSurfacesAsErrorWithoutLooping() {
    appliance.handler = request -> json(401, FakeAppliance.fixture("github-issues/error-authorization.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().get(HARDWARE_URI))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("AUTHORIZATION: Authorization error")
          .satisfies(e -> assertThat(((OneViewException) e).httpStatus()).isEqualTo(401));
    }
    assertThat(appliance.logins).hasValue(2);
    assertThat(appliance.resourceRequests).hasSize(2);
  }

  @Test
  void concurrentUnauthorizedResponsesCoalesceIntoOneLogin() throws Exception {
    int threads = 12;
    CountDownLatch allSent = new CountDownLatch(threads);
    appliance.handler = request -> json(200, HARDWARE);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.serverHardware().get(HARDWARE_URI);
      appliance.expireSession();
      String expired = appliance.validToken;
      List<Future<ServerHardware>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(executor.submit(() -> {
          allSent.countDown();
          allSent.await(5, TimeUnit.SECONDS);
          return ov.serverHardware().get(HARDWARE_URI);
        }));
      }
      for (Future<ServerHardware> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).uri()).isEqualTo(HARDWARE_URI);
      }
      assertThat(expired).isEqualTo("expired");
    } finally {
      executor.shutdownNow();
    }
    assertThat(appliance.logins).hasValue(2);
  }

  @Test
  void badCredentialsBecomeAuthenticationExceptionWithoutThePassword() {
    OneView ov = FakeAppliance.builder(server).credentials("Administrator", "wrong-password".toCharArray()).build();
    assertThatThrownBy(() -> ov.serverHardware().list())
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("Login as Administrator refused (HTTP 400): AUTHN_AUTH_FAIL: Invalid user name or password.")
        .satisfies(e -> assertThat(((OneViewException) e).error().errorCode()).isEqualTo("AUTHN_AUTH_FAIL"));
    ov.close();
    assertThat(appliance.logouts).hasValue(0);
  }

  @Test
  void sessionLimitBecomesAuthenticationExceptionWithOneViewMessage() {
    appliance.loginAnswer = json(403, FakeAppliance.fixture("github-issues/error-session-client-limit.json"));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().get(HARDWARE_URI))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("AUTHN_SESSION_CLIENT_LIMIT_CROSSED")
          .hasMessageNotContaining(FakeAppliance.PASSWORD)
          .satisfies(e -> assertThat(((OneViewException) e).error().recommendedActions())
              .singleElement().asString().startsWith("Do one of the following: log out"));
    }
  }

  @Test
  void loginAnswerWithoutSessionIdIsAnAuthenticationFailure() {
    appliance.loginAnswer = json(200, "{\"partnerData\":{}}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().get(HARDWARE_URI))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage("Login as Administrator answered HTTP 200 without a sessionID");
    }
  }

  @Test
  void closeLogsOutOnceAndIsIdempotent() throws Exception {
    OneView ov = FakeAppliance.builder(server).build();
    ov.serverHardware().get(HARDWARE_URI);
    String token = appliance.validToken;
    ov.close();
    ov.close();
    assertThat(appliance.logouts).hasValue(1);
    server.takeRequest();
    server.takeRequest();
    server.takeRequest();
    RecordedRequest logout = server.takeRequest();
    assertThat(logout.getMethod()).isEqualTo("DELETE");
    assertThat(logout.getPath()).isEqualTo("/rest/login-sessions");
    assertThat(logout.getHeader("auth")).isEqualTo(token);
    assertThat(logout.getHeader("X-API-Version")).isEqualTo("8600");
    assertThatThrownBy(() -> ov.serverHardware().get(HARDWARE_URI))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("OneView client is closed");
  }

  @Test
  void closeWithoutSessionSendsNothing() {
    FakeAppliance.builder(server).build().close();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void callAfterLogoutLogsInAgain() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.serverHardware().get(HARDWARE_URI);
      ov.logout();
      ov.serverHardware().get(HARDWARE_URI);
    }
    assertThat(appliance.logins).hasValue(2);
    assertThat(appliance.logouts).hasValue(2);
  }

  @Test
  void failedLogoutOnCloseIsLoggedNotThrown() throws Exception {
    OneView ov = FakeAppliance.builder(server).build();
    ov.serverHardware().get(HARDWARE_URI);
    server.shutdown();
    ov.close();
    ov.close();
  }
}
