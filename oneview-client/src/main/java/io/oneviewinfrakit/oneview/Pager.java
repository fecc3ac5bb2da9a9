package io.oneviewinfrakit.oneview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams every member of a OneView collection, page by page, as the stream is consumed.
 *
 * <p>When the first page reports the collection's {@code total}, the remaining pages are requested
 * by {@code start}/{@code count} in waves of up to {@code concurrency} parallel requests, so a large
 * collection costs about one round trip per wave. Otherwise pages are followed one at a time through
 * {@code nextPageUri}, stopping when it is empty, repeats the current page, or was already visited.
 *
 * <p>Paging is stateless on the appliance (each page is {@code start}/{@code count} at request
 * time), so inserts and deletes between page requests shift later pages. {@link #stream} is
 * best-effort: such a change can make it skip or repeat members. {@link #list} is consistent or
 * fails: every page must report the first page's {@code total}, the members must number exactly
 * {@code total - start} when {@code total} is known, no member URI may appear twice, and no page may
 * come back empty before {@code total} is reached. When a pass breaks one of these rules the
 * collection changed while it was being listed; the whole listing is restarted once, and if the
 * second pass is inconsistent too a {@link OneViewException} says so. A consistent pass makes
 * exactly the requests {@link #stream} would.
 *
 * <p>Thread-safe; each stream must be consumed by one thread.
 */
final class Pager {
  private final OneViewApi api;
  private final ExecutorService executor;
  private final int concurrency;

  Pager(OneViewApi api, ExecutorService executor, int concurrency) {
    this.api = api;
    this.executor = executor;
    this.concurrency = concurrency;
  }

  /** Members as the pages arrive; best-effort, not a consistent snapshot (see the class comment). */
  <T> Stream<T> stream(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    Iterator<Map<String, Object>> members = new MemberIterator(collectionUri, query, false);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(members, Spliterator.ORDERED), false)
        .map(mapper);
  }

  /**
   * Every member, from one consistent pass over the collection.
   *
   * @throws OneViewException if two passes in a row found the collection changing under them.
   */
  <T> List<T> list(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    Inconsistent firstPass;
    try {
      return collect(collectionUri, query, mapper);
    } catch (Inconsistent e) {
      firstPass = e; // The collection changed while we paged; list it again from the start.
    }
    try {
      return collect(collectionUri, query, mapper);
    } catch (Inconsistent secondPass) {
      throw new OneViewException("Collection " + collectionUri + " changed while it was being listed, on two passes"
          + " in a row: " + firstPass.getMessage() + " (totals seen " + firstPass.totalsSeen + "); then "
          + secondPass.getMessage() + " (totals seen " + secondPass.totalsSeen + ")");
    }
  }

  private <T> List<T> collect(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    MemberIterator members = new MemberIterator(collectionUri, query, true);
    List<Map<String, Object>> all = new ArrayList<>();
    while (members.hasNext()) all.add(members.next());
    members.checkComplete(all.size());
    List<T> result = new ArrayList<>(all.size());
    for (Map<String, Object> member : all) result.add(mapper.apply(member));
    return Collections.unmodifiableList(result);
  }

  /** A pass over a collection saw it change; never escapes {@link #list}. */
  private static final class Inconsistent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<Long> totalsSeen;

    Inconsistent(String message, List<Long> totalsSeen) {
      super(message, null, false, false);
      this.totalsSeen = Collections.unmodifiableList(new ArrayList<>(totalsSeen)); // totals may be null
    }
  }

  /** One page as the appliance answered it. */
  private record Page(List<Map<String, Object>> members, String uri, String nextPageUri, Long total) {
    static Page of(Map<String, Object> json) {
      if (json == null) return new Page(List.of(), null, null, null);
      return new Page(Json.objects(json, "members"), Json.string(json, "uri"),
          Json.string(json, "nextPageUri"), Json.longValue(json, "total"));
    }
  }

  private final class MemberIterator implements Iterator<Map<String, Object>> {
    private final String collectionUri;
    private final Query query;
    private final List<String> filters;
    private final Deque<Map<String, Object>> buffered = new ArrayDeque<>();
    private final Set<String> visited = new HashSet<>();
    // Consistency checks, only when strict: a violation throws Inconsistent instead of ending quietly.
    private final boolean strict;
    private final Set<String> memberUris = new HashSet<>();
    private final List<Long> totalsSeen = new ArrayList<>();
    private Long firstTotal;
    private boolean started;
    private boolean done;
    // Sequential mode: the next page to follow. Parallel mode: total and page size are known.
    private String nextPageUri;
    private Long total;
    private int pageSize;
    private long nextStart;

    MemberIterator(String collectionUri, Query query, boolean strict) {
      this.collectionUri = collectionUri;
      this.query = query;
      this.strict = strict;
      List<String> parameters = new ArrayList<>();
      for (Filter filter : query.filters()) parameters.add(filter.parameter());
      this.filters = Collections.unmodifiableList(parameters);
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

    private void fetchMore() {
      if (!started) {
        started = true;
        Page first = Page.of(Http.body(api.list(collectionUri, filters, query.sort(),
            query.start() == 0 ? null : query.start(), query.count())));
        firstTotal = first.total();
        check(first, "the first page");
        buffered.addAll(first.members());
        if (first.uri() != null) visited.add(first.uri());
        long fetchedUpTo = query.start() + (long) first.members().size();
        if (first.total() != null && !first.members().isEmpty()) {
          if (fetchedUpTo >= first.total()) {
            done = true;
          } else {
            total = first.total();
            pageSize = first.members().size();
            nextStart = fetchedUpTo;
          }
        } else {
          followNext(first);
        }
        return;
      }
      if (total != null) {
        fetchWave();
      } else {
        Page page = Page.of(Http.body(api.get(nextPageUri)));
        check(page, "page " + nextPageUri);
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
      List<Future<Map<String, Object>>> futures = new ArrayList<>();
      for (long s : starts) {
        int start = (int) s;
        futures.add(executor.submit(() -> Http.body(api.list(collectionUri, filters, query.sort(), start, pageSize))));
      }
      try {
        for (int i = 0; i < futures.size(); i++) {
          Page page = Page.of(await(futures.get(i)));
          check(page, "the page at start=" + starts.get(i));
          buffered.addAll(page.members());
          long expected = Math.min(pageSize, total - starts.get(i));
          if (page.members().isEmpty()) {
            if (strict) {
              throw inconsistent("the page at start=" + starts.get(i) + " was empty before total " + total
                  + " was reached");
            }
            done = true; // The collection shrank since the first page.
            return;
          }
          if (page.members().size() < expected) {
            // A short page leaves a gap; later pages of this wave would skip it, so re-plan from here.
            nextStart = starts.get(i) + page.members().size();
            return;
          }
          nextStart = starts.get(i) + pageSize;
        }
        if (nextStart >= total) done = true;
      } finally {
        for (Future<?> future : futures) future.cancel(true);
      }
    }

    /** In strict mode: the page reports the first page's total and repeats no member seen before. */
    private void check(Page page, String which) {
      if (!strict) return;
      totalsSeen.add(page.total());
      if (!Objects.equals(page.total(), firstTotal)) {
        throw inconsistent(which + " reported total " + page.total() + " but the first page " + firstTotal);
      }
      for (Map<String, Object> member : page.members()) {
        String uri = Json.string(member, "uri");
        if (uri != null && !memberUris.add(uri)) throw inconsistent(which + " repeated member " + uri);
      }
    }

    /** In strict mode, once the pages ran out: exactly {@code total - start} members when total is known. */
    void checkComplete(int collected) {
      if (!strict || firstTotal == null) return;
      long expected = Math.max(0, firstTotal - query.start());
      if (collected != expected) {
        throw inconsistent("listed " + collected + " members but total " + firstTotal
            + (query.start() == 0 ? "" : " from start " + query.start()) + " means " + expected);
      }
    }

    private Inconsistent inconsistent(String message) {
      return new Inconsistent(message, totalsSeen);
    }

    private Map<String, Object> await(Future<Map<String, Object>> future) {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OneViewException("Interrupted while listing " + collectionUri, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) throw runtime;
        throw new OneViewException("Listing " + collectionUri + " failed: " + e.getCause(), e.getCause());
      }
    }
  }
}
