package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code list()} is one consistent listing or an exception, never a silently short list: OneView's
 * paging is stateless, so a change between page requests shifts later pages.
 */
final class ListingConsistencyTest extends FakeApplianceFixture {
  private static final String COLLECTION = "/rest/server-hardware";
  private static final int CAP = 4; // the appliance's page size when no count is asked for

  /** The collection's current members (by number), changed by the tests between page requests. */
  private final List<Integer> members = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  private static String hardware(int i) {
    return "{\"uri\":\"/rest/server-hardware/" + i + "\",\"name\":\"Encl1, bay " + i + "\",\"state\":\"NoProfileApplied\"}";
  }

  private static String page(String uri, String next, Integer total, int start, List<Integer> ids) {
    String body = ids.stream().map(ListingConsistencyTest::hardware).collect(Collectors.joining(","));
    return "{\"type\":\"server-hardware-list-1\",\"uri\":\"" + uri + "\",\"nextPageUri\":" + (next == null ? "null" : "\"" + next + "\"")
        + ",\"total\":" + total + ",\"start\":" + start + ",\"count\":" + ids.size() + ",\"members\":[" + body + "]}";
  }

  private static int start(RecordedRequest request) {
    String start = request.getRequestUrl().queryParameter("start");
    return start == null ? 0 : Integer.parseInt(start);
  }

  private static int count(RecordedRequest request) {
    String count = request.getRequestUrl().queryParameter("count");
    return count == null ? CAP : Math.min(CAP, Integer.parseInt(count));
  }

  /** Serves {@link #members} as they are now, then lets {@code afterServing} change them (it gets the request number). */
  private void serveMembers(IntConsumer afterServing) {
    appliance.handler = request -> {
      int n = requests.incrementAndGet();
      int start = start(request);
      List<Integer> now = new ArrayList<>(members);
      List<Integer> ids = now.subList(Math.min(start, now.size()), Math.min(now.size(), start + count(request)));
      MockResponse response = json(200, page(COLLECTION + "?start=" + start, null, now.size(), start, ids));
      afterServing.accept(n);
      return response;
    };
  }

  private static List<String> uris(int... ids) {
    return IntStream.of(ids).mapToObj(i -> "/rest/server-hardware/" + i).toList();
  }

