package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The read operations every named OneView collection shares: list, stream, get by URI and find by
 * exact name. Thread-safe.
 */
final class ResourceReader<T> {
  private final OneViewApi api;
  private final Pager pager;
  private final String collection;
  private final Function<Map<String, Object>, T> mapper;
  private final Function<T, String> name;

  ResourceReader(OneViewApi api, Pager pager, String collection, Function<Map<String, Object>, T> mapper,
      Function<T, String> name) {
    this.api = api;
    this.pager = pager;
    this.collection = collection;
    this.mapper = mapper;
    this.name = name;
  }

  /** Every member, from a consistent pass (see {@link Pager#list}); throws rather than return a short list. */
  List<T> list(Query query) {
    Objects.requireNonNull(query, "query == null");
    return pager.list(collection, query, mapper);
  }

  Stream<T> stream(Query query) {
    Objects.requireNonNull(query, "query == null");
    return pager.stream(collection, query, mapper);
  }

  T get(String uri) {
    return mapper.apply(Http.body(api.get(Uris.check(uri, "uri"))));
  }

  Optional<T> findByName(String wanted) {
    Objects.requireNonNull(wanted, "name == null");
    Query query;
    try {
      query = Query.builder().filter(Filter.seq("name", wanted)).build();
    } catch (IllegalArgumentException quoteInName) {
      query = Query.all(); // OneView cannot filter on such a name; compare every member instead.
    }
    // Compare again locally: appliances have answered filters inexactly, and the match must be exact.
    try (Stream<T> stream = stream(query)) {
      return stream.filter(member -> wanted.equals(name.apply(member))).findFirst();
    }
  }
}
