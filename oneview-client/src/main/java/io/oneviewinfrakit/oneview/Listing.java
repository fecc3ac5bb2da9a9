package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link Pager#list} call: a sequence of rounds, each a wave of page requests, until every seam
 * matches. Rounds run one after the other, so the fields need no locking (each round starts from
 * the completion of the previous one, which orders the memory accesses).
 */
final class Listing<T> {
  private static final int NO_STITCH = Integer.MIN_VALUE;

  private final Pager pager;
  private final String collectionUri;
  private final Query query;
  private final Members<T> members;
  private final Pager.ShapeKey key;
  private final NavigableMap<Long, Page<T>> pages = new TreeMap<>();
  private final CompletableFuture<List<T>> result = new CompletableFuture<>();
  private int pageSize;
  // Whether pages ask for their overlap beyond the page size (count = size + overlap, one page per
  // size): as many requests as pages without overlap, so a listing of 2,000 servers in pages of 32
  // fits one wave of 63 requests. Off for appliances that answered such a count short.
  private boolean askBeyond;
  // What the next listing is told: ask beyond, unless an appliance has answered such a count short.
  private boolean rememberBeyond = true;
  private int rounds;
  private long lastBrokenSeam = -1;
  private int back = 1;
  private String lastProblem;
  private boolean widened; // a seam broke: neighbouring pages share more members from now on

  Listing(Pager pager, String collectionUri, Query query, Members<T> members) {
    this.pager = pager;
    this.collectionUri = collectionUri;
    this.query = query;
    this.members = members;
    this.key = new Pager.ShapeKey(collectionUri, query);
  }

