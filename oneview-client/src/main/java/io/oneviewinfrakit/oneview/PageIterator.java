package io.oneviewinfrakit.oneview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The lazy, best-effort iterator behind {@link Pager#stream}: pages are fetched as it is consumed,
 * in waves of up to the pager's concurrency once the total is known, without seam checks. One
 * thread at a time.
 */
final class PageIterator<T> implements Iterator<T> {
  private final Pager pager;
  private final String collectionUri;
  private final Query query;
  private final Members<T> members;
  private final Deque<T> buffered = new ArrayDeque<>();
  private final Set<String> visited = new HashSet<>();
  private boolean started;
  private boolean done;
  // Sequential mode: the next page to follow. Parallel mode: total and page size are known.
  private String nextPageUri;
  private Long total;
  private int pageSize;
  private long nextStart;

  PageIterator(Pager pager, String collectionUri, Query query, Members<T> members) {
    this.pager = pager;
    this.collectionUri = collectionUri;
    this.query = query;
    this.members = members;
  }

  @Override
  public boolean hasNext() {
    while (buffered.isEmpty() && !done) fetchMore();
    return !buffered.isEmpty();
  }

  @Override
  public T next() {
    if (!hasNext()) throw new NoSuchElementException();
    return buffered.removeFirst();
  }

  private void fetchMore() {
    if (!started) {
      started = true;
      Page<T> first = pager.fetchNow(collectionUri, query, query.start() == 0 ? null : query.start(), query.count(),
          members);
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
      Page<T> page = pager.fetchNextNow(collectionUri, nextPageUri, members);
      visited.add(nextPageUri);
      if (page.uri() != null) visited.add(page.uri());
      buffered.addAll(page.members());
      followNext(page);
    }
  }

  private void followNext(Page<T> page) {
    String next = page.nextPageUri();
    if (next == null || next.isBlank() || next.equals(page.uri()) || visited.contains(next) || page.members().isEmpty()) {
      done = true;
    } else {
      nextPageUri = next;
    }
  }

  /** Fetches up to the pager's concurrency of pages at once and buffers them in order. */
  private void fetchWave() {
    List<Long> starts = new ArrayList<>();
    for (long s = nextStart; s < total && starts.size() < pager.concurrency(); s += pageSize) starts.add(s);
    if (starts.isEmpty()) {
      done = true;
      return;
    }
    List<CompletableFuture<Page<T>>> futures = new ArrayList<>();
    for (long s : starts) futures.add(pager.fetch(collectionUri, query, (int) s, pageSize, members));
    try {
      for (int i = 0; i < futures.size(); i++) {
        Page<T> page = Http.join(futures.get(i), "listing " + collectionUri);
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
