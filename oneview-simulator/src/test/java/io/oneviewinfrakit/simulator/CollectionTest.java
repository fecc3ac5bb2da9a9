package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 40 servers: 30 blades (Encl1 bays 1-16, Encl2 bays 1-14) and 10 racks; index 1, 5, 9... on. */
class CollectionTest {
  private static OneViewSimulator sim;
  private static TestClient ov;

  @BeforeAll
  static void start() {
    sim = OneViewSimulator.builder().servers(40).build().start();
    ov = new TestClient(sim).login();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static List<Object> names(TestClient.Resp r) {
    return r.members().stream().map(m -> m.get("name")).map(Object.class::cast).toList();
  }

  @Test
  void serverHardwarePagesAreCappedAt32WithNextPageUri() {
    TestClient.Resp first = ov.get("/rest/server-hardware");

    assertThat(first.map()).containsEntry("start", 0.0).containsEntry("count", 32.0)
        .containsEntry("total", 40.0).containsEntry("prevPageUri", null)
        .containsEntry("uri", "/rest/server-hardware?start=0&count=32")
        .containsEntry("nextPageUri", "/rest/server-hardware?start=32&count=32")
        .containsEntry("category", "server-hardware")
        .containsKeys("type", "eTag", "created", "modified");
    assertThat(first.members()).hasSize(32);

    TestClient.Resp second = ov.get(first.string("nextPageUri"));
    assertThat(second.members()).hasSize(8);
    assertThat(second.map()).containsEntry("nextPageUri", null)
        .containsEntry("prevPageUri", "/rest/server-hardware?start=0&count=32");
  }

  @Test
  void countMinusOneStillGetsTheCap() {
    assertThat(ov.get("/rest/server-hardware?count=-1").members()).hasSize(32);
  }

  @Test
  void templatesAreCappedAt64AndExplicitCountIsHonoured() {
    assertThat(ov.get("/rest/server-profile-templates").map()).containsEntry("count", 2.0)
        .containsEntry("uri", "/rest/server-profile-templates?start=0&count=64");
    assertThat(ov.get("/rest/server-hardware?count=40").members()).hasSize(40);
  }

  @Test
  void followingNextPageUriVisitsEveryServerOnce() {
    List<Object> seen = new ArrayList<>();
    String next = "/rest/server-hardware?count=7";
    while (next != null) {
      TestClient.Resp page = ov.get(next);
      seen.addAll(names(page));
      next = page.string("nextPageUri");
    }
    assertThat(seen).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void startBeyondTotalGivesEmptyPage() {
    TestClient.Resp r = ov.get("/rest/server-hardware?start=100");
    assertThat(r.members()).isEmpty();
    assertThat(r.map()).containsEntry("total", 40.0).containsEntry("nextPageUri", null);
  }

  @Test
  void pageUrisEchoFilterAndSortAsSent() {
    String query = "sort=name:desc&filter=serverHardwareTypeUri%3D%27"
        + ov.hardware("Encl1, bay 1").get("serverHardwareTypeUri") + "%27&count=10";

    TestClient.Resp r = ov.get("/rest/server-hardware?" + query);

    assertThat(r.map()).containsEntry("total", 30.0);
    assertThat(r.string("nextPageUri")).isEqualTo("/rest/server-hardware?sort=name:desc&filter="
        + "serverHardwareTypeUri%3D%27" + ov.hardware("Encl1, bay 1").get("serverHardwareTypeUri")
        + "%27&start=10&count=10");
    assertThat(ov.get(r.string("nextPageUri")).string("prevPageUri"))
        .isEqualTo(r.string("uri"));
  }

  @Test
  void sortsAscendingDescendingAndByMultipleKeys() {
    assertThat(names(ov.get("/rest/server-hardware?sort=name:asc&count=3")))
        .containsExactly("DL360-1", "DL360-10", "DL360-2");
    assertThat(names(ov.get("/rest/server-hardware?sort=name:descending&count=2")))
        .containsExactly("Encl2, bay 9", "Encl2, bay 8");
    assertThat(names(ov.get("/rest/server-hardware?sort=powerState:desc,name:asc&count=2")))
        .containsExactly("DL360-4", "DL360-8");
    assertThat(names(ov.get("/rest/server-hardware?sort=name:asc:natural&count=3")))
        .containsExactly("DL360-1", "DL360-2", "DL360-3");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "name='Encl1, bay 3'|1",
      "name eq 'encl1, BAY 3'|1",
      "name == 'encl1, bay 3'|0",
      "name == 'Encl1, bay 3'|1",
      "name seq 'Encl1, bay 3'|1",
      "powerState ne 'On'|30",
      "powerState!='On'|30",
      "name matches 'Encl2%'|14",
      "name matches 'encl1, bay _'|9",
      "name smatches 'encl1%'|0",
      "NOT name matches 'Encl%'|10",
      "not powerState='Off'|10",
      "serverGroupUri=null|10",
      "serverGroupUri ne null|30",
      "position gt 14|2",
      "memoryMb ge 32768|10",
      "portMap.deviceSlots.physicalPorts.mac='02:23:13:00:03:04'|1",
      "signature.serverHwChecksum=0|40"})
  void filtersSelectMatchingServers(String filter, int expected) {
    TestClient.Resp r = ov.get("/rest/server-hardware?count=100&filter=" + TestClient.enc(filter));

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.map()).containsEntry("total", (double) expected);
  }

