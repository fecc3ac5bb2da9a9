package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.ResponseBody;

/**
 * Lists the members of a OneView collection, page by page.
 *
 * <p>Paging is stateless on the appliance (each page is {@code start}/{@code count} at request
 * time), so members created or deleted while a collection is paged shift later pages. On a busy
 * appliance that is the normal state, not an error. {@link #list} therefore asks (see {@link Listing}) for pages that
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
 * <p>Models are read straight from each page's JSON text by a {@link Members} (no intermediate
 * tree), except documents kept whole ({@link Members#DOCUMENTS}).
 *
 * <p>Thread-safe; each stream must be consumed by one thread.
 */
final class Pager {
  /** How many rounds of requests one listing may take before it gives up. */
  static final int MAX_ROUNDS = 16;
  private static final int MAX_REMEMBERED_SHAPES = 256;

  private final OneViewApi api;
  private final int concurrency;
  private final BooleanSupplier closed;
  private final Map<ShapeKey, Shape> shapes = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ShapeKey, Shape> eldest) {
          return size() > MAX_REMEMBERED_SHAPES;
        }
      });

  Pager(OneViewApi api, int concurrency, BooleanSupplier closed) {
    this.api = api;
    this.concurrency = concurrency;
    this.closed = closed;
  }

  private void checkOpen() {
    if (closed.getAsBoolean()) throw new IllegalStateException("OneView client is closed");
  }

  /** Members as the pages arrive; best-effort, not a consistent snapshot (see the class comment). */
  <T> Stream<T> stream(String collectionUri, Query query, Members<T> members) {
    checkOpen();
    Iterator<T> iterator = new PageIterator<>(this, collectionUri, query, members);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
  }

  /** {@link #stream} of whole documents, each mapped by {@code mapper}. */
  <T> Stream<T> stream(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    return stream(collectionUri, query, Members.DOCUMENTS).map(mapper);
  }

  /**
   * Every member, each once (see the class comment); blocks the calling thread only.
   *
   * @throws OneViewException if a page request failed or the collection could not be listed correctly.
   */
  <T> List<T> list(String collectionUri, Query query, Members<T> members) {
    return Http.join(listAsync(collectionUri, query, members), "listing " + collectionUri);
  }

  /** {@link #list} of whole documents, each mapped by {@code mapper}. */
  <T> List<T> list(String collectionUri, Query query, Function<Map<String, Object>, T> mapper) {
    return Http.join(listAsync(collectionUri, query, mapper), "listing " + collectionUri);
  }

  /** {@link #list} without blocking: the future fails with the {@link OneViewException} list would throw. */
  <T> CompletableFuture<List<T>> listAsync(String collectionUri, Query query, Members<T> members) {
    checkOpen();
    return new Listing<>(this, collectionUri, query, members).start();
  }

  /** {@link #listAsync} of whole documents, each mapped by {@code mapper}. */
  <T> CompletableFuture<List<T>> listAsync(String collectionUri, Query query,
      Function<Map<String, Object>, T> mapper) {
    return listAsync(collectionUri, query, Members.DOCUMENTS).thenApply(documents -> {
      List<T> result = new ArrayList<>(documents.size());
      for (Map<String, Object> document : documents) result.add(mapper.apply(document));
      return Collections.unmodifiableList(result);
    });
  }

  /** Forgets the remembered totals, so the next listings start with their first page again. */
  void forgetShapes() {
    shapes.clear();
  }

  int concurrency() {
    return concurrency;
  }

  /** How the last complete listing of {@code key} looked, or null. */
  Shape shape(ShapeKey key) {
    return shapes.get(key);
  }

  void remember(ShapeKey key, Shape shape) {
    shapes.put(key, shape);
  }

  /** The page at {@code start} (null: the collection's own first page) of {@code count} (null: the appliance's default). */
  <T> CompletableFuture<Page<T>> fetch(String collectionUri, Query query, Integer start, Integer count,
      Members<T> members) {
    long position = start == null ? 0 : start;
    return Http.bodyAsync(api.list(collectionUri, filterParameters(query), query.sort(), start, count))
        .thenApply(body -> Page.read(position, body, members, collectionUri));
  }

  /** The page at {@code pageUri}, a page's {@code nextPageUri}. */
  <T> CompletableFuture<Page<T>> fetchNext(String collectionUri, String pageUri, Members<T> members) {
    return Http.bodyAsync(api.page(pageUri)).thenApply(body -> Page.read(0, body, members, collectionUri));
  }

  /** {@link #fetch} on the calling thread. */
  <T> Page<T> fetchNow(String collectionUri, Query query, Integer start, Integer count, Members<T> members) {
    ResponseBody body = Http.body(api.list(collectionUri, filterParameters(query), query.sort(), start, count));
    return Page.read(start == null ? 0 : start, body, members, collectionUri);
  }

  /** {@link #fetchNext} on the calling thread. */
  <T> Page<T> fetchNextNow(String collectionUri, String pageUri, Members<T> members) {
    return Page.read(0, Http.body(api.page(pageUri)), members, collectionUri);
  }

  private static List<String> filterParameters(Query query) {
    List<String> parameters = new ArrayList<>();
    for (Filter filter : query.filters()) parameters.add(filter.parameter());
    return Collections.unmodifiableList(parameters);
  }

  /**
   * What the last complete listing of a collection and query looked like: its total, the page size
   * the appliance answered, and whether pages may ask beyond it (the appliance answered such counts
   * in full, or was not asked yet).
   */
  record Shape(long total, int pageSize, boolean askBeyond) {}

  record ShapeKey(String collectionUri, Query query) {}
}
