package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Listing a collection whose pages report no total: follow {@code nextPageUri} one page at a time.
 * A member repeated across pages means the collection shifted; the walk restarts once, then fails.
 */
final class NextPageWalk<T> {
  private final Pager pager;
  private final String collectionUri;
  private final Query query;
  private final Members<T> members;
  private final CompletableFuture<List<T>> result;
  private final List<T> listed = new ArrayList<>();
  private final Set<String> uris = new HashSet<>();
  private final Set<String> visited = new HashSet<>();
  private final boolean retried;

  NextPageWalk(Pager pager, String collectionUri, Query query, Members<T> members, CompletableFuture<List<T>> result) {
    this(pager, collectionUri, query, members, result, false);
  }

  private NextPageWalk(Pager pager, String collectionUri, Query query, Members<T> members,
      CompletableFuture<List<T>> result, boolean retried) {
    this.pager = pager;
    this.collectionUri = collectionUri;
    this.query = query;
    this.members = members;
    this.result = result;
    this.retried = retried;
  }

  void accept(Page<T> page) {
    if (page.uri() != null) visited.add(page.uri());
    for (int i = 0; i < page.members().size(); i++) {
      String uri = page.uris().get(i);
      if (uri != null && !uris.add(uri)) {
        String problem = (page.uri() == null ? "a page" : "page " + page.uri()) + " repeated member " + uri;
        if (retried) {
          result.completeExceptionally(new OneViewException("Collection " + collectionUri
              + " changed while it was being listed, on two passes in a row: " + problem));
        } else {
          NextPageWalk<T> again = new NextPageWalk<>(pager, collectionUri, query, members, result, true);
          pager.fetch(collectionUri, query, query.start() == 0 ? null : query.start(), query.count(), members)
              .whenComplete((first, failure) -> {
                if (failure != null) result.completeExceptionally(failure);
                else again.accept(first);
              });
        }
        return;
      }
      listed.add(page.members().get(i));
    }
    String next = page.nextPageUri();
    if (next == null || next.isBlank() || next.equals(page.uri()) || visited.contains(next) || page.members().isEmpty()) {
      result.complete(Collections.unmodifiableList(listed));
      return;
    }
    visited.add(next);
    pager.fetchNext(collectionUri, next, members).whenComplete((following, failure) -> {
      if (failure != null) result.completeExceptionally(failure);
      else accept(following);
    });
  }
}
