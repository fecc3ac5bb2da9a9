package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filters with AND/OR, query, sort, fields, view, scopeUris, start/count: validated and encoded as OneView reads them. */
final class QueryModelTest extends FakeApplianceFixture {
  private static final Filter OFF = Filter.eq("powerState", "Off");
  private static final Filter CRITICAL = Filter.eq("status", "Critical");
  private static final Filter RACK = Filter.eq("formFactor", "1U");

  private HttpUrl sent(Query query) {
    appliance.handler = request -> json(200, "{\"total\":0,\"members\":[]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      ov.resources("/rest/server-hardware").list(query);
    }
    return appliance.resourceRequests.get(appliance.resourceRequests.size() - 1).getRequestUrl();
  }

  @Test
  void conditionsAndedTogetherAreRepeatedFilterParameters() {
    HttpUrl url = sent(Query.builder().filter(Filter.and(OFF, CRITICAL)).filter(RACK).build());
    assertThat(url.queryParameterValues("filter"))
        .containsExactly("\"powerState='Off'\"", "\"status='Critical'\"", "\"formFactor='1U'\"");
    assertThat(url.queryParameter("query")).isNull();
    assertThat(url.encodedQuery()).isEqualTo("filter=%22powerState%3D%27Off%27%22&filter=%22status%3D%27Critical%27%22"
        + "&filter=%22formFactor%3D%271U%27%22");
  }

  @Test
  void anOrIsSentAsTheQueryParameterWithEveryOtherConditionAndedIn() {
    HttpUrl url = sent(Query.builder().filter(Filter.or(OFF, CRITICAL)).filter(RACK).build());
    assertThat(url.queryParameterValues("filter")).isEmpty();
    // AND binds tighter than OR and OneView's query has no parentheses: (A or B) and C = A and C or B and C.
    assertThat(url.queryParameter("query"))
        .isEqualTo("\"powerState='Off' AND formFactor='1U' OR status='Critical' AND formFactor='1U'\"");
  }

  @Test
  void notOfAGroupAppliesDeMorgansLaws() {
    assertThat(Filter.not(Filter.or(OFF, CRITICAL)).expression()).isEqualTo("not powerState='Off' AND not status='Critical'");
    assertThat(Filter.not(Filter.and(OFF, CRITICAL)).expression()).isEqualTo("not powerState='Off' OR not status='Critical'");
    assertThat(Filter.not(Filter.not(OFF))).isEqualTo(OFF);
    assertThat(Filter.not(Filter.ne("name", "x")).expression()).isEqualTo("not name ne 'x'");
  }

  @Test
  void everyOtherParameterIsEncodedAsTheApplianceExpects() {
    HttpUrl url = sent(Query.builder()
        .query("name EQ 'a' OR name EQ 'b'")
        .sort("name:asc,status:desc:natural")
        .fields("name", "uri", "mpHostInfo.mpIpAddresses")
        .view("expand")
        .scopeUris("/rest/scopes/lab-1", "/rest/scopes/lab-2")
        .start(5)
        .count(10)
        .build());
    assertThat(url.queryParameter("query")).isEqualTo("\"name EQ 'a' OR name EQ 'b'\"");
    assertThat(url.queryParameter("sort")).isEqualTo("name:asc,status:desc:natural");
    assertThat(url.queryParameter("fields")).isEqualTo("name,uri,mpHostInfo.mpIpAddresses");
    assertThat(url.queryParameter("view")).isEqualTo("expand");
    assertThat(url.queryParameter("scopeUris")).isEqualTo("/rest/scopes/lab-1 OR /rest/scopes/lab-2");
    assertThat(url.queryParameter("start")).isEqualTo("5");
    assertThat(url.queryParameter("count")).isEqualTo("10");
    assertThat(url.encodedPath()).isEqualTo("/rest/server-hardware");
  }

