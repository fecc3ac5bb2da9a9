package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.BLADE_TEMPLATE;
import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.oneview.SimulatorSupport.Sent;
import io.oneviewinfrakit.oneview.SimulatorSupport.Wire;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API version the SDK pins or negotiates decides the {@code X-API-Version} it sends and the
 * {@code type} it puts in profile bodies (oneview-api.md §1.4); the simulator answers with the
 * versioned types of the same table. What the SDK sends is captured on the wire.
 */
final class SimulatorApiVersionTest {
  private OneViewSimulator sim;
  private final Wire wire = new Wire();

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(8).build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @ParameterizedTest(name = "API {0}")
  @CsvSource({
      // pinned, profile type sent, profile type answered, template type, hardware type
      "200,  ServerProfileV5,  ServerProfileV5,  ServerProfileTemplateV1, server-hardware-1",
      "300,  ServerProfileV6,  ServerProfileV6,  ServerProfileTemplateV2, server-hardware-3",
      "1200, ServerProfileV11, ServerProfileV11, ServerProfileTemplateV7, server-hardware-9",
      // From 1600 the SDK sends the document's own type: the one new-profile answered.
      "2000, ServerProfileV12, ServerProfileV12, ServerProfileTemplateV8, server-hardware-10",
  })
  void pinnedVersionDecidesHeaderAndTypesEndToEnd(int version, String sentType, String answeredType,
      String templateType, String hardwareType) {
    try (OneView ov = sdk(sim).client(wire.client()).apiVersion(version).build()) {
      assertThat(ov.apiVersion()).isEqualTo(version);
      String profileUri = provision(ov, "v" + version);

      Sent post = wire.matching("POST", "/rest/server-profiles").get(0);
      assertThat(post.apiVersion()).isEqualTo(String.valueOf(version));
      assertThat(Json.parseObject(post.body())).containsEntry("type", sentType);
      assertThat(ov.serverProfiles().get(profileUri).type()).isEqualTo(answeredType);
      assertThat(ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow().type()).isEqualTo(templateType);
      assertThat(hardwareTypeOf(ov)).isEqualTo(hardwareType);
      assertThat(wire.sent).filteredOn(s -> !s.path().equals("/rest/version"))
          .allSatisfy(s -> assertThat(s.apiVersion()).isEqualTo(String.valueOf(version)));
    }
  }

  @Test
  void negotiatedVersionIsTheAppliancesNewestAndSendsTheDocumentsOwnType() {
    try (OneView ov = sdk(sim).client(wire.client()).build()) {
      assertThat(ov.apiVersion()).isEqualTo(8600);
      String profileUri = provision(ov, "negotiated");

      Sent post = wire.matching("POST", "/rest/server-profiles").get(0);
      assertThat(post.apiVersion()).isEqualTo("8600");
      assertThat(Json.parseObject(post.body())).containsEntry("type", "ServerProfileV12");
      assertThat(ov.serverProfiles().get(profileUri).type()).isEqualTo("ServerProfileV12");
      assertThat(sim.requests().count("GET", "/rest/version")).isEqualTo(1);
    }
  }

  @Test
  void negotiationPicksAnOlderAppliancesCurrentVersion() {
    try (OneViewSimulator old = OneViewSimulator.builder().servers(2).currentApiVersion(1200).build().start();
        OneView ov = sdk(old).client(wire.client()).build()) {
      assertThat(ov.apiVersion()).isEqualTo(1200);
      String profileUri = provision(ov, "old-appliance");

      assertThat(Json.parseObject(wire.matching("POST", "/rest/server-profiles").get(0).body()))
          .containsEntry("type", "ServerProfileV11");
      assertThat(ov.serverProfiles().get(profileUri).type()).isEqualTo("ServerProfileV11");
    }
  }

  @Test
  void api200ConnectionsRoundTripThroughAnUpdate() {
    try (OneView ov = sdk(sim).apiVersion(200).build()) {
      String profileUri = provision(ov, "api200");
      ServerProfile at200 = ov.serverProfiles().get(profileUri);
      // Below 300 OneView has top-level connections instead of connectionSettings.
      assertThat(at200.json()).containsKey("connections").doesNotContainKey("connectionSettings");
      List<?> connections = (List<?>) at200.json().get("connections");
      assertThat(connections).isNotEmpty();

      ov.tasks().await(ov.serverProfiles().update(at200.withDescription("api 200")), TIMEOUT);

      ServerProfileView stored = sim.serverProfiles().get(0);
      Map<?, ?> settings = (Map<?, ?>) stored.json().get("connectionSettings");
      assertThat((List<?>) settings.get("connections")).hasSameSizeAs(connections);
      assertThat(ov.serverProfiles().get(profileUri).json().get("connections")).isEqualTo(connections);
    }
  }

  private String provision(OneView ov, String name) {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName(BLADE_TEMPLATE).orElseThrow();
    ServerHardware hw = ov.serverHardware().freeCompatibleWith(template).stream()
        .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
    Task create = ov.serverProfiles().create(
        ov.serverProfileTemplates().newProfile(template).withName(name).withServerHardwareUri(hw.uri()));
    return ov.tasks().await(create, TIMEOUT).associatedResourceUri();
  }

  /** The {@code type} of a server hardware document as the simulator answers it at the client's version. */
  private String hardwareTypeOf(OneView ov) {
    String uri = ov.serverHardware().list().get(0).uri();
    ov.serverHardware().get(uri);
    List<Sent> gets = wire.matching("GET", uri);
    return String.valueOf(Json.parseObject(gets.get(gets.size() - 1).responseBody()).get("type"));
  }
}
