package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads of stored documents as the appliance answers them: one document (with its eTag and
 * If-None-Match), or a collection page (filters, scopes, paging, projection, the collection
 * envelope). Profiles still inside their listing lag are left out. Call under the lock.
 */
final class Listings {
  private final Appliance a;

  Listings(Appliance a) {
    this.a = a;
  }

  /** GET of a collection or of one of its members; nothing else. */
  ApiResponse readOnly(ApiRequest r, String m, String[] seg, Store store, int version) {
    Router.requireMethod(m, "GET");
    if (seg.length == 2) {
      return list(r, store, version);
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    return single(r, find(store, "/rest/" + seg[1] + "/" + seg[2]), store.category, version);
  }

  static Map<String, Object> find(Store store, String uri) {
    Map<String, Object> doc = store.get(uri);
    if (doc == null) {
      throw SimulatorException.notFound(uri);
    }
    return doc;
  }

  ApiResponse single(ApiRequest r, Map<String, Object> doc, String category, int version) {
    String eTag = (String) doc.get("eTag");
    String ifNoneMatch = r.header("If-None-Match");
    if (ifNoneMatch != null && eTag != null && ETags.unquote(ifNoneMatch).equals(eTag)) {
      return ApiResponse.text(304, Map.of("ETag", eTag), null);
    }
    Map<String, String> headers = eTag == null ? Map.of() : Map.of("ETag", eTag);
    return ApiResponse.snapshot(200, Documents.snapshot(doc, category, version), headers);
  }

  ApiResponse list(ApiRequest r, Store store, int version) {
    CollectionQuery q = CollectionQuery.parse(r.query());
    String name = q.exactName();
    Iterable<Map<String, Object>> candidates = name != null ? store.named(name) : store.all();
    if (store == a.profileStore()) {
      List<Map<String, Object>> shown = new ArrayList<>();
      candidates.forEach(p -> {
        if (a.profileState().visible(p)) {
          shown.add(p);
        }
      });
      candidates = shown;
    }
    return page(r, q, store.category, candidates, store.pageCap, version);
  }

  ApiResponse page(ApiRequest r, CollectionQuery q, String category,
      Iterable<Map<String, Object>> candidates, int cap, int version) {
    if (!q.scopeUris().isEmpty()) {
      List<Map<String, Object>> inScope = new ArrayList<>();
      for (Map<String, Object> d : candidates) {
        if (a.scopes.inAny((String) d.get("uri"), q.scopeUris())) {
          inScope.add(d);
        }
      }
      candidates = inScope;
    }
    CollectionQuery.Page page = q.page(candidates, cap);
    List<Object> members = new ArrayList<>(page.members().size());
    for (Map<String, Object> d : page.members()) {
      members.add(q.project(Documents.snapshot(d, category, version)));
    }
    // A collection's own eTag is the time of the listing, as appliances write it
    // ("2016-06-01T17:22:51.521Z" in the oneview-sdk-java and python-oneviewclient fixtures).
    String now = Ids.timestamp(a.clock().instant());
    return ApiResponse.snapshot(200, q.envelope(r.path(), ApiVersions.collectionType(category, version),
        category, page, members, now, now, now), Map.of());
  }
}
