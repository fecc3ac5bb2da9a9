package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appliance's one lock serialises every request and change, but reads' answers are written as
 * JSON text after it is let go: side by side (a listing's cost is mostly its text), and from a
 * snapshot that no later change can reach.
 */
class ApplianceLockTest {
  private Appliance appliance;
  private String token;
  private String serverUri;

  @BeforeEach
  void seededApplianceWithASession() {
    appliance = new Appliance(new Appliance.Config(Clock.systemUTC(), "Administrator", "secret", null, null,
        Duration.ofHours(1), 100, new EnumMap<>(TaskKind.class), Duration.ZERO, false, ApiVersions.MAXIMUM, 1,
        Inventory.standard(2)));
    appliance.reset();
    ApiResponse login = appliance.handle(request("POST", "/rest/login-sessions", null,
        "{\"userName\":\"Administrator\",\"password\":\"secret\"}"));
    token = (String) Json.parseObject(text(login)).get("sessionID");
    serverUri = appliance.locked(() -> (String) appliance.hardwareStore().all().iterator().next().get("uri"));
  }

  @Test
  void twoReadsAreWrittenAtTheSameTime() throws Exception {
    CountDownLatch bothWriting = new CountDownLatch(2);
    putOnServer("probe", new Text(() -> {
      bothWriting.countDown();
      // Each writer waits for the other: written one at a time under the lock, neither would return.
      return await(bothWriting) ? "side by side" : "alone";
    }));

    CompletableFuture<ApiResponse> first = CompletableFuture.supplyAsync(() -> appliance.handle(get(serverUri)));
    CompletableFuture<ApiResponse> second = CompletableFuture.supplyAsync(() -> appliance.handle(get("/rest/server-hardware")));

    assertThat(text(first.get(30, TimeUnit.SECONDS))).contains("\"probe\":\"side by side\"");
    assertThat(text(second.get(30, TimeUnit.SECONDS))).contains("\"probe\":\"side by side\"");
  }

  @Test
  void aChangeMadeWhileAReadIsWrittenDoesNotReachIt() throws Exception {
    putOnServer("probe", new Text(() -> {
      // While this answer is written, another request changes the server: it need not wait.
      CompletableFuture<Void> change = CompletableFuture.runAsync(() -> appliance.locked(() -> {
        Map<String, Object> hw = appliance.hardwareStore().get(serverUri);
        hw.put("powerState", "Changed");
        hw.put("portMap", Map.of("deviceSlots", List.of()));
      }));
      try {
        change.get(10, TimeUnit.SECONDS);
        return changed() ? "changed meanwhile" : "not changed";
      } catch (Exception blocked) { // written under the lock, the change would wait for this answer
        return "blocked";
      }
    }));

    String written = text(appliance.handle(get(serverUri)));

    assertThat(written).contains("\"probe\":\"changed meanwhile\"")
        .contains("\"powerState\":\"Off\"").contains("\"physicalPorts\"").doesNotContain("Changed");
    assertThat(text(appliance.handle(get(serverUri)))).contains("\"powerState\":\"Changed\"")
        .doesNotContain("\"physicalPorts\"");
  }

  @Test
  void storedServerValuesAreReplacedNeverChangedInPlace() {
    Map<String, Object> hw = appliance.locked(() -> appliance.hardwareStore().get(serverUri));

    assertThat(Frozen.is(hw.get("portMap"))).isTrue();
    assertThatThrownBy(() -> Json.map(hw.get("portMap")).put("deviceSlots", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anAnswerLeavesTheApplianceAsText() {
    ApiResponse answer = appliance.handle(get("/rest/server-hardware"));

    assertThat(answer.snapshot()).isNull();
    assertThat(text(answer)).contains("\"category\":\"server-hardware\"");
  }

  private boolean changed() {
    return appliance.locked(() -> "Changed".equals(appliance.hardwareStore().get(serverUri).get("powerState")));
  }

  private void putOnServer(String field, Object value) {
    appliance.locked(() -> {
      appliance.hardwareStore().get(serverUri).put(field, value);
    });
  }

  /** A value whose JSON text is computed as it is written. */
  private record Text(Supplier<String> value) {
    @Override
    public String toString() {
      return value.get();
    }
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String text(ApiResponse answer) {
    return new String(answer.text(), StandardCharsets.UTF_8);
  }

  private ApiRequest get(String path) {
    return request("GET", path, token, null);
  }

  private static ApiRequest request(String method, String path, String token, String body) {
    return new ApiRequest(method, path, "", QueryString.parse(""),
        name -> name.equalsIgnoreCase("Auth") ? token : null, body, "127.0.0.1", "https://127.0.0.1");
  }
}
