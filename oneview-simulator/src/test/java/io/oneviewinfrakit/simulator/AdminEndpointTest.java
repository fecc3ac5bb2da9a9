package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoint, driven over real HTTP against the standalone main in its own JVM, as a test
 * suite in another language would drive it. One process for the class (a JVM start costs seconds);
 * each test begins with {@code POST /admin/reset}.
 */
class AdminEndpointTest {
  private static final Pattern LINE = Pattern.compile("OneView simulator listening on"
      + " http://127\\.0\\.0\\.1:(\\d+) \\(user Administrator, password (\\S+)\\),"
      + " admin on http://127\\.0\\.0\\.1:(\\d+)");
  private static final MediaType JSON = MediaType.get("application/json");
  private static Process process;
  private static String base;
  private static String admin;
  private static String password;
  // No silent retries: a dropped connection must reach the test as the I/O error it is.
  private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private String token;

  @BeforeAll
  static void launch() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--http", "--servers", "4", "--task-seconds", "0", "--manual-clock",
        "--admin-port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String line = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    Matcher m = LINE.matcher(String.valueOf(line));
    assertThat(m.matches()).as(line).isTrue();
    base = "http://127.0.0.1:" + m.group(1);
    password = m.group(2);
    admin = "http://127.0.0.1:" + m.group(3) + "/admin/";
  }

  @AfterAll
  static void terminate() throws InterruptedException {
    process.destroy();
    process.waitFor(20, TimeUnit.SECONDS);
    process.destroyForcibly();
  }

  @BeforeEach
  void resetAndLogIn() {
    assertThat(admin("reset", "").code).isEqualTo(200);
    Answer login = call("POST", base + "/rest/login-sessions",
        "{\"userName\":\"Administrator\",\"password\":\"" + password + "\"}");
    assertThat(login.code).isEqualTo(200);
    token = (String) Json.parseObject(login.body).get("sessionID");
  }

  @Test
  void errorShareAndClearingFaults() {
    assertThat(admin("error-share", "{\"status\":500,\"share\":1}").code).isEqualTo(200);
    assertThat(rest("GET", "/rest/version", null).code).isEqualTo(500);

    admin("clear-faults", "");

    assertThat(rest("GET", "/rest/version", null).code).isEqualTo(200);
  }

  @Test
  void applianceDownDropsEveryConnectionUntilUp() {
    admin("appliance-down", "{\"down\":true}");
    assertThatThrownBy(() -> rest("GET", "/rest/version", null)).isInstanceOf(UncheckedIOException.class);
    assertThat(state()).containsEntry("applianceDown", true);

    admin("appliance-down", "{\"down\":false}");

    assertThat(rest("GET", "/rest/version", null).code).isEqualTo(200);
  }

  @Test
  void dropNextConnectionsAndLoseResponses() {
    admin("drop-next-connections", "{\"count\":1}");
    assertThatThrownBy(() -> rest("GET", "/rest/version", null)).isInstanceOf(UncheckedIOException.class);
    assertThat(rest("GET", "/rest/version", null).code).isEqualTo(200);

    admin("lose-responses", "{\"method\":\"DELETE\",\"pathPrefix\":\"/rest/login-sessions\",\"count\":1}");

    assertThatThrownBy(() -> rest("DELETE", "/rest/login-sessions", null))
        .isInstanceOf(UncheckedIOException.class);
    // Applied although unanswered: the session is gone.
    assertThat(rest("GET", "/rest/server-hardware", null).code).isEqualTo(401);
  }

  @Test
  void latencyDelaysAnswers() {
    admin("latency", "{\"minMs\":300}");
    long before = System.nanoTime();
    rest("GET", "/rest/version", null);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isGreaterThanOrEqualTo(300);
  }

  @Test
  void taskDurationsMoveWithTheManualClock() {
    admin("tasks/duration", "{\"kinds\":[\"POWER\"],\"millis\":60000}");
    String task = powerOn();
    assertThat(taskState(task)).isEqualTo("Running");
    assertThat(state()).containsEntry("pendingTasks", 1L);

    admin("clock/advance", "{\"millis\":60000}");

    assertThat(taskState(task)).isEqualTo("Completed");
  }

  @Test
  void heldTasksEndOnlyWhenReleased() {
    admin("tasks/hold", "{}");
    String task = powerOn();
    admin("clock/advance", "{\"millis\":3600000}");
    assertThat(taskState(task)).isEqualTo("Running");

    admin("tasks/release", "");

    assertThat(taskState(task)).isEqualTo("Completed");
  }

  @Test
  void resetForgetsSessionsAndRequests() {
    admin("reset", "");
    assertThat(state()).containsEntry("requests", 0L).containsEntry("sessions", 0L);
    assertThat(rest("GET", "/rest/server-hardware", null).code).isEqualTo(401);
  }

  @Test
  void badInputIs400AndUnknownOperations404() {
    assertThat(admin("latency", "{\"minMs\":\"slow\"}").code).isEqualTo(400);
    assertThat(admin("tasks/hold", "{\"kinds\":[\"NAP\"]}").body).contains("unknown task kind NAP");
    assertThat(admin("error-share", "{\"share\":2}").code).isEqualTo(400);
    assertThat(admin("reboot", "").code).isEqualTo(404);
    assertThat(call("GET", admin + "reset", null).code).isEqualTo(404);
  }

  private String powerOn() {
    Answer list = rest("GET", "/rest/server-hardware?filter="
        + TestClient.enc("name='Encl1, bay 1'"), null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> members = (List<Map<String, Object>>) Json.parseObject(list.body).get("members");
    String hw = (String) members.get(0).get("uri");
    Answer r = rest("PUT", hw + "/powerState", "{\"powerState\":\"On\",\"powerControl\":\"MomentaryPress\"}");
    assertThat(r.code).isEqualTo(202);
    return r.location;
  }

  private String taskState(String task) {
    return (String) Json.parseObject(rest("GET", task, null).body).get("taskState");
  }

  private Map<String, Object> state() {
    Answer a = call("GET", admin + "state", null);
    assertThat(a.code).isEqualTo(200);
    return Json.parseObject(a.body);
  }

  private Answer admin(String op, String body) {
    return call("POST", admin + op, body);
  }

  private Answer rest(String method, String path, String body) {
    return call(method, base + path, body);
  }

  private Answer call(String method, String url, String body) {
    Request.Builder rb = new Request.Builder().url(url).header("X-API-Version", "2000");
    if (token != null) {
      rb.header("auth", token);
    }
    rb.method(method, body == null ? (method.equals("POST") || method.equals("PUT")
        ? RequestBody.create("", JSON) : null) : RequestBody.create(body, JSON));
    try (Response r = http.newCall(rb.build()).execute()) {
      return new Answer(r.code(), r.header("Location"), r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Answer(int code, String location, String body) {}
}
