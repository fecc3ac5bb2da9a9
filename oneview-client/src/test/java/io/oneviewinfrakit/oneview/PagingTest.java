package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

final class PagingTest extends FakeApplianceFixture {
  private static String hardware(int i) {
    return "{\"uri\":\"/rest/server-hardware/" + i + "\",\"name\":\"Encl1, bay " + i + "\",\"state\":\"NoProfileApplied\"}";
  }

  private static String page(String uri, String next, Integer total, int from, int to) {
    String members = IntStream.range(from, to).mapToObj(PagingTest::hardware).collect(Collectors.joining(","));
    return "{\"type\":\"server-hardware-list-1\",\"uri\":" + quote(uri) + ",\"nextPageUri\":" + quote(next)
        + ",\"total\":" + total + ",\"start\":" + from + ",\"count\":" + (to - from) + ",\"members\":[" + members + "]}";
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  @Test
  void pagesAreFollowedUntilNextPageUriRepeatsTheCurrentPage() {
    String first = "/rest/server-hardware";
    String second = "/rest/server-hardware?start=2&count=2";
    appliance.handler = request -> {
      String start = request.getRequestUrl().queryParameter("start");
      if (start == null) return json(200, page(first, second, null, 0, 2));
      return json(200, page(second, second, null, 2, 4)); // nextPageUri == uri: the appliance's loop
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      List<ServerHardware> all = ov.serverHardware().list();
      assertThat(all).extracting(ServerHardware::uri).containsExactly(
          "/rest/server-hardware/0", "/rest/server-hardware/1", "/rest/server-hardware/2", "/rest/server-hardware/3");
    }
    assertThat(appliance.resourceRequests).hasSize(2);
  }

  @Test
  void pagesAreFollowedUntilNextPageUriIsNullOrEmpty() {
    appliance.handler = request -> {
      String start = request.getRequestUrl().queryParameter("start");
      if (start == null) return json(200, page("/rest/server-hardware", "/rest/server-hardware?start=1&count=1", null, 0, 1));
      if (start.equals("1")) return json(200, page("/rest/server-hardware?start=1&count=1", "", null, 1, 2));
      throw new AssertionError("unexpected page " + start);
    };
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardware().list()).hasSize(2);
    }
    assertThat(appliance.resourceRequests).hasSize(2);
  }

  @Test
  void streamFetchesPagesOnlyAsConsumed() {
    appliance.handler = request -> json(200,
        page("/rest/server-hardware", "/rest/server-hardware?start=2&count=2", null, 0, 2));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      Optional<ServerHardware> first = ov.serverHardware().stream(Query.all()).findFirst();
      assertThat(first).map(ServerHardware::uri).hasValue("/rest/server-hardware/0");
    }
    assertThat(appliance.resourceRequests).hasSize(1);
  }

  @Test
  void knownTotalIsFetchedInConcurrentWaves() {
    int total = 1000;
    int cap = 32;
    int concurrency = 8;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch firstWave = new CountDownLatch(concurrency);
    appliance.handler = request -> {
      HttpUrl url = request.getRequestUrl();
      int start = url.queryParameter("start") == null ? 0 : Integer.parseInt(url.queryParameter("start"));
      int count = url.queryParameter("count") == null ? cap : Math.min(cap, Integer.parseInt(url.queryParameter("count")));
      int end = Math.min(total, start + count);
      if (start > 0) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          if (start <= cap * concurrency) {
            firstWave.countDown();
            firstWave.await(5, TimeUnit.SECONDS); // Answers only once the whole wave is in flight.
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          inFlight.decrementAndGet();
        }
      }
      String next = end < total ? "/rest/server-hardware?start=" + end + "&count=" + count : null;
      return json(200, page("/rest/server-hardware?start=" + start + "&count=" + count, next, total, start, end));
    };
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(concurrency).build()) {
      List<ServerHardware> all = ov.serverHardware().list();
      assertThat(all).extracting(ServerHardware::uri)
          .containsExactlyElementsOf(IntStream.range(0, total).mapToObj(i -> "/rest/server-hardware/" + i).toList());
    }
    // 1 first page + 32 more pages of 32 overlapping by one, at most 8 in flight: 33 requests.
    assertThat(appliance.resourceRequests).hasSize(33);
    assertThat(firstWave.getCount()).isZero();
    assertThat(maxInFlight.get()).isEqualTo(concurrency);
    List<String> counts = new ArrayList<>();
    for (RecordedRequest r : appliance.resourceRequests.subList(1, 33)) counts.add(r.getRequestUrl().queryParameter("count"));
    assertThat(counts).containsOnly("32");
  }

  @Test
  void pagesInFlightNeverExceedListConcurrency() {
    int cap = 32;
    int wave = 16;
    int total = cap * (wave + 1); // the first page and one full wave
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch fullWave = new CountDownLatch(wave);
    appliance.handler = request -> {
      HttpUrl url = request.getRequestUrl();
      int start = url.queryParameter("start") == null ? 0 : Integer.parseInt(url.queryParameter("start"));
      if (start > 0) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          fullWave.countDown();
          fullWave.await(5, TimeUnit.SECONDS); // Answers only once the whole wave is in flight.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          inFlight.decrementAndGet();
        }
      }
      return json(200, page("/rest/server-hardware?start=" + start, null, total, start, Math.min(total, start + cap)));
    };
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(wave).build()) {
      assertThat(ov.serverHardware().list()).hasSize(total);
    }
    // The first page, then 17 pages overlapping by one: the first 16 together, then the last.
    assertThat(appliance.resourceRequests).hasSize(wave + 2);
    assertThat(fullWave.getCount()).isZero();
    assertThat(maxInFlight.get()).isEqualTo(wave);
  }

  @Test
  void shortPageInAWaveIsRefetchedFromWhereItEnded() {
    int total = 10;
    appliance.handler = request -> {
      HttpUrl url = request.getRequestUrl();
      int start = url.queryParameter("start") == null ? 0 : Integer.parseInt(url.queryParameter("start"));
      int count = url.queryParameter("count") == null ? 4 : Integer.parseInt(url.queryParameter("count"));
      int end = Math.min(total, start + count);
      if (start == 4) end = 6; // The appliance answered fewer than asked for.
      return json(200, page("/rest/server-hardware?start=" + start, null, total, start, end));
    };
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(2).build()) {
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri)
          .containsExactlyElementsOf(IntStream.range(0, total).mapToObj(i -> "/rest/server-hardware/" + i).toList());
    }
  }

  @Test
  void filtersAreQuotedEncodedAndRepeated() {
    appliance.handler = request -> json(200, page("/rest/server-hardware", null, 0, 0, 0));
    Query query = Query.builder()
        .filter(Filter.eq("serverHardwareTypeUri", "/rest/server-hardware-types/A1"))
        .filter(Filter.seq("name", "Encl1, bay 3"))
        .filter(Filter.not(Filter.matches("model", "%Gen8%")))
        .filter(Filter.ne("powerState", "On"))
        .sort("name:asc")
        .count(50)
        .start(10)
        .build();
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverHardware().list(query)).isEmpty();
    }
    RecordedRequest request = appliance.resourceRequests.get(0);
    assertThat(request.getRequestUrl().queryParameterValues("filter")).containsExactly(
        "\"serverHardwareTypeUri='/rest/server-hardware-types/A1'\"",
        "\"name=='Encl1, bay 3'\"",
        "\"not model matches '%Gen8%'\"",
        "\"powerState ne 'On'\"");
    assertThat(request.getPath()).contains("filter=%22name%3D%3D%27Encl1%2C%20bay%203%27%22");
    assertThat(request.getPath()).contains("%27%25Gen8%25%27");
    assertThat(request.getRequestUrl().queryParameter("sort")).isEqualTo("name:asc");
    assertThat(request.getRequestUrl().queryParameter("start")).isEqualTo("10");
    assertThat(request.getRequestUrl().queryParameter("count")).isEqualTo("50");
  }

  @Test
  void filterValueWithQuoteIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> Filter.eq("name", "o'brien"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Filter value for name contains a quote, which OneView filters cannot escape: o'brien");
    assertThatThrownBy(() -> Filter.eq("name", "say \"hi\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Filter.eq("name' or 'x", "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a OneView attribute name: \"name' or 'x\"");
  }

  @Test
  void findByNameIsExactAndCaseSensitive() {
    appliance.handler = request -> json(200, "{\"uri\":\"/rest/server-profile-templates\",\"total\":2,\"members\":["
        + "{\"uri\":\"/rest/server-profile-templates/1\",\"name\":\"Web\"},"
        + "{\"uri\":\"/rest/server-profile-templates/2\",\"name\":\"web\"}]}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThat(ov.serverProfileTemplates().findByName("web")).map(ServerProfileTemplate::uri)
          .hasValue("/rest/server-profile-templates/2");
      assertThat(ov.serverProfileTemplates().findByName("WEB")).isEmpty();
      assertThat(ov.serverProfileTemplates().findByName("it's")).isEmpty();
    }
    assertThat(appliance.resourceRequests.get(0).getRequestUrl().queryParameter("filter")).isEqualTo("\"name=='web'\"");
    assertThat(appliance.resourceRequests.get(2).getRequestUrl().queryParameter("filter")).isNull();
  }

  @Test
  void failingPageRequestBecomesOneViewException() {
    appliance.handler = request -> request.getRequestUrl().queryParameter("start") == null
        ? json(200, page("/rest/server-hardware", null, 4, 0, 2))
        : new MockResponse().setResponseCode(500).setBody("{\"errorCode\":\"INTERNAL_ERROR\",\"message\":\"boom\"}");
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessage("GET /rest/server-hardware?start=1&count=2 failed: HTTP 500: INTERNAL_ERROR: boom");
    }
  }
}
