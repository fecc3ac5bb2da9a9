package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hardware documents and eTags as real appliances serve them (fixtures/oneview, issue 15). */
class HardwareFidelityTest extends SimulatorFixture {

  @Test
  void eTagFormatsFollowTheResource() {
    start();
    Map<String, Object> hw = ov.hardware("Encl1, bay 1");
    Map<String, Object> template = ov.template("Docker-Gen8-Template");
    TestClient.Resp power = ov.put(hw.get("uri") + "/powerState",
        Map.of("powerState", "On", "powerControl", "MomentaryPress"));
    Map<String, Object> profile = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 3");

    // Hardware: bare epoch millis (python-oneviewclient); profiles/templates: millis/revision
    // (oneview-sdk-java); tasks: a counter (oneview-golang captures).
    assertThat((String) hw.get("eTag")).matches("\\d{13}");
    assertThat((String) template.get("eTag")).matches("\\d{13}/\\d+");
    assertThat((String) profile.get("eTag")).matches("\\d{13}/\\d+");
    assertThat(power.string("eTag")).matches("\\d+");
    // Still a new eTag on every change, even within one millisecond of the manual clock.
    String after = (String) ov.get((String) hw.get("uri")).map().get("eTag");
    assertThat(after).matches("\\d{13}").isNotEqualTo(hw.get("eTag"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void rackServersHavePositionZeroAndTheManagementProcessorDetails() {
    start(OneViewSimulator.builder().servers(4)); // three blades, one rack
    Map<String, Object> rack = ov.version("300").hardware("DL360-1");

    assertThat(rack).containsEntry("position", 0.0).containsEntry("formFactor", "1U")
        .containsKeys("mpHostInfo", "uuid", "locationUri");
    assertThat((Map<String, Object>) rack.get("mpHostInfo")).containsKeys("mpHostName", "mpIpAddresses");
    assertThat(ov.version("300").hardware("Encl1, bay 1")).containsEntry("position", 1.0)
        .containsEntry("formFactor", "HalfHeight").containsKeys("uuid", "locationUri");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInventoryMayServeMonitoredWarningDisabledFullHeightAnd2uServers() {
    Map<String, Object> doc = Json.parseObject(Inventory.standard(4).toJson());
    List<Object> servers = (List<Object>) doc.get("serverHardware");
    Map<String, Object> blade = (Map<String, Object>) servers.get(0);
    blade.put("state", "Monitored");
    blade.put("status", "Warning");
    blade.put("formFactor", "FullHeight");
    Map<String, Object> rack = (Map<String, Object>) servers.get(3);
    rack.put("status", "Disabled");
    rack.put("formFactor", "2U");
    start(OneViewSimulator.builder().inventory(Inventory.fromJson(Json.write(doc))));

    assertThat(ov.hardware((String) blade.get("name"))).containsEntry("state", "Monitored")
        .containsEntry("status", "Warning").containsEntry("formFactor", "FullHeight");
    assertThat(ov.hardware((String) rack.get("name"))).containsEntry("status", "Disabled")
        .containsEntry("formFactor", "2U");
    assertThat(sim.serverStatus(ov.hardware("Encl1, bay 2").get("uri").toString(), "Disabled")
        .serverHardware("Encl1, bay 2").orElseThrow().json()).containsEntry("status", "Disabled");
  }
}
