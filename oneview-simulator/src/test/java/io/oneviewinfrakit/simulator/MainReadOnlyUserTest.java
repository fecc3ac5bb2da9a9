package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The standalone jar's --read-only-user flag, run as its own JVM. */
class MainReadOnlyUserTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @Test
  void readOnlyUserFlagAcceptsTheUserForReadsOnly() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--port", "0", "--servers", "2", "--http", "--read-only-user", "viewer")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      Matcher m = Pattern.compile("OneView simulator listening on (http://127\\.0\\.0\\.1:\\d+) .*"
          + ", read-only user viewer \\(password (\\S+)\\)").matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      OkHttpClient http = new OkHttpClient();
      String token;
      try (Response login = http.newCall(new Request.Builder().url(m.group(1) + "/rest/login-sessions")
          .header("X-API-Version", "8600")
          .post(RequestBody.create(TestClient.JSON.toJson(Map.of("userName", "viewer", "password", m.group(2))), JSON))
          .build()).execute()) {
        assertThat(login.code()).isEqualTo(200);
        token = (String) ((Map<?, ?>) TestClient.JSON.fromJson(login.body().string())).get("sessionID");
      }
      try (Response read = http.newCall(new Request.Builder().url(m.group(1) + "/rest/server-hardware")
          .header("X-API-Version", "8600").header("auth", token).build()).execute()) {
        assertThat(read.code()).isEqualTo(200);
      }
      try (Response change = http.newCall(new Request.Builder().url(m.group(1) + "/rest/scopes")
          .header("X-API-Version", "8600").header("auth", token)
          .post(RequestBody.create("{\"name\":\"s\"}", JSON)).build()).execute()) {
        assertThat(change.code()).isEqualTo(403);
        assertThat(change.body().string()).contains("\"errorCode\":\"AUTHORIZATION\"");
      }
      process.toHandle().destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }
}