  @Test
  void everyPageCarriesTheSelection() {
    appliance.handler = request -> {
      String startParameter = request.getRequestUrl().queryParameter("start");
      String countParameter = request.getRequestUrl().queryParameter("count");
      int start = startParameter == null ? 0 : Integer.parseInt(startParameter);
      int end = Math.min(3, start + (countParameter == null ? 2 : Integer.parseInt(countParameter)));
      StringBuilder members = new StringBuilder();
      for (int i = start; i < end; i++) members.append(i > start ? "," : "").append("{\"uri\":\"/rest/x/").append(i + 1).append("\"}");
      return json(200, "{\"start\":" + start + ",\"count\":" + (end - start) + ",\"total\":3,\"members\":[" + members + "]}");
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      List<Resource> all = ov.resources("/rest/x").list(Query.builder()
          .filter(Filter.or(OFF, CRITICAL)).fields("uri").view("compact").count(2).build());
      assertThat(all).extracting(Resource::uri).containsExactly("/rest/x/1", "/rest/x/2", "/rest/x/3");
    }
    assertThat(appliance.resourceRequests).hasSizeGreaterThanOrEqualTo(2);
    for (RecordedRequest page : appliance.resourceRequests) {
      assertThat(page.getRequestUrl().queryParameter("query")).isEqualTo("\"powerState='Off' OR status='Critical'\"");
      assertThat(page.getRequestUrl().queryParameter("fields")).isEqualTo("uri");
      assertThat(page.getRequestUrl().queryParameter("view")).isEqualTo("compact");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"name:up", "name:asc:weird", "na me", "name;drop", ",name", "name:asc,"})
  void aBadSortKeyIsRefusedNamingIt(String sort) {
    assertThatThrownBy(() -> Query.builder().sort(sort))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a OneView sort key")
        .hasMessageContaining("in sort \"" + sort + "\"");
  }

  @Test
  void badValuesAreRefusedNamingThem() {
    assertThatThrownBy(() -> Query.builder().fields("name", "bad field"))
        .hasMessage("Not a OneView attribute name in fields: \"bad field\"");
    assertThatThrownBy(() -> Query.builder().fields()).hasMessage("fields is empty");
    assertThatThrownBy(() -> Query.builder().view("expand&x=1")).hasMessage("Not a OneView view name: \"expand&x=1\"");
    assertThatThrownBy(() -> Query.builder().scopeUris("/rest/scopes/ok", "/rest/enclosures/e1"))
        .hasMessage("Not a scope URI such as /rest/scopes/{id}: \"/rest/enclosures/e1\"");
    assertThatThrownBy(() -> Query.builder().query("name EQ \"x\""))
        .hasMessage("query contains a double quote, which OneView cannot escape: name EQ \"x\"");
    assertThatThrownBy(() -> Query.builder().query("name EQ 'x")).hasMessage("query has an unpaired single quote: name EQ 'x");
    assertThatThrownBy(() -> Query.builder().query(" ")).hasMessage("query is blank");
    assertThatThrownBy(() -> Query.builder().start(-1)).hasMessage("start < 0: -1");
    assertThatThrownBy(() -> Query.builder().count(0)).hasMessage("count <= 0: 0");
  }

  @Test
  void anOrFilterAndARawQueryCannotBothBeSent() {
    assertThatThrownBy(() -> Query.builder().filter(Filter.or(OFF, CRITICAL)).query("name EQ 'a'").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("A filter with OR is sent as the query parameter, which query(\"name EQ 'a'\") already holds");
    // Without OR, filters and a query go side by side.
    Query both = Query.builder().filter(OFF).query("name EQ 'a'").build();
    assertThat(both.filters()).containsExactly(OFF);
  }

  @Test
  void aFilterThatExpandsBeyondTheLimitIsRefused() {
    Filter pair = Filter.or(OFF, CRITICAL);
    Filter big = Filter.and(pair, pair, pair, pair, pair, pair); // 2^6 = 64 groups: the limit
    assertThat(big.expression().split(" OR ")).hasSize(64);
    assertThatThrownBy(() -> Filter.and(big, pair))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Filter expands to 128 AND groups joined by OR, more than 64");
  }

  @Test
  void queriesAreValuesWhoseBuilderCopiesEverything() {
    Query query = Query.builder().filter(Filter.or(OFF, CRITICAL)).sort("name:asc").fields("name").view("expand")
        .scopeUris("/rest/scopes/s").start(3).count(7).build();
    assertThat(query.newBuilder().build()).isEqualTo(query).hasSameHashCodeAs(query);
    assertThat(query.toString()).isEqualTo("Query{filters=[powerState='Off' OR status='Critical'], sort=name:asc, "
        + "fields=[name], view=expand, scopeUris=[/rest/scopes/s], start=3, count=7}");
  }
}