  @Test
  void repeatedFiltersAreAnded() {
    TestClient.Resp r = ov.get("/rest/server-hardware?filter=" + TestClient.enc("name matches 'Encl1%'")
        + "&filter=" + TestClient.enc("powerState='On'"));

    assertThat(names(r)).containsExactly("Encl1, bay 2", "Encl1, bay 6", "Encl1, bay 10", "Encl1, bay 14");
  }

  @Test
  void acceptsEveryCommonEncodingOfQuotesAndSpaces() {
    List<String> encodings = List.of(
        "filter=%22name%3D%27Encl1%2C%20bay%203%27%22",   // python quote(): double quotes, %20
        "filter=name%3D%27Encl1,+bay+3%27",                 // Go url.Values: + for spaces
        "filter=name='Encl1,%20bay%203'",                   // raw single quotes
        "filter=%22name='Encl1, bay 3'%22");                // raw space (OkHttp encodes it)
    for (String query : encodings) {
      assertThat(names(ov.get("/rest/server-hardware?" + query))).as(query).containsExactly("Encl1, bay 3");
    }
  }

  @Test
  void rawPercentWildcardIsAccepted() {
    assertThat(ov.get("/rest/server-hardware?filter=name%20matches%20'DL360-1%25'").map())
        .containsEntry("total", 2.0);
  }

  @Test
  void malformedFilterOrPagingIs400() {
    assertThat(ov.get("/rest/server-hardware?filter=" + TestClient.enc("name ~ 'x'")).code()).isEqualTo(400);
    assertThat(ov.get("/rest/server-hardware?start=abc").code()).isEqualTo(400);
    assertThat(ov.get("/rest/server-hardware?sort=name:sideways").code()).isEqualTo(400);
  }

  @Test
  void enclosureGroupsAndHardwareTypesAreListedAndReadable() {
    TestClient.Resp groups = ov.get("/rest/enclosure-groups");
    TestClient.Resp types = ov.get("/rest/server-hardware-types?sort=name:asc");

    assertThat(names(groups)).containsExactly("Enclosure-Group-1");
    assertThat(names(types)).containsExactly("BL460c Gen8 1", "DL360 Gen10 1");
    Map<String, Object> type = types.members().get(0);
    assertThat(ov.get((String) type.get("uri")).string("name")).isEqualTo("BL460c Gen8 1");
  }

  @Test
  void tasksAreListed() {
    TestClient.Resp r = ov.get("/rest/tasks");
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.string("category")).isEqualTo("tasks");
  }

  @Test
  void queryInSelectsByAnyOfTheValuesAndCombinesWithAndOr() {
    TestClient.Resp all = ov.get("/rest/server-hardware?count=100");
    String a = (String) all.members().get(3).get("uri");
    String b = (String) all.members().get(17).get("uri");
    TestClient.Resp in = ov.get("/rest/server-hardware?query="
        + TestClient.enc("\"uri IN ('" + a + "', '" + b + "', '/rest/server-hardware/none')\""));
    assertThat(in.code()).isEqualTo(200);
    assertThat(in.members()).extracting(m -> m.get("uri")).containsExactly(a, b);

    TestClient.Resp and = ov.get("/rest/server-hardware?query="
        + TestClient.enc("uri IN ('" + a + "','" + b + "') AND powerState='On'"));
    assertThat(and.map()).containsEntry("total", 0.0 + and.members().size());
    assertThat(and.members()).allSatisfy(m -> assertThat(m.get("powerState")).isEqualTo("On"));

    TestClient.Resp or = ov.get("/rest/server-hardware?query="
        + TestClient.enc("name='Encl1, bay 3' OR name='DL360-1'"));
    assertThat(names(or)).containsExactly("Encl1, bay 3", "DL360-1");

    assertThat(ov.get("/rest/server-hardware?query=" + TestClient.enc("uri IN 'x'")).code()).isEqualTo(400);
  }

  @Test
  void fibreChannelNetworksAreListedAndReadable() {
    TestClient.Resp fc = ov.get("/rest/fc-networks");
    assertThat(fc.code()).isEqualTo(200);
    assertThat(names(fc)).containsExactly("SAN-A");
    Map<String, Object> san = fc.members().get(0);
    assertThat(san).containsEntry("fabricType", "FabricAttach").containsEntry("type", "fc-networkV4");
    assertThat(ov.get((String) san.get("uri")).string("name")).isEqualTo("SAN-A");
  }
}
