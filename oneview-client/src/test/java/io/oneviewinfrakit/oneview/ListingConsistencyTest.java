package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code list()} converges on a correct listing while the collection changes (OneView's paging is
 * stateless, so a change between page requests shifts later pages), and fails only when it cannot:
 * pages overlap by one member and every seam is checked.
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

  /** As an appliance: pages of CAP without a count, an explicit count honoured. */
  private static int count(RecordedRequest request) {
    String count = request.getRequestUrl().queryParameter("count");
    return count == null ? CAP : Integer.parseInt(count);
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

  /** Serves {@link #members} as an appliance that answers at most {@code cap} per page, whatever the count. */
  private void serveMembersCappedAt(int cap) {
    appliance.handler = request -> {
      int start = start(request);
      int total = members.size();
      List<Integer> ids = members.subList(Math.min(start, total), Math.min(total, start + Math.min(cap, count(request))));
      return json(200, page(COLLECTION + "?start=" + start, null, total, start, ids));
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
  void deleteBeforeAPageIsCaughtAtTheSeamAndOnlyTheShiftedPagesAreReadAgain() {
    IntStream.range(0, 10).forEach(members::add);
    // Member 1 is deleted right after the first page: later pages shift left by one.
    serveMembers(n -> {
      if (n == 1) members.remove(Integer.valueOf(1));
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      // Without the seam check member 4 would be skipped; the re-read pages hold all nine that remain.
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri)
          .containsExactlyElementsOf(uris(0, 2, 3, 4, 5, 6, 7, 8, 9));
    }
    assertThat(requestedPages()).containsExactly(
        COLLECTION + " start=null count=null", COLLECTION + " start=3 count=4", COLLECTION + " start=6 count=4",
        // the seam at position 3 broke (3 before, 4 after): the page before it and the rest again
        COLLECTION + " start=null count=4", COLLECTION + " start=3 count=4", COLLECTION + " start=6 count=4");
  }

  @Test
  void membersCreatedWhileListingAreIncludedWithoutReadingAnyPageTwice() {
    IntStream.range(0, 10).forEach(members::add);
    // Creation order (the appliance's default): every page request is followed by two new members at the end.
    AtomicInteger next = new AtomicInteger(100);
    serveMembers(n -> {
      members.add(next.getAndIncrement());
      members.add(next.getAndIncrement());
    });
    List<String> listed;
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      listed = ov.serverHardware().list().stream().map(ServerHardware::uri).toList();
    }
    assertThat(listed).doesNotHaveDuplicates().startsWith(range(0, 10).toArray(String[]::new));
    assertThat(listed.subList(10, listed.size())).isNotEmpty()
        .containsExactlyElementsOf(IntStream.range(100, 100 + listed.size() - 10).mapToObj(i -> "/rest/server-hardware/" + i).toList());
    // Every request read a new range: the growth cost extra pages at the end, no re-reads.
    assertThat(requestedPages()).doesNotHaveDuplicates();
  }

  @Test
  void insertAtTheFrontIsStitchedByTheSharedMemberWithoutRepeatingOrReReading() {
    IntStream.range(0, 10).forEach(members::add);
    // After the first page a member is inserted at the front and the last deleted: total stays 10, but
    // member 3 moves to index 4 and would be listed twice by position. The next page still holds
    // member 3 (the first page's last), so it continues after it.
    serveMembers(n -> {
      if (n == 1) {
        members.add(0, 100);
        members.remove(Integer.valueOf(9));
      }
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      // 100 was created and 9 deleted during the listing: either may be missing; the rest is exact.
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri)
          .containsExactlyElementsOf(uris(0, 1, 2, 3, 4, 5, 6, 7, 8));
    }
    assertThat(appliance.resourceRequests).hasSize(3);
  }

  @Test
  void deletesDuringAConcurrentWaveConverge() {
    IntStream.range(0, 40).forEach(members::add);
    // Every one of the first five requests deletes the lowest member: pages of one wave see different states.
    serveMembers(n -> {
      if (n <= 5) members.remove(0);
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(4).build()) {
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).doesNotHaveDuplicates()
          .containsSubsequence(range(5, 40));
    }
  }

  @Test
  void aCollectionThatNeverSettlesFailsNamingTheCollectionNeverShort() {
    IntStream.range(0, 10).forEach(members::add);
    // Every request is followed by a delete at the front: no two pages ever agree.
    AtomicInteger next = new AtomicInteger(100);
    serveMembers(n -> {
      members.remove(0);
      members.add(next.getAndIncrement());
    });
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageStartingWith("Collection /rest/server-hardware kept changing while it was being listed: "
              + Pager.MAX_ROUNDS + " rounds of page requests could not list it correctly; last: no member of the page at start=");
    }
  }

  @Test
  void emptyPageBeforeTotalIsReachedIsReadAgainThenFailsNeverShort() {
    IntStream.range(0, 10).forEach(members::add);
    appliance.handler = request -> {
      int start = start(request);
      // The appliance keeps reporting 10 members but never serves anything from index 8 on.
      List<Integer> ids = members.subList(Math.min(start, 8), Math.min(8, start + count(request)));
      return json(200, page(COLLECTION + "?start=" + start, null, 10, start, ids));
    };
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      assertThatThrownBy(() -> ov.serverHardware().list())
          .isInstanceOf(OneViewException.class)
          .hasMessageStartingWith("Collection /rest/server-hardware kept changing while it was being listed")
          .hasMessageContaining("the page at start=7 reported total 10, beyond position 8");
      // The lazy stream stays best-effort: it ends where the pages end.
      assertThat(ov.serverHardware().stream(Query.all()).count()).isEqualTo(8);
    }
  }

  @Test
  void emptyPageOnceIsHealedByReadingItAgain() {
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
  void consistentListingReadsEachOverlappingPageOnce() {
    IntStream.range(0, 10).forEach(members::add);
    serveMembers(n -> {});
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(2).build()) {
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 10));
      // The first page alone, then the rest together (in any order).
      assertThat(requestedPages().get(0)).isEqualTo(COLLECTION + " start=null count=null");
      assertThat(requestedPages()).containsExactlyInAnyOrder(
          COLLECTION + " start=null count=null", COLLECTION + " start=3 count=4", COLLECTION + " start=6 count=4");

      appliance.resourceRequests.clear();
      // A window of the collection: total 10 from start 6 is 4 members.
      assertThat(ov.serverHardware().list(Query.builder().start(6).count(2).build()))
          .extracting(ServerHardware::uri).containsExactlyElementsOf(range(6, 10));
      assertThat(requestedPages().get(0)).isEqualTo(COLLECTION + " start=6 count=2");
      assertThat(requestedPages()).containsExactlyInAnyOrder(COLLECTION + " start=6 count=2",
          COLLECTION + " start=7 count=2", COLLECTION + " start=8 count=2");
    }
  }

  @Test
  void aSecondListingRequestsEveryPageAtOnceWithoutWaitingForTheFirst() throws Exception {
    IntStream.range(0, 10).forEach(members::add);
    serveMembers(n -> {});
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(4).build()) {
      ov.serverHardware().list();
      appliance.resourceRequests.clear();
      // The first page answers only once the other pages have arrived: a listing that waited for
      // the first page's total would never send them (and the latch would time out).
      CountDownLatch others = new CountDownLatch(2);
      appliance.handler = request -> {
        int start = start(request);
        if (start == 0) {
          try {
            assertThat(others.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        } else {
          others.countDown();
        }
        List<Integer> ids = members.subList(start, Math.min(10, start + count(request)));
        return json(200, page(COLLECTION + "?start=" + start, null, 10, start, ids));
      };
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 10));
      assertThat(others.getCount()).isZero();
      // Pages of the size the appliance answered (4), each asking one member more to overlap the next.
      assertThat(requestedPages()).containsExactlyInAnyOrder(
          COLLECTION + " start=null count=5", COLLECTION + " start=4 count=5", COLLECTION + " start=8 count=5");
    }
  }

  @Test
  void aSecondListingNeedsNoMoreRequestsThanPagesBecauseEachAsksOneMemberBeyondThePageSize() {
    IntStream.range(0, 12).forEach(members::add);
    serveMembers(n -> {});
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(8).build()) {
      ov.serverHardware().list(); // first page of 4 (the appliance's default), then overlapping pages of 4
      appliance.resourceRequests.clear();
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 12));
      assertThat(requestedPages()).containsExactlyInAnyOrder(
          COLLECTION + " start=null count=5", COLLECTION + " start=4 count=5", COLLECTION + " start=8 count=5");
    }
  }

  @Test
  void anApplianceThatCapsTheCountIsListedCorrectlyAndThenAskedOnlyForWhatItAnswers() {
    IntStream.range(0, 12).forEach(members::add);
    serveMembersCappedAt(4);
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(8).build()) {
      ov.serverHardware().list();
      appliance.resourceRequests.clear();
      // Asked for 5, answered 4: every seam is short, so the rest is planned again once, in pages of 4.
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 12));
      for (int listing = 3; listing <= 4; listing++) { // remembered, not re-learnt every other listing
        appliance.resourceRequests.clear();
        assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 12));
        assertThat(requestedPages()).as("listing %d", listing).containsExactlyInAnyOrder(COLLECTION + " start=null count=4",
            COLLECTION + " start=3 count=4", COLLECTION + " start=6 count=4", COLLECTION + " start=9 count=4");
      }
    }
  }

  @Test
  void aCapSeenOnlyOnTheLastPageIsRememberedToo() {
    IntStream.range(0, 5).forEach(members::add);
    serveMembersCappedAt(4);
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(8).build()) {
      ov.serverHardware().list();
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 5));
      appliance.resourceRequests.clear();
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 5));
      assertThat(requestedPages()).containsExactlyInAnyOrder(
          COLLECTION + " start=null count=4", COLLECTION + " start=3 count=4");
    }
  }

  @Test
  void aSecondListingOfAGrownCollectionReadsOnAndOfAShrunkOneDropsTheEmptyPages() {
    IntStream.range(0, 10).forEach(members::add);
    serveMembers(n -> {});
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(4).build()) {
      ov.serverHardware().list();
      IntStream.range(10, 14).forEach(members::add);
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 14));
      IntStream.range(0, 9).forEach(i -> members.remove(members.size() - 1));
      assertThat(ov.serverHardware().list()).extracting(ServerHardware::uri).containsExactlyElementsOf(range(0, 5));
    }
  }

  @Test
  void listingsNestedInsideListingCallbacksDoNotDeadlockOnTheBoundedPool() throws Exception {
    IntStream.range(0, 40).forEach(members::add);
    serveMembers(n -> {});
    // One HTTP thread: a listing that held a thread while waiting for its pages would starve the
    // listing nested in it. The nested listings run inside the outer listing's completion stage.
    try (OneView ov = FakeAppliance.builder(server).listConcurrency(1).build()) {
      Pager pager = ov.pager();
      List<Integer> sizes = pager.listAsync(COLLECTION, Query.all(), m -> m)
          .thenCompose(outer -> pager.listAsync(COLLECTION, Query.builder().count(8).build(), m -> m)
              .thenApply(inner -> List.of(outer.size(), inner.size())))
          .get(30, TimeUnit.SECONDS);
      assertThat(sizes).containsExactly(40, 40);
      // The pool never grew past its bound of one thread, however many pages were in the air.
      assertThat(ov.largestHttpThreadCount()).isEqualTo(1);
    }
  }
}
