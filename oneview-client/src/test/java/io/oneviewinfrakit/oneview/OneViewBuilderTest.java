package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

final class OneViewBuilderTest {
  @Test
  void urlIsRequired() {
    assertThatThrownBy(() -> OneView.builder().credentials("a", new char[] {'b'}).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("url required.");
  }

  @Test
  void credentialsAreRequired() {
    assertThatThrownBy(() -> OneView.builder().url("https://oneview.example.com").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("credentials required.");
  }

  @Test
  void badArgumentsNameTheSetting() {
    assertThatThrownBy(() -> OneView.builder().url("ftp://x")).hasMessage("url is not an http or https URL: ftp://x");
    assertThatThrownBy(() -> OneView.builder().url(null)).isInstanceOf(NullPointerException.class).hasMessage("url == null");
    assertThatThrownBy(() -> OneView.builder().apiVersion(0)).hasMessage("apiVersion <= 0: 0");
    assertThatThrownBy(() -> OneView.builder().listConcurrency(0)).hasMessage("listConcurrency < 1: 0");
    assertThatThrownBy(() -> OneView.builder().taskPolling(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("max < initial: PT1S < PT2S");
    assertThatThrownBy(() -> OneView.builder().readTimeout(Duration.ZERO)).hasMessage("readTimeout must be positive: PT0S");
    assertThatThrownBy(() -> Query.builder().count(0)).hasMessage("count <= 0: 0");
  }

  @Test
  void urlWithCredentialsIsRejectedWithoutEchoingThem() {
    String message = "url must not contain credentials; use credentials(user, password)";
    assertThatThrownBy(() -> OneView.builder().url("https://admin:hunter2@oneview.example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThatThrownBy(() -> OneView.builder().url("https://admin@oneview.example.com/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThatThrownBy(() -> OneView.builder().url("https://:hunter2@oneview.example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    // Not an http(s) URL at all: the URL is echoed, but not its user info.
    assertThatThrownBy(() -> OneView.builder().url("ftp://admin:hunter2@oneview.example.com/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url is not an http or https URL: ftp://***@oneview.example.com/x");
    assertThat(OneView.builder().url("https://oneview.example.com/a@b").toString()).contains("a@b");
  }

  @Test
  void maxIdleConnectionsMustBePositive() {
    assertThatThrownBy(() -> OneView.builder().maxIdleConnections(0)).hasMessage("maxIdleConnections < 1: 0");
  }

  @Test
  void passwordIsCopiedAndNeverPrinted() throws Exception {
    char[] password = "hunter2-secret".toCharArray();
    OneView.Builder builder = OneView.builder().url("https://oneview.example.com").credentials("admin", password);
    password[0] = 'X';
    try (OneView ov = builder.build()) {
      assertThat(ov.toString()).isEqualTo("OneView{url=https://oneview.example.com/, user=admin}");
      assertThat(builder.toString()).doesNotContain("hunter2");
    }
    // The copy, not the caller's (now changed) array, is what logs in.
    FakeAppliance appliance = new FakeAppliance();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(appliance);
      char[] mine = FakeAppliance.PASSWORD.toCharArray();
      OneView.Builder b = FakeAppliance.builder(server).credentials(FakeAppliance.USER, mine);
      java.util.Arrays.fill(mine, '*');
      try (OneView ov = b.build()) {
        ov.apiVersion();
        ov.serverHardware().list(Query.builder().count(1).build());
      } catch (OneViewException notFound) {
        // The fake answers 404 for the collection; only the login matters here.
      }
      assertThat(appliance.issuedTokens).hasSize(1);
    }
  }

  @Test
  void newBuilderMakesAnIndependentClientWithTheSameSettings() throws Exception {
    FakeAppliance appliance = new FakeAppliance();
    appliance.handler = request -> FakeAppliance.json(200, "{\"total\":0,\"members\":[]}");
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(appliance);
      try (OneView first = FakeAppliance.builder(server).apiVersion(2000).build();
          OneView second = first.newBuilder().build()) {
        first.serverHardware().list();
        second.serverHardware().list();
        assertThat(second.apiVersion()).isEqualTo(2000);
        assertThat(second.url()).isEqualTo(first.url());
      }
      assertThat(appliance.logins).hasValue(2);
      assertThat(appliance.logouts).hasValue(2);
    }
  }
}
