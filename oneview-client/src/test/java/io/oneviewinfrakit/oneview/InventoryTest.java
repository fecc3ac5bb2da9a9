package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.oneview.Inventory.Availability;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class InventoryTest extends FakeApplianceFixture {
  private static final String BLADE_TYPE = "/rest/server-hardware-types/blade";
  private static final String RACK_TYPE = "/rest/server-hardware-types/rack";
  private static final String EG = "/rest/enclosure-groups/eg1";
  private static final Map<String, String> COLLECTIONS = Map.of(
      "/rest/server-hardware-types", "[{\"uri\":\"" + BLADE_TYPE + "\",\"name\":\"BL460c Gen8 1\",\"model\":\"ProLiant BL460c Gen8\"},"
          + "{\"uri\":\"" + RACK_TYPE + "\",\"name\":\"DL360 Gen10 1\",\"model\":\"ProLiant DL360 Gen10\"}]",
      "/rest/enclosure-groups", "[{\"uri\":\"" + EG + "\",\"name\":\"Enclosure-Group-1\"}]",
      "/rest/server-profile-templates", "["
          + "{\"uri\":\"/rest/server-profile-templates/rack\",\"name\":\"Rack-DL360-Template\","
          + "\"serverHardwareTypeUri\":\"" + RACK_TYPE + "\",\"enclosureGroupUri\":null},"
          + "{\"uri\":\"/rest/server-profile-templates/docker\",\"name\":\"Docker-Gen8-Template\","
          + "\"serverHardwareTypeUri\":\"" + BLADE_TYPE + "\",\"enclosureGroupUri\":\"" + EG + "\"}]",
      "/rest/server-hardware", "["
          + blade("Encl1, bay 2", "/rest/server-profiles/own", "ProfileApplied", "OK", false, 65536) + ","
          + blade("Encl1, bay 1", null, "NoProfileApplied", "OK", false, 65536) + ","
          + blade("Encl1, bay 3", "/rest/server-profiles/other", "ProfileApplied", "OK", false, 65536) + ","
          + blade("Encl1, bay 4", null, "NoProfileApplied", "OK", true, 65536) + ","
          + blade("Encl1, bay 5", null, "NoProfileApplied", "Critical", false, 65536) + ","
          + blade("Encl1, bay 6", "/rest/server-profiles/not-listed-yet", "ApplyingProfile", "OK", false, 65536) + ","
          + blade("Encl1, bay 7", null, "NoProfileApplied", "OK", false, 32768) + ","
          + "{\"uri\":\"/rest/server-hardware/DL360-1\",\"name\":\"DL360-1\",\"serverHardwareTypeUri\":\"" + RACK_TYPE + "\","
          + "\"serverGroupUri\":null,\"serverProfileUri\":null,\"state\":\"NoProfileApplied\",\"status\":\"OK\","
          + "\"powerState\":\"Off\",\"memoryMb\":131072,\"processorCount\":2,\"processorCoreCount\":10}]",
      "/rest/server-profiles", "["
          + "{\"uri\":\"/rest/server-profiles/own\",\"name\":\"infrakit-web-1\"},"
          + "{\"uri\":\"/rest/server-profiles/other\",\"name\":\"database\"}]");

  private static String blade(String name, String profile, String state, String status, boolean maintenance, long memory) {
    String id = name.replace(", ", "-").replace(' ', '-');
    return "{\"uri\":\"/rest/server-hardware/" + id + "\",\"name\":\"" + name + "\",\"serverHardwareTypeUri\":\"" + BLADE_TYPE
        + "\",\"serverGroupUri\":\"" + EG + "\",\"serverProfileUri\":" + (profile == null ? "null" : "\"" + profile + "\"")
        + ",\"state\":\"" + state + "\",\"status\":\"" + status + "\",\"powerState\":\"Off\",\"maintenanceMode\":" + maintenance
        + ",\"memoryMb\":" + memory + ",\"processorCount\":2,\"processorCoreCount\":8,"
        + "\"portMap\":{\"deviceSlots\":[{\"physicalPorts\":[{\"mac\":\"AA:00:00:00:00:0" + name.charAt(name.length() - 1)
        + "\",\"virtualPorts\":[]}]}]}}";
  }

  @BeforeEach
  void answerEveryRequest() {
    appliance.handler = InventoryTest::collection;
  }

  private static MockResponse collection(RecordedRequest request) {
    String members = COLLECTIONS.get(request.getRequestUrl().encodedPath());
    if (members == null) return json(404, "{\"errorCode\":\"RESOURCE_NOT_FOUND\",\"message\":\"no\"}");
    return json(200, "{\"members\":" + members + "}");
  }

  private Inventory take() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      return ov.inventory(profile -> profile.name().startsWith("infrakit-"));
    }
  }

  @Test
  void templatesNameTheirHardwareTypeAndEnclosureGroup() {
    Inventory inv = take();
    assertThat(inv.templates()).extracting(Inventory.Template::name)
        .containsExactly("Docker-Gen8-Template", "Rack-DL360-Template");
    Inventory.Template docker = inv.template("Docker-Gen8-Template").orElseThrow();
    assertThat(docker.serverHardwareTypeName()).isEqualTo("BL460c Gen8 1");
    assertThat(docker.enclosureGroupName()).isEqualTo("Enclosure-Group-1");
    Inventory.Template rack = inv.template("Rack-DL360-Template").orElseThrow();
    assertThat(rack.serverHardwareTypeName()).isEqualTo("DL360 Gen10 1");
    assertThat(rack.enclosureGroupUri()).isNull();
    assertThat(rack.enclosureGroupName()).isNull();
    assertThat(inv.template("missing")).isEmpty();
  }

  @Test
  void compatibleServersAreClassifiedByProfileOwnerMaintenanceAndHealth() {
    Inventory inv = take();
    assertThat(inv.template("Docker-Gen8-Template").orElseThrow().servers())
        .extracting(Inventory.Server::name, Inventory.Server::availability)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Encl1, bay 1", Availability.FREE),
            org.assertj.core.groups.Tuple.tuple("Encl1, bay 2", Availability.OWNED),
            org.assertj.core.groups.Tuple.tuple("Encl1, bay 3", Availability.USED_BY_OTHERS),
            org.assertj.core.groups.Tuple.tuple("Encl1, bay 4", Availability.MAINTENANCE),
            org.assertj.core.groups.Tuple.tuple("Encl1, bay 5", Availability.UNAVAILABLE),
            org.assertj.core.groups.Tuple.tuple("Encl1, bay 6", Availability.USED_BY_OTHERS),
            org.assertj.core.groups.Tuple.tuple("Encl1, bay 7", Availability.FREE));
    assertThat(inv.template("Rack-DL360-Template").orElseThrow().servers())
        .extracting(Inventory.Server::name, Inventory.Server::availability)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DL360-1", Availability.FREE));
  }

  @Test
  void serversAreGroupedIntoFlavorsWithTheirMacs() {
    Inventory inv = take();
    assertThat(inv.flavors()).extracting(Inventory.Flavor::serverHardwareTypeName, Inventory.Flavor::enclosureGroupName,
            Inventory.Flavor::cpuCores, Inventory.Flavor::memoryMb, f -> f.servers().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BL460c Gen8 1", "Enclosure-Group-1", 16, 32768L, 1),
            org.assertj.core.groups.Tuple.tuple("BL460c Gen8 1", "Enclosure-Group-1", 16, 65536L, 6),
            org.assertj.core.groups.Tuple.tuple("DL360 Gen10 1", null, 20, 131072L, 1));
    assertThat(inv.flavors()).allSatisfy(f -> assertThat(f.localDiskGb()).isNull());
    assertThat(inv.flavors().get(0).servers().get(0).macs()).containsExactly("AA:00:00:00:00:07");
    assertThat(inv.flavors().get(2).servers().get(0).macs()).isEmpty();
    assertThat(inv.serverHardware()).hasSize(8);
    assertThat(inv.serverHardwareTypes()).extracting(ServerHardwareType::name).containsExactly("BL460c Gen8 1", "DL360 Gen10 1");
    assertThat(inv.enclosureGroups()).extracting(EnclosureGroup::name).containsExactly("Enclosure-Group-1");
  }

  @Test
  void jsonRenderingListsTemplatesAndFlavorsForScripts() {
    String json = take().toJson();
    Map<String, Object> root = Json.parseObject(json);
    List<Map<String, Object>> templates = Json.objects(root, "templates");
    assertThat(templates).extracting(t -> t.get("name")).containsExactly("Docker-Gen8-Template", "Rack-DL360-Template");
    assertThat(templates.get(1).get("enclosureGroup")).isNull();
    assertThat(Json.toJson(templates.get(0).get("serverHardwareType")))
        .isEqualTo("{\"uri\":\"" + BLADE_TYPE + "\",\"name\":\"BL460c Gen8 1\"}");
    assertThat(Json.objects(templates.get(0), "servers")).extracting(s -> s.get("availability"))
        .containsExactly("free", "owned", "used-by-others", "maintenance", "unavailable", "used-by-others", "free");
    Map<String, Object> rackFlavor = Json.objects(root, "flavors").get(2);
    assertThat(Json.toJson(rackFlavor)).isEqualTo("{\"serverHardwareType\":{\"uri\":\"" + RACK_TYPE
        + "\",\"name\":\"DL360 Gen10 1\"},\"enclosureGroup\":null,\"cpuCores\":20,\"memoryMb\":131072,\"localDiskGb\":null,"
        + "\"servers\":[{\"uri\":\"/rest/server-hardware/DL360-1\",\"name\":\"DL360-1\",\"availability\":\"free\","
        + "\"serverProfileUri\":null,\"macs\":[]}]}");
  }

  @Test
  void theFiveCollectionsAreListedConcurrently() {
    CountDownLatch allArrived = new CountDownLatch(5);
    AtomicBoolean concurrent = new AtomicBoolean(true);
    appliance.handler = request -> {
      allArrived.countDown();
      try {
        // Sequential listing would leave this first request waiting alone until the timeout.
        if (!allArrived.await(5, TimeUnit.SECONDS)) concurrent.set(false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return collection(request);
    };
    take();
    assertThat(concurrent).isTrue();
    assertThat(appliance.resourceRequests).extracting(r -> r.getRequestUrl().encodedPath())
        .containsExactlyInAnyOrderElementsOf(COLLECTIONS.keySet());
  }

  @Test
  void aFailedListingFailsTheInventory() {
    appliance.handler = request -> request.getRequestUrl().encodedPath().equals("/rest/enclosure-groups")
        ? json(500, "{\"errorCode\":\"INTERNAL_ERROR\",\"message\":\"Boom.\"}")
        : collection(request);
    assertThatThrownBy(this::take)
        .isInstanceOf(OneViewException.class)
        .hasMessage("GET /rest/enclosure-groups failed: HTTP 500: INTERNAL_ERROR: Boom.");
  }
}
