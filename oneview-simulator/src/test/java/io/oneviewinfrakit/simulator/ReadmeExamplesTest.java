package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The "Test library" examples of the module README, as written there (keep them in step). */
class ReadmeExamplesTest {

  @Test
  void recordedRequestsAndExpectations() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4).http().build().start()) {
      sim.expect("GET", "/rest/server-hardware/*").times(2).header("Retry-After", "1")
          .andReturnError(503, "SERVICE_UNAVAILABLE", "The appliance is busy.");

      codeUnderTest(sim.url()); // logs in, then reads one server three times

      RecordedRequest login = sim.requests().takeRequest(Duration.ofSeconds(5));
      assertThat(login.body()).contains("\"password\":\"<redacted>\"");
      RecordedRequest firstRead = sim.requests().takeRequest(Duration.ofSeconds(5));
      assertThat(firstRead.header("Auth")).isEqualTo(RecordedRequest.REDACTED);
      assertThat(firstRead.status()).isEqualTo(503);
      assertThat(sim.requests().count("GET", "/rest/server-hardware/*")).isEqualTo(3);
      assertThat(sim.requests().countWithStatus(503)).isEqualTo(2);
    }
  }

  @Test
  void adminEndpointEmbedded() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().adminPort(0).build().start()) {
      OkHttpClient http = new OkHttpClient();
      Request hold = new Request.Builder().url(sim.adminUrl() + "/admin/tasks/hold")
          .post(RequestBody.create("{\"kinds\":[\"PROFILE_CREATE\"]}", MediaType.get("application/json")))
          .build();
      try (Response r = http.newCall(hold).execute()) {
        assertThat(r.code()).isEqualTo(200);
      }
      try (Response r = http.newCall(new Request.Builder().url(sim.adminUrl() + "/admin/state").build())
          .execute()) {
        assertThat(r.body().string()).contains("\"pendingTasks\":0");
      }
    }
  }

  /** Stands in for the client under test: log in, then GET one server three times. */
  private static void codeUnderTest(String url) throws IOException {
    OkHttpClient http = new OkHttpClient();
    MediaType json = MediaType.get("application/json");
    String token;
    try (Response r = http.newCall(new Request.Builder().url(url + "/rest/login-sessions")
        .post(RequestBody.create("{\"userName\":\"Administrator\",\"password\":\"x\"}", json))
        .build()).execute()) {
      token = r.code() == 200 ? r.body().string() : "none";
    }
    for (int i = 0; i < 3; i++) {
      try (Response r = http.newCall(new Request.Builder()
          .url(url + "/rest/server-hardware/some-id").header("Auth", token).build()).execute()) {
        r.body().string();
      }
    }
  }
}