  private static List<String> range(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "/rest/server-hardware/" + i).toList();
  }

  private List<String> requestedPages() {
    List<String> pages = new ArrayList<>();
    for (RecordedRequest r : appliance.resourceRequests) {
      HttpUrl url = r.getRequestUrl();
      pages.add(url.encodedPath() + " start=" + url.queryParameter("start") + " count=" + url.queryParameter("count"));
    }
    return pages;
  }

  @Test
  void deleteBeforeTheOffsetRestartsTheListingAndReturnsTheConsistentSecondPass() {
    IntStream.range(0, 10).forEach(members::add);
    // Member 1 is deleted right after the first page: later pages shift by one and total drops to 9.
    serveMembers(n -> {
      if (n == 1) members.remove(Integer.valueOf(1));
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      // Paging on would have skipped member 4; the restarted pass has all nine that remain.
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri)
          .containsExactlyElementsOf(uris(0, 2, 3, 4, 5, 6, 7, 8, 9));
    }
    assertThat(requestedPages()).containsExactly(
        COLLECTION + " start=null count=null", COLLECTION + " start=4 count=4", // first pass, total 10 then 9
        COLLECTION + " start=null count=null", COLLECTION + " start=4 count=4", COLLECTION + " start=8 count=4");
  }

  @Test
  void deleteDuringAConcurrentWaveAlsoRestarts() {
    IntStream.range(0, 40).forEach(members::add);
    serveMembers(n -> {
      if (n == 1) members.remove(Integer.valueOf(0));
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(4).build()) {
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(1, 40));
    }
  }

  @Test
  void changingOnBothPassesThrowsNamingTheCollectionAndTotals() {
    IntStream.range(0, 10).forEach(members::add);
    // Every first page is followed by a delete: neither pass is consistent.
    serveMembers(n -> {
      if (n == 1 || n == 3) members.remove(0);
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessage("Collection /rest/server-hardware changed while it was being listed, on two passes in a row:"
              + " the page at start=4 reported total 9 but the first page 10 (totals seen [10, 9]);"
              + " then the page at start=4 reported total 8 but the first page 9 (totals seen [9, 8])");
    }
    assertThat(appliance.resourceRequests).hasSize(4);
  }

  @Test
  void emptyPageBeforeTotalIsReachedRestartsThenFailsNeverShort() {
    IntStream.range(0, 10).forEach(members::add);
    appliance.handler = request -> {
      int start = start(request);
      // The appliance keeps reporting 10 members but has nothing from index 8 on.
      List<Integer> ids = start >= 8 ? List.of() : members.subList(start, Math.min(10, start + count(request)));
      return json(200, page(COLLECTION + "?start=" + start, null, 10, start, ids));
    };
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageStartingWith("Collection /rest/server-hardware changed while it was being listed")
          .hasMessageContaining("the page at start=8 was empty before total 10 was reached (totals seen [10, 10, 10]); then");
      assertThat(appliance.resourceRequests).hasSize(6); // two full passes, then the error
      // The lazy stream stays best-effort: it ends at the empty page.
      assertThat(ov.serverHardware().stream(Query.all()).count()).isEqualTo(8);
    }
  }

  @Test
  void emptyPageOnceIsHealedByTheRestart() {
    IntStream.range(0, 10).forEach(members::add);
    appliance.handler = request -> {
      int n = requests.incrementAndGet();
      int start = start(request);
      List<Integer> ids = n == 3 ? List.of() : members.subList(start, Math.min(10, start + count(request)));
      return json(200, page(COLLECTION + "?start=" + start, null, 10, start, ids));
    };
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 10));
    }
    assertThat(appliance.resourceRequests).hasSize(6);
  }

  @Test
  void insertAndDeleteKeepingTotalIsCaughtByTheRepeatedMember() {
    IntStream.range(0, 10).forEach(members::add);
    // After the first page a member is inserted at the front and the last deleted: total stays 10, but
    // member 3 moves to index 4 and would be listed twice.
    serveMembers(n -> {
      if (n == 1) {
        members.add(0, 100);
        members.remove(Integer.valueOf(9));
      }
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri)
          .containsExactlyElementsOf(uris(100, 0, 1, 2, 3, 4, 5, 6, 7, 8));
    }
    assertThat(appliance.resourceRequests).hasSize(2 + 3);
  }

  @Test
  void memberRepeatedAcrossPagesOnEveryPassThrows() {
    appliance.handler = request -> {
      int start = start(request);
      int from = start == 0 ? 0 : start - 1; // every later page overlaps the one before by a member
      List<Integer> ids = IntStream.range(from, Math.min(10, from + count(request))).boxed().toList();
      return json(200, page(COLLECTION + "?start=" + start, null, 10, start, ids));
    };
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageContaining("changed while it was being listed")
          .hasMessageContaining("the page at start=4 repeated member /rest/server-hardware/3");
    }
  }

  @Test
  void memberRepeatedAcrossNextPageUriPagesThrows() {
    appliance.handler = request -> request.getRequestUrl().queryParameter("start") == null
        ? json(200, page(COLLECTION, COLLECTION + "?start=2&count=2", null, 0, List.of(0, 1)))
        : json(200, page(COLLECTION + "?start=2&count=2", null, null, 2, List.of(1, 2)));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageContaining("page /rest/server-hardware?start=2&count=2 repeated member /rest/server-hardware/1");
    }
    assertThat(appliance.resourceRequests).hasSize(4);
  }

  @Test
  void fewerMembersThanTotalWithNoMorePagesIsInconsistent() {
    // The first page says 5 members but has none and offers no next page.
    appliance.handler = request -> json(200, page(COLLECTION, null, 5, 0, List.of()));
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageContaining("listed 0 members but total 5 means 5");
    }
    assertThat(appliance.resourceRequests).hasSize(2);
  }

  @Test
  void consistentListingMakesExactlyTheRequestsItAlwaysMade() {
    IntStream.range(0, 10).forEach(members::add);
    serveMembers(n -> {});
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(2).build()) {
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 10));
      assertThat(requestedPages()).containsExactlyInAnyOrder(
          COLLECTION + " start=null count=null", COLLECTION + " start=4 count=4", COLLECTION + " start=8 count=4");
      assertThat(requestedPages().get(0)).isEqualTo(COLLECTION + " start=null count=null");

      appliance.resourceRequests.clear();
      // A window of the collection: total 10 from start 6 is 4 members.
      assertThat(ov.serverHardware().list(Query.builder().start(6).count(2).build()))
          .extracting(ServerHardware::uri).containsExactlyElementsOf(range(6, 10));
      assertThat(requestedPages()).containsExactly(COLLECTION + " start=6 count=2", COLLECTION + " start=8 count=2");
    }
  }
}
