package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The reads every typed collection shares: list, stream, get by URI and find by exact name, each
 * member decoded into {@code T} by the model's one decoding function. A thin layer over the
 * collection's {@link ResourceClient}, which {@link #resources()} exposes for what the typed
 * client lacks.
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 *
 * @param <T> the model, such as {@link Enclosure}.
 */
public class TypedResourceClient<T> {
  final ResourceClient resources;
  final Function<Map<String, Object>, T> decoder;
  private final Members<T> members; // null: members are read as whole documents, then decoded
  private final Function<T, String> name;

  /** Members read straight from the pages' JSON text by {@code members}. */
  TypedResourceClient(ResourceClient resources, Members<T> members, Function<T, String> name) {
    this(resources, members::decode, Objects.requireNonNull(members, "members == null"), name);
  }

  /** Members read as whole documents, each then decoded by {@code decoder}. */
  TypedResourceClient(ResourceClient resources, Function<Map<String, Object>, T> decoder, Function<T, String> name) {
    this(resources, decoder, null, name);
  }

  private TypedResourceClient(ResourceClient resources, Function<Map<String, Object>, T> decoder, Members<T> members,
      Function<T, String> name) {
    this.resources = Objects.requireNonNull(resources, "resources == null");
    this.decoder = Objects.requireNonNull(decoder, "decoder == null");
    this.members = members;
    this.name = name; // null: the collection's members have no name (alerts)
  }

  /**
   * Every member, following all pages, as one correct listing.
   *
   * <p>If the collection changes while it is being paged (stateless {@code start}/{@code count}
   * paging shifts later pages), the pages that shifted are read again until every member that
   * existed during the whole listing is in it exactly once; members created meanwhile are included
   * as far as they were seen. A {@link OneViewException} only if that cannot be done. Never silently
   * short.
   */
  public List<T> list() {
    return list(Query.all());
  }

  /** Every member matching {@code query}, as one consistent listing like {@link #list()}. */
  public List<T> list(Query query) {
    return members != null ? resources.list(query, members) : resources.list(query, decoder);
  }

  /**
   * Members matching {@code query}, fetching pages lazily as the stream is consumed.
   *
   * <p>Best-effort, not a consistent snapshot: a member added or removed while the stream is paging
   * can make it skip or repeat members. Use {@link #list(Query)} when the result must be complete.
   */
  public Stream<T> stream(Query query) {
    return members != null ? resources.stream(query, members) : resources.stream(query, decoder);
  }

  /**
   * The member at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is none at {@code uri}.
   */
  public T get(String uri) {
    return resources.get(uri, decoder);
  }

  /**
   * The member named exactly {@code name} (case-sensitive), or empty if there is none.
   *
   * @throws UnsupportedOperationException if the collection's members have no name (alerts).
   */
  public Optional<T> findByName(String name) {
    if (this.name == null) {
      throw new UnsupportedOperationException(resources.collectionUri() + " members have no name; list them with a Query");
    }
    return resources.findByName(name, this::stream, this.name);
  }

  /** The untyped client of the same collection, for operations this one lacks. */
  public ResourceClient resources() {
    return resources;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + resources.collectionUri() + "}";
  }
}
