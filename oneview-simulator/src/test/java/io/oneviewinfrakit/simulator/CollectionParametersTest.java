package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic collection parameters every collection takes: fields, view, query. */
class CollectionParametersTest extends SimulatorFixture {
  @BeforeEach
  void startEightServers() {
    start();
  }

  @Test
  void fieldsProjectEachMemberIncludingNestedFields() {
    TestClient.Resp r = ov.get("/rest/server-hardware?count=1&fields=" + TestClient.enc("name,uri,mpHostInfo.mpHostName"));

    Map<String, Object> member = r.members().get(0);
    assertThat(member).containsOnlyKeys("name", "uri", "mpHostInfo");
    assertThat(member.get("mpHostInfo")).isEqualTo(Map.of("mpHostName", "172.18.6.1"));
    assertThat(r.map()).containsEntry("total", 8.0);
  }

  @Test
  void expandIsTheOnlyViewAndOthersAreRefused() {
    assertThat(ov.get("/rest/enclosures?view=expand").code()).isEqualTo(200);
    TestClient.Resp other = ov.get("/rest/enclosures?view=utilization");
    assertThat(other.code()).isEqualTo(400);
    assertThat(other.string("errorCode")).isEqualTo("INVALID_VIEW");
  }

  @Test
  void queryWorksOnEveryCollection() {
    TestClient.Resp r = ov.get("/rest/alerts?query=" + TestClient.enc("severity = 'Critical' OR alertState = 'Cleared'"));

    assertThat(r.members()).extracting(a -> a.get("severity")).containsExactly("Warning", "Critical");
  }
}