  CompletableFuture<List<T>> start() {
    Pager.Shape known = pager.shape(key);
    if (known != null && known.pageSize() >= 2) {
      // Listed before: request every page now instead of waiting for the first one's total.
      pageSize = known.pageSize();
      askBeyond = known.askBeyond();
      rememberBeyond = known.askBeyond();
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
        new NextPageWalk<>(pager, collectionUri, query, members, result).accept(first);
        return;
      }
      pageSize = first.members().size(); // the appliance may answer fewer than count asks for
      pages.put(first.start(), first);
      evaluate();
    });
    return result;
  }

  /** Starts of pages of {@link #count} that overlap by {@link #overlap} members and cover [{@code from}, {@code total}). */
  private List<Long> plan(long from, long total) {
    List<Long> starts = new ArrayList<>();
    long step = Math.max(1, count() - overlap());
    long s = from;
    starts.add(s);
    while (s + count() < total) {
      s += step;
      starts.add(s);
    }
    return starts;
  }

  /** How many members each page asks for. */
  private int count() {
    return askBeyond ? pageSize + overlap() : pageSize;
  }

  /** Members shared by neighbouring pages: one, or a quarter page once a seam has broken. */
  private int overlap() {
    if (pageSize < 2) return 0;
    return Math.max(1, Math.min(pageSize - 1, widened ? pageSize / 4 : 1));
  }

  private CompletableFuture<Page<T>> fetch(long start, Integer count) {
    Integer startParameter = start == 0 && query.start() == 0 ? null : (int) start;
    return pager.fetch(collectionUri, query, startParameter, count, members);
  }

  private void fetchRound(List<Long> starts, String why) {
    rounds++;
    if (rounds > Pager.MAX_ROUNDS) {
      result.completeExceptionally(new OneViewException("Collection " + collectionUri + " kept changing while it"
          + " was being listed: " + Pager.MAX_ROUNDS + " rounds of page requests could not list it correctly; last: "
          + lastProblem));
      return;
    }
    List<CompletableFuture<Page<T>>> futures = new ArrayList<>();
    for (long s : starts) futures.add(fetch(s, count()));
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
      if (failure != null) {
        for (CompletableFuture<Page<T>> f : futures) f.cancel(true);
        result.completeExceptionally(Http.unwrap(failure, "listing " + collectionUri));
        return;
      }
      for (CompletableFuture<Page<T>> f : futures) {
        Page<T> page = f.join();
        pages.put(page.start(), page);
      }
      evaluate();
    });
  }

  /** Checks the seams and the end; either completes the listing or starts the next round. */
  private void evaluate() {
    try {
      dropPagesPastTheEnd();
      Page<T> first = pages.firstEntry().getValue();
      if (first.members().isEmpty() && !first.reachesEnd()) {
        lastProblem = "the page at start=" + first.start() + " was empty before total " + first.total() + " was reached";
        fetchRound(List.of(first.start()), lastProblem);
        return;
      }
      Page<T> previous = null;
      for (Page<T> page : pages.values()) {
        if (previous != null && stitch(previous, page) == NO_STITCH) {
          long expected = previous.total() == null ? count() : Math.min(count(), previous.total() - previous.start());
          if (previous.members().size() < expected && previous.end() <= page.start()) {
            // A short page (the appliance answered fewer than asked): read what it left out.
            lastProblem = "the page at start=" + previous.start() + " ended at " + previous.end() + ", short of "
                + page.start();
            pageSize = Math.max(2, previous.members().size());
            if (askBeyond) {
              // The appliance caps the count, so every later page is short too: plan them all again
              // in pages of what it answered, once, and remember not to ask beyond it.
              askBeyond = false;
              rememberBeyond = false;
              long end = endOf(pages.tailMap(previous.start(), false).values());
              pages.tailMap(previous.start(), false).clear();
              fetchRound(plan(Math.max(query.start(), previous.end() - overlap()), end), lastProblem);
              return;
            }
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
      Page<T> last = pages.lastEntry().getValue();
      if (last.total() != null && !last.reachesEnd()) {
        if (last.members().isEmpty()) {
          lastProblem = "the page at start=" + last.start() + " was empty before total " + last.total() + " was reached";
          rereadFrom(pages.lowerEntry(last.start()) == null ? last : pages.lowerEntry(last.start()).getValue());
          return;
        }
        // The collection grew (or the plan was short): read on from the last member seen.
        lastProblem = "the page at start=" + last.start() + " reported total " + last.total()
            + ", beyond position " + last.end();
        if (askBeyond && last.members().size() < Math.min(count(), last.total() - last.start())) {
          // Asked beyond the page size and answered short: the appliance caps the count.
          pageSize = Math.max(2, last.members().size());
          askBeyond = false;
          rememberBeyond = false;
        }
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
      Page<T> last = pages.lastEntry().getValue();
      if (!last.members().isEmpty() || last.total() == null || last.start() < last.total()) return;
      pages.pollLastEntry();
    }
  }

  /** The seam after {@code page} broke: read {@code back} pages up to it, and everything after it, again. */
  private void rereadFrom(Page<T> page) {
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
    long end = endOf(pages.tailMap(from, true).values());
    pages.tailMap(from, true).clear();
    fetchRound(plan(from, end), lastProblem);
  }

  /** The furthest position {@code pages} reach or report as their total. */
  private static long endOf(Iterable<? extends Page<?>> pages) {
    long end = 0;
    for (Page<?> p : pages) {
      end = Math.max(end, Math.max(p.end(), p.total() == null ? 0 : p.total()));
    }
    return end;
  }

  /**
   * Where {@code next} continues {@code page}: the index in {@code next} of the last member of
   * {@code page} that {@code next} holds, or {@link #NO_STITCH} if it holds none. In a stable order every member
   * after that one, still there, is in {@code next} after it or in a later page, whatever was
   * created or deleted meanwhile. Pages of one member cannot share one; they continue each other
   * when they are adjacent and report the same total (then -1: all of {@code next} follows).
   */
  private int stitch(Page<T> page, Page<T> next) {
    if (page.members().isEmpty() || next.members().isEmpty()) return NO_STITCH;
    if (pageSize < 2) {
      return page.end() == next.start() && Objects.equals(page.total(), next.total()) ? -1 : NO_STITCH;
    }
    Map<String, Integer> indexInNext = new HashMap<>();
    for (int i = 0; i < next.uris().size(); i++) {
      String uri = next.uris().get(i);
      if (uri != null) indexInNext.putIfAbsent(uri, i);
    }
    for (int i = page.uris().size() - 1; i >= 0; i--) {
      String uri = page.uris().get(i);
      Integer at = uri == null ? null : indexInNext.get(uri);
      if (at != null) return at;
    }
    return NO_STITCH;
  }

  private void complete(Page<T> last) {
    List<T> listed = new ArrayList<>();
    Set<String> uris = new HashSet<>();
    Page<T> previous = null;
    for (Page<T> page : pages.values()) {
      int from = previous == null ? 0 : stitch(previous, page) + 1;
      for (int i = from; i < page.members().size(); i++) {
        String uri = page.uris().get(i);
        if (uri == null || uris.add(uri)) listed.add(page.members().get(i));
      }
      previous = page;
    }
    // Only a listing of several pages knows the appliance's page size (one page may just be all there was).
    if (pages.size() > 1 && pageSize >= 2 && last.total() != null) {
      // The next listing asks beyond the page size unless this one found that the appliance caps it.
      pager.remember(key, new Pager.Shape(last.total(), pageSize, rememberBeyond));
    }
    result.complete(Collections.unmodifiableList(listed));
  }
}
