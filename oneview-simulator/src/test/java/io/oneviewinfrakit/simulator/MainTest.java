package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The standalone main, run as its own JVM exactly as a user runs the jar. */
class MainTest {
  private static final Pattern LINE = Pattern.compile(
      "OneView simulator listening on (https?)://127\\.0\\.0\\.1:(\\d+) \\(user Administrator, password (\\S+)\\)");

  private Process launch(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[args.length + 4];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = Main.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void scmbFlagAddsTheBusPortToTheLineAndListensThere() throws Exception {
    Process process = launch("--port", "0", "--servers", "2", "--http", "--scmb");
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();

      Matcher m = Pattern.compile(LINE.pattern() + ", SCMB on amqps://127\\.0\\.0\\.1:(\\d+)").matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      try (java.net.Socket bus = new java.net.Socket("127.0.0.1", Integer.parseInt(m.group(4)))) {
        assertThat(bus.isConnected()).isTrue();
      }
      process.toHandle().destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void versionIsPrintedByTheStandaloneJarsMain() throws Exception {
    Process p = launch("--version");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out.strip()).isEqualTo("oneview-simulator 1.0.0");
  }

  @Test
  void printsOneListeningLineAndServesUntilTerminated() throws Exception {
    Process process = launch("--port", "0", "--servers", "16", "--task-seconds", "2", "--http");
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();

      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      assertThat(m.group(1)).isEqualTo("http");
      OkHttpClient http = new OkHttpClient();
      try (Response r = http.newCall(new Request.Builder()
          .url("http://127.0.0.1:" + m.group(2) + "/rest/version").build()).execute()) {
        assertThat(r.code()).isEqualTo(200);
      }

      process.toHandle().destroy();  // SIGTERM; Process.destroy() would also close our end of stdout
      assertThat(out.readLine()).as("nothing else on stdout before exit").isNull();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void anotherUserClaimsAFreeServerJustBeforeTheNthRequest() throws Exception {
    Process process = launch("--http", "--servers", "2", "--claim-server-after", "3");
    try {
      Matcher m = LINE.matcher(new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)).readLine());
      assertThat(m.matches()).isTrue();
      String base = "http://127.0.0.1:" + m.group(2);
      OkHttpClient http = new OkHttpClient();
      MediaType json = MediaType.get("application/json");
      String token;
      try (Response r = http.newCall(new Request.Builder().url(base + "/rest/login-sessions")  // request 1
          .header("X-API-Version", "2000")
          .post(RequestBody.create("{\"userName\":\"Administrator\",\"password\":\"" + m.group(3)
              + "\"}", json)).build()).execute()) {
        assertThat(r.code()).isEqualTo(200);
        token = r.body().string().replaceAll(".*\"sessionID\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      }
      Request profiles = new Request.Builder().url(base + "/rest/server-profiles")
          .header("X-API-Version", "2000").header("auth", token).build();
      try (Response r = http.newCall(profiles).execute()) {                                  // request 2
        assertThat(r.body().string()).contains("\"total\":0");
      }
      try (Response r = http.newCall(profiles).execute()) {                                  // request 3
        assertThat(r.body().string()).contains("\"total\":1");
      }
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  @Test
  void servesHttpsByDefault() throws Exception {
    Process process = launch("--servers", "2");
    try {
      String line = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      assertThat(m.group(1)).isEqualTo("https");
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }
}
