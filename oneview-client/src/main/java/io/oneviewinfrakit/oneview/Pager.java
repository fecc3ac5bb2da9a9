package io.oneviewinfrakit.oneview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lists the members of a OneView collection, page by page.
 *
 * <p>Paging is stateless on the appliance (each page is {@code start}/{@code count} at request
 * time), so members created or deleted while a collection is paged shift later pages. On a busy
 * appliance that is the normal state, not an error. {@link #list} therefore asks for pages that
 * overlap and checks every seam by identity: the next page must hold a member of the page before
 * it, and the listing continues after the last such member. In a stable order (the appliance's
 * default is creation time, oldest first, and so is the simulator's; a sort by a field that does
 * not change is stable too) every member after that one is in the next page or a later one,
 * whatever was created or deleted meanwhile, so a seam that holds proves nothing was skipped
 * there, and URIs are never listed twice. New members land at the end, so a growing collection
 * costs no re-reads: when the last page reports a larger total than was planned for, the pages
 * after it are read too, and members created while the listing ran are included as far as they were
 * seen. A seam that does not hold (more members deleted before it than the pages share) has the
 * pages to its left read again (one more page each time the same seam breaks again, doubling)
 * together with every page after it, in one wave, and from then on pages share a quarter of their
 * members. The result holds every member that existed during the whole listing exactly once, in the
 * appliance's order; members created or deleted meanwhile may or may not be in it. The listing fails
 * with a {@link OneViewException} only when {@value #MAX_ROUNDS} rounds of requests could not make
 * every seam hold.
 *
 * <p>Pages are sent on OkHttp's dispatcher (whose limits bound how many are in flight); no thread
 * waits for a page except the caller of the blocking {@link #list}, so listings may nest freely.
 * When the same collection and query were listed before, the last total and page size are
 * remembered and every page of the next listing is requested at once, without waiting for the
 * first page; the seams and the end are checked as always.
 *
 * <p>{@link #stream} is lazy and best-effort: pages are fetched as the stream is consumed, in waves
 * of up to {@code concurrency} pages, without the seam checks.
 *
 * <p>Thread-safe; each stream must be consumed by one thread.
 */
final class Pager {
  /** How many rounds of requests one listing may take before it gives up. */
  static final int MAX_ROUNDS = 16;
  private static final int MAX_REMEMBERED_SHAPES = 256;
  private static final int NO_STITCH = Integer.MIN_VALUE;

  private final OneViewApi api;
  private final int concurrency;
  private final java.util.function.BooleanSupplier closed;
  private final Map<ShapeKey, Shape> shapes = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ShapeKey, Shape> eldest) {
          return size() > MAX_REMEMBERED_SHAPES;
        }
      });

  Pager(OneViewApi api, int concurrency, java.util.function.BooleanSupplier closed) {
    this.api = api;
    this.concurrency = concurrency;
    this.closed = closed;
  }

  private void checkOpen() {
    if (closed.getAsBoolean()) throw new IllegalStateException("OneView client is closed");
  }

  /** Members as the pages arrive; best-effort, not a consistent snapshot (see the class comment). */
  <T> Stream<T> stream(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    checkOpen();
    Iterator<Map<String, Object>> members = new MemberIterator(collectionUri, query);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(members, Spliterator.ORDERED), false)
        .map(mapper);
  }

  /**
   * Every member, each once (see the class comment); blocks the calling thread only.
   *
   * @throws OneViewException if a page request failed or the collection could not be listed correctly.
   */
  <T> List<T> list(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    return Http.join(listAsync(collectionUri, query, mapper), "listing " + collectionUri);
  }

  /** {@link #list} without blocking: the future fails with the {@link OneViewException} list would throw. */
  <T> CompletableFuture<List<T>> listAsync(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    checkOpen();
    return new Listing(collectionUri, query).start().thenApply(members -> {
      List<T> result = new ArrayList<>(members.size());
      for (Map<String, Object> member : members) result.add(mapper.apply(member));
      return Collections.unmodifiableList(result);
    });
  }

  /** Forgets the remembered totals, so the next listings start with their first page again. */
  void forgetShapes() {
    shapes.clear();
  }

  /** What the last complete listing of a collection and query looked like. */
  private record Shape(long total, int pageSize) {}

  private record ShapeKey(String collectionUri, Query query) {}

  /** One page as the appliance answered it. */
  private record Page(long start, List<Map<String, Object>> members, String uri, String nextPageUri, Long total) {
    static Page of(long start, Map<String, Object> json) {
      if (json == null) return new Page(start, List.of(), null, null, null);
      return new Page(start, Json.objects(json, "members"), Json.string(json, "uri"),
          Json.string(json, "nextPageUri"), Json.longValue(json, "total"));
    }

    long end() {
      return start + members.size();
    }

    /** The URI of the member at absolute position {@code position}, or null if this page does not hold it. */
    String uriAt(long position) {
      long index = position - start;
      if (index < 0 || index >= members.size()) return null;
      return Json.string(members.get((int) index), "uri");
    }

    /** Whether this page's own answer says nothing follows it. */
    boolean reachesEnd() {
      return total != null && end() >= total;
    }
  }

  private static List<String> filterParameters(Query query) {
    List<String> parameters = new ArrayList<>();
    for (Filter filter : query.filters()) parameters.add(filter.parameter());
    return Collections.unmodifiableList(parameters);
  }

  /**
   * One {@link #list} call: a sequence of rounds, each a wave of page requests, until every seam
   * matches. Rounds run one after the other, so the fields need no locking (each round starts from
   * the completion of the previous one, which orders the memory accesses).
   */
  private final class Listing {
    private final String collectionUri;
    private final Query query;
    private final List<String> filters;
    private final ShapeKey key;
    private final NavigableMap<Long, Page> pages = new TreeMap<>();
    private final CompletableFuture<List<Map<String, Object>>> result = new CompletableFuture<>();
    private int pageSize;
    private int rounds;
    private long lastBrokenSeam = -1;
    private int back = 1;
    private String lastProblem;
    private boolean widened; // a seam broke: neighbouring pages share more members from now on

    Listing(String collectionUri, Query query) {
      this.collectionUri = collectionUri;
      this.query = query;
      this.filters = filterParameters(query);
      this.key = new ShapeKey(collectionUri, query);
    }

    CompletableFuture<List<Map<String, Object>>> start() {
      Shape known = shapes.get(key);
      if (known != null && known.pageSize() >= 2) {
        // Listed before: request every page now instead of waiting for the first one's total.
        pageSize = known.pageSize();
        fetchRound(plan(query.start(), known.total()), "planned from the last listing's total " + known.total());
        return result;
      }
      rounds++;
      Integer count = query.count();
      fetch(query.start(), count).whenComplete((first, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
          return;
        }
        if (first.total() == null) {
          new NextPageWalk(collectionUri, filters, query, result).accept(first);
          return;
        }
        pageSize = first.members().size(); // the appliance may answer fewer than count asks for
        pages.put(first.start(), first);
        evaluate();
      });
      return result;
    }

    /** Starts of pages of {@code pageSize} that overlap by {@link #overlap} members and cover [{@code from}, {@code total}). */
    private List<Long> plan(long from, long total) {
      List<Long> starts = new ArrayList<>();
      long step = Math.max(1, pageSize - overlap());
      long s = from;
      starts.add(s);
      while (s + pageSize < total) {
        s += step;
        starts.add(s);
      }
      return starts;
    }

    /** Members shared by neighbouring pages: one, or a quarter page once a seam has broken. */
    private int overlap() {
      if (pageSize < 2) return 0;
      return Math.max(1, Math.min(pageSize - 1, widened ? pageSize / 4 : 1));
    }

    private CompletableFuture<Page> fetch(long start, Integer count) {
      Integer startParameter = start == 0 && query.start() == 0 ? null : (int) start;
      return Http.bodyAsync(api.list(collectionUri, filters, query.sort(), startParameter, count))
          .thenApply(json -> Page.of(start, json));
    }

    private void fetchRound(List<Long> starts, String why) {
      rounds++;
      if (rounds > MAX_ROUNDS) {
        result.completeExceptionally(new OneViewException("Collection " + collectionUri + " kept changing while it"
            + " was being listed: " + MAX_ROUNDS + " rounds of page requests could not list it correctly; last: "
            + lastProblem));
        return;
      }
      List<CompletableFuture<Page>> futures = new ArrayList<>();
      for (long s : starts) futures.add(fetch(s, pageSize));
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
        if (failure != null) {
          for (CompletableFuture<Page> f : futures) f.cancel(true);
          result.completeExceptionally(Http.unwrap(failure, "listing " + collectionUri));
          return;
        }
        for (CompletableFuture<Page> f : futures) {
          Page page = f.join();
          pages.put(page.start(), page);
        }
        evaluate();
      });
    }

    /** Checks the seams and the end; either completes the listing or starts the next round. */
    private void evaluate() {
      try {
        dropPagesPastTheEnd();
        Page first = pages.firstEntry().getValue();
        if (first.members().isEmpty() && !first.reachesEnd()) {
          lastProblem = "the page at start=" + first.start() + " was empty before total " + first.total() + " was reached";
          fetchRound(List.of(first.start()), lastProblem);
          return;
        }
        Page previous = null;
        for (Page page : pages.values()) {
          if (previous != null && stitch(previous, page) == NO_STITCH) {
            long expected = previous.total() == null ? pageSize : Math.min(pageSize, previous.total() - previous.start());
            if (previous.members().size() < expected && previous.end() <= page.start()) {
              // A short page (the appliance answered fewer than asked): read what it left out.
              pageSize = Math.max(2, previous.members().size());
              lastProblem = "the page at start=" + previous.start() + " ended at " + previous.end() + ", short of "
                  + page.start();
              fetchRound(plan(Math.max(query.start(), previous.end() - overlap()), page.start() + overlap() + 1),
                  lastProblem);
              return;
            }
            lastProblem = "no member of the page at start=" + previous.start() + " (ending with "
                + previous.uriAt(previous.end() - 1) + ") was in the page at start=" + page.start()
                + " (starting with " + page.uriAt(page.start()) + "; totals " + previous.total() + " and "
                + page.total() + ")";
            rereadFrom(previous);
            return;
          }
          previous = page;
        }
        Page last = pages.lastEntry().getValue();
        if (last.total() != null && !last.reachesEnd()) {
          if (last.members().isEmpty()) {
            lastProblem = "the page at start=" + last.start() + " was empty before total " + last.total() + " was reached";
            rereadFrom(pages.lowerEntry(last.start()) == null ? last : pages.lowerEntry(last.start()).getValue());
            return;
          }
          // The collection grew (or the plan was short): read on from the last member seen.
          lastProblem = "the page at start=" + last.start() + " reported total " + last.total()
              + ", beyond position " + last.end();
          fetchRound(plan(last.end() - 1, last.total()), lastProblem);
          return;
        }
        complete(last);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }

    /** Pages past the collection's end (planned from a larger total) hold nothing and say so. */
    private void dropPagesPastTheEnd() {
      while (pages.size() > 1) {
        Page last = pages.lastEntry().getValue();
        if (!last.members().isEmpty() || last.total() == null || last.start() < last.total()) return;
        pages.pollLastEntry();
      }
    }

    /** The seam after {@code page} broke: read {@code back} pages up to it, and everything after it, again. */
    private void rereadFrom(Page page) {
      widened = true;
      if (page.start() <= lastBrokenSeam) {
        back = Math.min(back * 2, Math.max(1, pages.size()));
      } else {
        back = 1;
      }
      lastBrokenSeam = page.start();
      long from = page.start();
      Long key = page.start();
      for (int i = 1; i < back; i++) {
        Long lower = pages.lowerKey(key);
        if (lower == null) break;
        key = lower;
        from = lower;
      }
      long end = 0;
      for (Page p : pages.tailMap(from, true).values()) {
        end = Math.max(end, Math.max(p.end(), p.total() == null ? 0 : p.total()));
      }
      pages.tailMap(from, true).clear();
      fetchRound(plan(from, end), lastProblem);
    }

    /**
     * Where {@code next} continues {@code page}: the index in {@code next} of the last member of
     * {@code page} that {@code next} holds, or {@link #NO_STITCH} if it holds none. In a stable order every member
     * after that one, still there, is in {@code next} after it or in a later page, whatever was
     * created or deleted meanwhile. Pages of one member cannot share one; they continue each other
     * when they are adjacent and report the same total (then -1: all of {@code next} follows).
     */
    private int stitch(Page page, Page next) {
      if (page.members().isEmpty() || next.members().isEmpty()) return NO_STITCH;
      if (pageSize < 2) {
        return page.end() == next.start() && Objects.equals(page.total(), next.total()) ? -1 : NO_STITCH;
      }
      Map<String, Integer> indexInNext = new HashMap<>();
      for (int i = 0; i < next.members().size(); i++) {
        String uri = Json.string(next.members().get(i), "uri");
        if (uri != null) indexInNext.putIfAbsent(uri, i);
      }
      for (int i = page.members().size() - 1; i >= 0; i--) {
        Integer at = indexInNext.get(Json.string(page.members().get(i), "uri"));
        if (at != null) return at;
      }
      return NO_STITCH;
    }

    private void complete(Page last) {
      List<Map<String, Object>> members = new ArrayList<>();
      Set<String> uris = new HashSet<>();
      Page previous = null;
      for (Page page : pages.values()) {
        int from = previous == null ? 0 : stitch(previous, page) + 1;
        for (int i = from; i < page.members().size(); i++) {
          Map<String, Object> member = page.members().get(i);
          String uri = Json.string(member, "uri");
          if (uri == null || uris.add(uri)) members.add(member);
        }
        previous = page;
      }
      // Only a listing of several pages knows the appliance's page size (one page may just be all there was).
      if (pages.size() > 1 && pageSize >= 2 && last.total() != null) shapes.put(key, new Shape(last.total(), pageSize));
      result.complete(members);
    }
  }

  /**
   * Listing a collection whose pages report no total: follow {@code nextPageUri} one page at a
   * time. A member repeated across pages means the collection shifted; the walk restarts once, then
   * fails.
   */
  private final class NextPageWalk {
    private final String collectionUri;
    private final List<String> filters;
    private final Query query;
    private final CompletableFuture<List<Map<String, Object>>> result;
    private final List<Map<String, Object>> members = new ArrayList<>();
    private final Set<String> uris = new HashSet<>();
    private final Set<String> visited = new HashSet<>();
    private final boolean retried;

    NextPageWalk(String collectionUri, List<String> filters, Query query,
        CompletableFuture<List<Map<String, Object>>> result) {
      this(collectionUri, filters, query, result, false);
    }

    private NextPageWalk(String collectionUri, List<String> filters, Query query,
        CompletableFuture<List<Map<String, Object>>> result, boolean retried) {
      this.collectionUri = collectionUri;
      this.filters = filters;
      this.query = query;
      this.result = result;
      this.retried = retried;
    }

    void accept(Page page) {
      if (page.uri() != null) visited.add(page.uri());
      for (Map<String, Object> member : page.members()) {
        String uri = Json.string(member, "uri");
        if (uri != null && !uris.add(uri)) {
          String problem = (page.uri() == null ? "a page" : "page " + page.uri()) + " repeated member " + uri;
          if (retried) {
            result.completeExceptionally(new OneViewException("Collection " + collectionUri
                + " changed while it was being listed, on two passes in a row: " + problem));
          } else {
            NextPageWalk again = new NextPageWalk(collectionUri, filters, query, result, true);
            Http.bodyAsync(api.list(collectionUri, filters, query.sort(), query.start() == 0 ? null : query.start(),
                query.count())).whenComplete((json, failure) -> {
                  if (failure != null) result.completeExceptionally(failure);
                  else again.accept(Page.of(query.start(), json));
                });
          }
          return;
        }
        members.add(member);
      }
      String next = page.nextPageUri();
      if (next == null || next.isBlank() || next.equals(page.uri()) || visited.contains(next) || page.members().isEmpty()) {
        result.complete(members);
        return;
      }
      visited.add(next);
      Http.bodyAsync(api.get(next)).whenComplete((json, failure) -> {
        if (failure != null) result.completeExceptionally(failure);
        else accept(Page.of(0, json));
      });
    }
  }

  /** The lazy, best-effort iterator behind {@link #stream}. */
  private final class MemberIterator implements Iterator<Map<String, Object>> {
    private final String collectionUri;
    private final Query query;
    private final List<String> filters;
    private final Deque<Map<String, Object>> buffered = new ArrayDeque<>();
    private final Set<String> visited = new HashSet<>();
    private boolean started;
    private boolean done;
    // Sequential mode: the next page to follow. Parallel mode: total and page size are known.
    private String nextPageUri;
    private Long total;
    private int pageSize;
    private long nextStart;

    MemberIterator(String collectionUri, Query query) {
      this.collectionUri = collectionUri;
      this.query = query;
      this.filters = filterParameters(query);
    }

    @Override
    public boolean hasNext() {
      while (buffered.isEmpty() && !done) fetchMore();
      return !buffered.isEmpty();
    }

    @Override
    public Map<String, Object> next() {
      if (!hasNext()) throw new NoSuchElementException();
      return buffered.removeFirst();
    }

    private String what() {
      return "listing " + collectionUri;
    }

    private void fetchMore() {
      if (!started) {
        started = true;
        Page first = Page.of(query.start(), Http.body(api.list(collectionUri, filters, query.sort(),
            query.start() == 0 ? null : query.start(), query.count())));
        buffered.addAll(first.members());
        if (first.uri() != null) visited.add(first.uri());
        if (first.total() != null && !first.members().isEmpty()) {
          if (first.reachesEnd()) {
            done = true;
          } else {
            total = first.total();
            pageSize = first.members().size();
            nextStart = first.end();
          }
        } else {
          followNext(first);
        }
        return;
      }
      if (total != null) {
        fetchWave();
      } else {
        Page page = Page.of(0, Http.body(api.get(nextPageUri)));
        visited.add(nextPageUri);
        if (page.uri() != null) visited.add(page.uri());
        buffered.addAll(page.members());
        followNext(page);
      }
    }

    private void followNext(Page page) {
      String next = page.nextPageUri();
      if (next == null || next.isBlank() || next.equals(page.uri()) || visited.contains(next) || page.members().isEmpty()) {
        done = true;
      } else {
        nextPageUri = next;
      }
    }

    /** Fetches up to {@code concurrency} pages at once and buffers them in order. */
    private void fetchWave() {
      List<Long> starts = new ArrayList<>();
      for (long s = nextStart; s < total && starts.size() < concurrency; s += pageSize) starts.add(s);
      if (starts.isEmpty()) {
        done = true;
        return;
      }
      List<CompletableFuture<Map<String, Object>>> futures = new ArrayList<>();
      for (long s : starts) {
        futures.add(Http.bodyAsync(api.list(collectionUri, filters, query.sort(), (int) s, pageSize)));
      }
      try {
        for (int i = 0; i < futures.size(); i++) {
          Page page = Page.of(starts.get(i), Http.join(futures.get(i), what()));
          buffered.addAll(page.members());
          long expected = Math.min(pageSize, total - starts.get(i));
          if (page.members().isEmpty()) {
            done = true; // The collection shrank since the first page.
            return;
          }
          if (page.members().size() < expected) {
            // A short page leaves a gap; later pages of this wave would skip it, so re-plan from here.
            nextStart = page.end();
            return;
          }
          nextStart = starts.get(i) + pageSize;
        }
        if (nextStart >= total) done = true;
      } finally {
        for (CompletableFuture<?> future : futures) future.cancel(true);
      }
    }
  }
}
