package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.fixture;
import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FidelityTest extends FakeApplianceFixture {
  /** An independent parser (Moshi's own, numbers as Double) to compare documents with. */
  private static final Moshi PLAIN = new Moshi.Builder().build();

  private static Object plain(String json) throws IOException {
    return PLAIN.adapter(Object.class).fromJson(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "oneview-sdk-java/server-profile.json",
      "python-oneviewclient/server-profile.json"})
  void profileRoundTripsWithoutLosingOrChangingAnyField(String name) throws IOException {
    String original = fixture(name);
    String roundTripped = ServerProfile.fromJson(original).toJson();
    assertThat(plain(roundTripped)).isEqualTo(plain(original));
    assertThat(roundTripped).doesNotContain(".0,").doesNotContain(".0}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "oneview-sdk-java/server-profile-template.json",
      "python-oneviewclient/server-profile-template.json"})
  void templateRoundTripsWithoutLosingOrChangingAnyField(String name) throws IOException {
    String original = fixture(name);
    assertThat(plain(ServerProfileTemplate.fromJson(original).toJson())).isEqualTo(plain(original));
  }

  @Test
  void profileReadAndUpdatedIsSentBackWhole() throws Exception {
    String original = fixture("python-oneviewclient/server-profile.json");
    appliance.handler = request -> request.getMethod().equals("GET")
        ? json(200, original)
        : new MockResponse().setResponseCode(202).setHeader("Location", "/rest/tasks/1");
    appliance.currentVersion = 200;
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ServerProfile profile = ov.serverProfiles().get("/rest/server-profiles/f2160e28-8107-45f9-b4b2-3119a622a3a1");
      ov.serverProfiles().update(profile);
    }
    String sent = appliance.resourceRequests.get(1).getBody().readUtf8();
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = (Map<String, Object>) plain(original);
    expected = new java.util.LinkedHashMap<>(expected);
    expected.put("type", "ServerProfileV5"); // API 200 requires the versioned type
    assertThat(plain(sent)).isEqualTo(expected);
    assertThat(sent).contains("\"enclosureBay\":3");
  }

  @Test
  void numbersStayIntegersOrExactDecimals() {
    ServerProfile profile = ServerProfile.fromJson(
        "{\"enclosureBay\":5,\"big\":12345678901234567890,\"ratio\":2.50,\"exp\":1e3,\"nested\":[{\"n\":-7}]}");
    assertThat(profile.json().get("enclosureBay")).isEqualTo(5L);
    assertThat(profile.json().get("ratio")).isEqualTo(new BigDecimal("2.50"));
    assertThat(profile.toJson()).isEqualTo(
        "{\"enclosureBay\":5,\"big\":12345678901234567890,\"ratio\":2.50,\"exp\":1E+3,\"nested\":[{\"n\":-7}]}");
  }

  @Test
  void withCopiesLeaveTheOriginalUnchanged() {
    ServerProfile original = ServerProfile.fromJson("{\"name\":null,\"serverHardwareUri\":null,\"x\":{\"y\":1}}");
    ServerProfile changed = original.withName("web-1").withServerHardwareUri("/rest/server-hardware/1")
        .with("enclosureBay", 3).with("list", List.of(1, "a"));
    assertThat(original.name()).isNull();
    assertThat(changed.name()).isEqualTo("web-1");
    assertThat(changed.json().get("enclosureBay")).isEqualTo(3L);
    assertThat(changed.toJson()).isEqualTo(
        "{\"name\":\"web-1\",\"serverHardwareUri\":\"/rest/server-hardware/1\",\"x\":{\"y\":1},\"enclosureBay\":3,\"list\":[1,\"a\"]}");
    assertThatThrownBy(() -> changed.json().put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> original.with("bad", new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a JSON value at $.bad");
  }

  @Test
  void unknownFieldsAndEnumValuesNeverFailParsing() {
    ServerHardware hw = ServerHardware.fromJson(Json.parseObject("{\"uri\":\"/rest/server-hardware/1\","
        + "\"state\":\"Teleporting\",\"status\":\"Glowing\",\"powerState\":\"Sideways\",\"memoryMb\":\"lots\","
        + "\"brandNewField\":{\"a\":[1,2]},\"maintenanceMode\":true}"));
    assertThat(hw.state()).isEqualTo(ServerHardwareState.UNKNOWN);
    assertThat(hw.status()).isEqualTo(Status.UNKNOWN);
    assertThat(hw.powerState()).isEqualTo(PowerState.UNKNOWN);
    assertThat(hw.memoryMb()).isNull();
    assertThat(hw.isFree()).isFalse();
    Task task = Task.fromJson(Json.parseObject("{\"uri\":\"/rest/tasks/1\",\"taskState\":\"Pondering\"}"));
    assertThat(task.state()).isEqualTo(TaskState.UNKNOWN);
    assertThat(task.state().isTerminal()).isFalse();
  }

  @Test
  void notAnObjectIsRejectedClearly() {
    assertThatThrownBy(() -> ServerProfile.fromJson("[1]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Expected a JSON object but was an array");
    assertThatThrownBy(() -> ServerProfile.fromJson("{\"a\":"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Malformed JSON");
  }

  @Test
  void contentAfterTheObjectIsRejected() {
    assertThatThrownBy(() -> ServerProfile.fromJson("{\"name\":\"a\"} {\"name\":\"b\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Malformed JSON");
    assertThatThrownBy(() -> ServerProfileTemplate.fromJson("{\"name\":\"a\"}x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Malformed JSON");
    assertThat(ServerProfile.fromJson("{\"name\":\"a\"} \n").name()).isEqualTo("a");
  }

  @Test
  void unreadableAnswerBecomesOneViewException() {
    appliance.handler = request -> json(200, "{\"uri\": ");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverProfiles().get("/rest/server-profiles/1"))
          .isInstanceOf(OneViewException.class)
          .hasMessageStartingWith("GET /rest/server-profiles/1 failed: ")
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> plainObject(String json) throws IOException {
    return new java.util.LinkedHashMap<>((Map<String, Object>) plain(json));
  }

  @Test
  @SuppressWarnings("unchecked")
  void withConnectionKeepsEveryOtherFieldOfAnApi200Profile() throws IOException {
    String original = fixture("oneview-sdk-java/server-profile.json");
    ServerProfile changed = ServerProfile.fromJson(original)
        .withConnection(ConnectionSpec.to("/rest/ethernet-networks/pxe"));
    Map<String, Object> before = plainObject(original);
    Map<String, Object> after = plainObject(changed.toJson());
    List<Object> connectionsBefore = (List<Object>) before.remove("connections");
    List<Object> connectionsAfter = (List<Object>) after.remove("connections");
    assertThat(after).isEqualTo(before);
    // Existing connections keep unmodelled fields such as allocatedMbps and wwpnType.
    assertThat(connectionsAfter.subList(0, connectionsBefore.size())).isEqualTo(connectionsBefore);
    assertThat(connectionsAfter).hasSize(connectionsBefore.size() + 1);
  }

  @Test
  void withConnectionKeepsUnmodelledConnectionSettingsAndConnectionFields() throws IOException {
    String original = ConnectionsTest.profileV9("e1");
    ServerProfile changed = ServerProfile.fromJson(original)
        .withConnection(ConnectionSpec.to("/rest/ethernet-networks/pxe"))
        .withoutConnection("/rest/ethernet-networks/pxe");
    assertThat(plain(changed.toJson())).isEqualTo(plain(original));
    assertThat(changed.toJson()).contains("\"keep\":[1,2.50]");
  }

  @Test
  @SuppressWarnings("unchecked")
  void withBootOrderAndBootModeKeepEveryOtherField() throws IOException {
    String original = fixture("oneview-sdk-java/server-profile.json");
    ServerProfile changed = ServerProfile.fromJson(original)
        .withBootOrder(List.of("PXE", "HardDisk"))
        .withBootMode(BootMode.of(BootMode.Mode.UEFI_OPTIMIZED));
    Map<String, Object> before = plainObject(original);
    Map<String, Object> after = plainObject(changed.toJson());
    Map<String, Object> bootBefore = new java.util.LinkedHashMap<>((Map<String, Object>) before.remove("boot"));
    Map<String, Object> bootAfter = new java.util.LinkedHashMap<>((Map<String, Object>) after.remove("boot"));
    Map<String, Object> modeBefore = new java.util.LinkedHashMap<>((Map<String, Object>) before.remove("bootMode"));
    Map<String, Object> modeAfter = new java.util.LinkedHashMap<>((Map<String, Object>) after.remove("bootMode"));
    assertThat(after).isEqualTo(before);
    assertThat(bootAfter.remove("order")).isEqualTo(List.of("PXE", "HardDisk"));
    bootBefore.remove("order");
    assertThat(bootAfter).isEqualTo(bootBefore);
    assertThat(modeAfter.remove("mode")).isEqualTo("UEFIOptimized");
    modeBefore.remove("mode");
    assertThat(modeAfter).isEqualTo(modeBefore);
    assertThat(changed.toJson()).contains("\"enclosureBay\":null");
  }
}
