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

  <T> Stream<T> stream(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    Iterator<Map<String, Object>> members = new MemberIterator(collectionUri, query);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(members, Spliterator.ORDERED), false)
        .map(mapper);
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
          buffered.addAll(page.members());
          long expected = Math.min(pageSize, total - starts.get(i));
          if (page.members().isEmpty()) {
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
