package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class NetworksTest extends FakeApplianceFixture {
  private static final String TASK_URI = "/rest/tasks/T-1";
  private static final String NET_URI = "/rest/ethernet-networks/19638712-679d-4232-9743-c7cb6c7bf718";
  // Shape of an ethernet-networkV4 as appliances return it, with fields the SDK does not model.
  private static final String NETWORK = "{\"type\":\"ethernet-networkV4\",\"ethernetNetworkType\":\"Tagged\","
      + "\"vlanId\":101,\"purpose\":\"General\",\"name\":\"prod-101\",\"smartLink\":true,\"privateNetwork\":false,"
      + "\"connectionTemplateUri\":\"/rest/connection-templates/ct-1\",\"fabricUri\":\"/rest/fabrics/f\","
      + "\"subnetUri\":null,\"status\":\"OK\",\"state\":\"Active\",\"category\":\"ethernet-networks\","
      + "\"uri\":\"" + NET_URI + "\",\"eTag\":\"e1\"}";
  private static final String SET = "{\"type\":\"network-setV5\",\"name\":\"prod-set\",\"networkUris\":[\"" + NET_URI
      + "\",\"/rest/ethernet-networks/n2\"],\"nativeNetworkUri\":\"" + NET_URI + "\",\"connectionTemplateUri\":null,"
      + "\"uri\":\"/rest/network-sets/s1\",\"category\":\"network-sets\"}";

  private static MockResponse accepted() {
    return new MockResponse().setResponseCode(202).setHeader("Location", TASK_URI);
  }

  @Test
  void ethernetNetworkIsReadIntoTypedFields() {
    appliance.handler = request -> json(200, NETWORK);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      EthernetNetwork net = ov.ethernetNetworks().get(NET_URI);
      assertThat(net).isEqualTo(new EthernetNetwork(NET_URI, "prod-101", 101, "General", true, false,
          EthernetNetworkType.TAGGED, "/rest/connection-templates/ct-1"));
    }
    assertThat(appliance.resourceRequests.get(0).getPath()).isEqualTo(NET_URI);
  }

  @Test
  void unknownNetworkTypeReadsAsUnknownAndUntaggedHasNoVlan() {
    appliance.handler = request -> json(200, "{\"total\":2,\"members\":["
        + "{\"uri\":\"/rest/ethernet-networks/a\",\"name\":\"a\",\"ethernetNetworkType\":\"ImageStreamer\"},"
        + "{\"uri\":\"/rest/ethernet-networks/b\",\"name\":\"b\",\"ethernetNetworkType\":\"Untagged\",\"vlanId\":null}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      List<EthernetNetwork> nets = ov.ethernetNetworks().list();
      assertThat(nets).extracting(EthernetNetwork::ethernetNetworkType)
          .containsExactly(EthernetNetworkType.UNKNOWN, EthernetNetworkType.UNTAGGED);
      assertThat(nets.get(1).vlanId()).isNull();
    }
    assertThat(appliance.resourceRequests.get(0).getPath()).isEqualTo("/rest/ethernet-networks");
  }

  @Test
  void findByNameFiltersCaseSensitivelyAndComparesExactly() {
    // The appliance answers inexactly; only the exact name may be returned.
    appliance.handler = request -> json(200, "{\"total\":2,\"members\":["
        + "{\"uri\":\"/rest/ethernet-networks/x\",\"name\":\"PROD-101\",\"ethernetNetworkType\":\"Tagged\"},"
        + NETWORK + "]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.ethernetNetworks().findByName("prod-101")).map(EthernetNetwork::uri).contains(NET_URI);
      assertThat(ov.ethernetNetworks().findByName("missing")).isEmpty();
    }
    assertThat(appliance.resourceRequests.get(0).getRequestUrl().queryParameterValues("filter"))
        .containsExactly("\"name=='prod-101'\"");
  }

  @ParameterizedTest
  @CsvSource({
      "200, ethernet-networkV3",
      "500, ethernet-networkV300",
      "1200, ethernet-networkV4",
      "1600, ''"})
  void ethernetNetworkCreateCarriesTheVersionedTypeBelowApi1600(int apiVersion, String type) throws Exception {
    appliance.handler = request -> accepted();
    EthernetNetwork spec = EthernetNetwork.builder("prod-101").vlanId(101).smartLink(true).build();
    try (OneView ov = FakeAppliance.builder(server).apiVersion(apiVersion).build()) {
      Task task = ov.ethernetNetworks().create(spec);
      assertThat(task.uri()).isEqualTo(TASK_URI);
    }
    RecordedRequest post = appliance.resourceRequests.get(0);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/rest/ethernet-networks");
    assertThat(post.getHeader("X-API-Version")).isEqualTo(String.valueOf(apiVersion));
    String typePart = type.isEmpty() ? "" : "\"type\":\"" + type + "\",";
    assertThat(post.getBody().readUtf8()).isEqualTo("{" + typePart + "\"name\":\"prod-101\",\"vlanId\":101,"
        + "\"purpose\":\"General\",\"smartLink\":true,\"privateNetwork\":false,\"ethernetNetworkType\":\"Tagged\"}");
  }

  @Test
  void untaggedNetworkIsCreatedWithoutVlanId() throws Exception {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.ethernetNetworks().create(EthernetNetwork.builder("pxe")
          .ethernetNetworkType(EthernetNetworkType.UNTAGGED).purpose("Management").privateNetwork(true).build());
    }
    assertThat(appliance.resourceRequests.get(0).getBody().readUtf8()).isEqualTo("{\"name\":\"pxe\","
        + "\"purpose\":\"Management\",\"smartLink\":false,\"privateNetwork\":true,\"ethernetNetworkType\":\"Untagged\"}");
  }

  @Test
  void networkSpecificationsAreValidatedBeforeSending() {
    assertThatThrownBy(() -> EthernetNetwork.builder("t").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("vlanId required for a tagged network: t");
    assertThatThrownBy(() -> EthernetNetwork.builder("u").vlanId(5).ethernetNetworkType(EthernetNetworkType.TUNNEL).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("vlanId set for a Tunnel network: u");
    assertThatThrownBy(() -> EthernetNetwork.builder("v").vlanId(4095))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("vlanId not in 1..4094: 4095");
    assertThatThrownBy(() -> NetworkSet.of("s", List.of(NET_URI), "/rest/ethernet-networks/other"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nativeNetworkUri is not one of networkUris: /rest/ethernet-networks/other");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void ethernetNetworkDeleteReturnsTheTask() {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.ethernetNetworks().delete(NET_URI).uri()).isEqualTo(TASK_URI);
    }
    RecordedRequest delete = appliance.resourceRequests.get(0);
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getPath()).isEqualTo(NET_URI);
  }

  @Test
  void networkSetIsReadIntoTypedFields() {
    appliance.handler = request -> request.getRequestUrl().encodedPath().equals("/rest/network-sets")
        ? json(200, "{\"total\":1,\"members\":[" + SET + "]}")
        : json(200, SET);
    try (OneView ov = FakeAppliance.builder(server).build()) {
      NetworkSet set = ov.networkSets().get("/rest/network-sets/s1");
      assertThat(set).isEqualTo(new NetworkSet("/rest/network-sets/s1", "prod-set",
          List.of(NET_URI, "/rest/ethernet-networks/n2"), NET_URI));
      assertThat(ov.networkSets().findByName("prod-set")).contains(set);
      assertThat(ov.networkSets().list()).containsExactly(set);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "200, network-set",
      "300, network-setV300",
      "800, network-setV4",
      "1200, network-setV5",
      "8600, ''"})
  void networkSetCreateCarriesTheVersionedTypeBelowApi1600(int apiVersion, String type) throws Exception {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).apiVersion(apiVersion).build()) {
      ov.networkSets().create(NetworkSet.of("prod-set", List.of(NET_URI), null));
    }
    RecordedRequest post = appliance.resourceRequests.get(0);
    assertThat(post.getPath()).isEqualTo("/rest/network-sets");
    String typePart = type.isEmpty() ? "" : "\"type\":\"" + type + "\",";
    assertThat(post.getBody().readUtf8()).isEqualTo(
        "{" + typePart + "\"name\":\"prod-set\",\"networkUris\":[\"" + NET_URI + "\"],\"nativeNetworkUri\":null}");
  }

  @Test
  void networkSetDeleteReturnsTheTask() {
    appliance.handler = request -> accepted();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.networkSets().delete("/rest/network-sets/s1").uri()).isEqualTo(TASK_URI);
    }
    assertThat(appliance.resourceRequests.get(0).getMethod()).isEqualTo("DELETE");
    assertThat(appliance.resourceRequests.get(0).getPath()).isEqualTo("/rest/network-sets/s1");
  }

  @Test
  void createFailureCarriesTheApplianceError() {
    appliance.handler = request -> json(400, "{\"errorCode\":\"DUPLICATE_NAME\",\"message\":\"Name in use.\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.ethernetNetworks().create(EthernetNetwork.builder("x").vlanId(1).build()))
          .isInstanceOf(OneViewException.class)
          .hasMessage("POST /rest/ethernet-networks failed: HTTP 400: DUPLICATE_NAME: Name in use.");
    }
  }
}
