package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

final class RedactionTest extends FakeApplianceFixture {
  private static final String URI = "/rest/server-hardware/30303437-3933-4753-4831-31315835524E";

  @Test
  void traceLogsNeverContainPasswordOrSessionTokens() {
    appliance.handler = request -> request.getPath().contains("missing")
        ? new MockResponse().setResponseCode(404)
        : request.getMethod().equals("PUT") ? new MockResponse().setResponseCode(503)
        : json(200, fixture("python-oneviewclient/server-hardware.json"));
    String logged;
    StringBuilder exceptions = new StringBuilder();
    try (LogCapture logs = new LogCapture()) {
      try (OneView ov = FakeAppliance.builder(server).build()) {
        ov.serverHardware().get(URI);
        appliance.expireSession();
        ov.serverHardware().get(URI); // 401, re-login, retry
        exceptions.append(stackTrace(catchThrowable(() -> ov.serverHardware().get("/rest/server-hardware/missing"))));
        exceptions.append(stackTrace(catchThrowable(() -> ov.serverProfiles().update(
            ServerProfile.fromJson("{\"uri\":\"/rest/server-profiles/1\",\"eTag\":\"1\"}")))));
        exceptions.append(ov).append(FakeAppliance.builder(server));
      }
      logged = logs.text();
    }
    OneView wrong = FakeAppliance.builder(server).credentials("Administrator", "wrong-secret-pw".toCharArray()).build();
    exceptions.append(stackTrace(catchThrowable(() -> wrong.serverHardware().get(URI))));
    wrong.close();

    // The log is real: it shows each exchange, with its status.
    assertThat(logged).contains("<-- 200 GET " + URI).contains("<-- 401 GET " + URI)
        .contains("POST /rest/login-sessions").contains("DELETE /rest/login-sessions").contains("auth: ██");
    assertThat(appliance.issuedTokens).hasSize(2);
    for (String secret : appliance.issuedTokens) {
      assertThat(logged).doesNotContain(secret);
      assertThat(exceptions).doesNotContain(secret);
    }
    assertThat(logged).doesNotContain(FakeAppliance.PASSWORD);
    assertThat(exceptions).doesNotContain(FakeAppliance.PASSWORD).doesNotContain("wrong-secret-pw")
        .contains("Invalid user name or password");
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
