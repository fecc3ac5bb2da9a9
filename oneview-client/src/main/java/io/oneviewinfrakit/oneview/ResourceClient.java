package io.oneviewinfrakit.oneview;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * Reads and changes one OneView collection, such as {@code /rest/enclosures}, with its members as
 * lossless JSON documents ({@link Resource}): for collections the SDK has no typed client for, and
 * under every typed client. It shares its {@link OneView}'s session, retries, error mapping and
 * parallel paging.
 *
 * <p>Changes return a {@link PendingTask} to await. Thread-safe. Failures are {@link
 * OneViewException}s.
 *
 * <p>For example:
 *
 * <pre>{@code
 * ResourceClient enclosures = ov.resources("/rest/enclosures");
 * for (Resource enclosure : enclosures.list(Query.builder().filter(Filter.eq("state", "Configured")).build())) {
 *   System.out.println(enclosure.name() + " " + enclosure.string("serialNumber"));
 * }
 * }</pre>
 */
public final class ResourceClient {
  private static final Pattern COLLECTION = Pattern.compile("/rest(/[A-Za-z0-9._~-]+)+");
  private static final Set<String> PATCH_OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");
  private static final MediaType JSON_PATCH = MediaType.get("application/json-patch+json");
  private static final MediaType JSON = MediaType.get("application/json");

  private final OneViewApi api;
  private final Pager pager;
  private final TaskClient tasks;
  private final ApiVersions apiVersions;
  private final String collectionUri;

  ResourceClient(OneViewApi api, Pager pager, TaskClient tasks, ApiVersions apiVersions, String collectionUri) {
    this.api = api;
    this.pager = pager;
    this.tasks = tasks;
    this.apiVersions = apiVersions;
    this.collectionUri = checkCollection(collectionUri);
  }

  static String checkCollection(String collectionUri) {
    Objects.requireNonNull(collectionUri, "collectionUri == null");
    if (!COLLECTION.matcher(collectionUri).matches()) {
      throw new IllegalArgumentException(
          "Not a OneView collection URI such as /rest/enclosures (no query, no trailing slash): \"" + collectionUri + "\"");
    }
    return collectionUri;
  }

  /** The collection's URI, such as {@code /rest/enclosures}. */
  public String collectionUri() {
    return collectionUri;
  }

  /**
   * Every member, following all pages, as one correct listing: pages that shifted while the
   * collection changed are read again; a {@link OneViewException} only if the listing cannot be
   * made correct. Never silently short.
   */
  public List<Resource> list() {
    return list(Query.all());
  }

  /** Every member matching {@code query}, as {@link #list()} does. */
  public List<Resource> list(Query query) {
    return list(query, Resource::of);
  }

  /**
   * Members matching {@code query}, fetching pages lazily as the stream is consumed. Best-effort,
   * not a consistent snapshot: use {@link #list(Query)} when the result must be complete.
   */
  public Stream<Resource> stream(Query query) {
    return stream(query, Resource::of);
  }

  /**
   * The member at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is none.
   */
  public Resource get(String uri) {
    return get(uri, Resource::of);
  }

  /** The member named exactly {@code name} (case-sensitive), or empty if there is none. */
  public Optional<Resource> findByName(String name) {
    return findByName(name, query -> stream(query, Resource::of), Resource::name);
  }

  /**
   * Starts creating {@code resource} ({@code POST} to the collection; a {@code uri} or {@code
   * eTag} in it are sent as they are).
   */
  public PendingTask create(Resource resource) {
    Objects.requireNonNull(resource, "resource == null");
    return create(resource.json());
  }

  /**
   * Creates {@code resource}, waits for the appliance to finish and returns the new resource's URI.
   *
   * @throws TaskFailedException if the create failed.
   * @throws TaskTimeoutException if it has not ended after {@code timeout}.
   */
  public String createAndAwaitUri(Resource resource, Duration timeout) {
    return create(resource).awaitResourceUri(timeout);
  }

  /**
   * Starts replacing the member at {@code resource.uri()} with {@code resource} ({@code PUT} with
   * {@code If-Match} its {@code eTag}): a member changed since it was read fails with {@link
   * StaleETagException} instead of losing the other change.
   *
   * @throws IllegalArgumentException if {@code resource} has no {@code uri} or no {@code eTag}.
   */
  public PendingTask update(Resource resource) {
    Objects.requireNonNull(resource, "resource == null");
    return update(resource.uri(), resource.eTag(), resource.json(), resource.toString());
  }

  /**
   * Starts changing parts of the member at {@code uri} with JSON Patch {@code operations}, such as
   * {@code Map.of("op", "replace", "path", "/uidState", "value", "On")} ({@code PATCH}, sent as
   * {@code application/json-patch+json} from API 300 on).
   *
   * @throws IllegalArgumentException if there is no operation, or one lacks a known {@code op} or
   *     a {@code path} starting with {@code /}.
   */
  public PendingTask patch(String uri, List<? extends Map<String, ?>> operations) {
    Uris.check(uri, "uri");
    Objects.requireNonNull(operations, "operations == null");
    if (operations.isEmpty()) throw new IllegalArgumentException("operations is empty");
    for (Map<String, ?> operation : operations) {
      Objects.requireNonNull(operation, "operation == null");
      Object op = operation.get("op");
      if (!(op instanceof String name) || !PATCH_OPERATIONS.contains(name)) {
        throw new IllegalArgumentException("Not a JSON Patch op (add, remove, replace, move, copy, test): " + op
            + " in " + operation);
      }
      Object path = operation.get("path");
      if (!(path instanceof String pointer) || !pointer.startsWith("/")) {
        throw new IllegalArgumentException("JSON Patch path must start with /: " + path + " in " + operation);
      }
    }
    // Bytes, not a String: OkHttp would append "; charset=utf-8" to a String body's media type.
    byte[] body;
    try {
      body = Json.toJson(operations).getBytes(StandardCharsets.UTF_8);
    } catch (com.squareup.moshi.JsonDataException e) {
      throw new IllegalArgumentException("operations hold a value that is not JSON: " + e.getMessage(), e);
    }
    MediaType type = apiVersions.version() >= 300 ? JSON_PATCH : JSON;
    return handle(Http.change(api.patch(uri, RequestBody.create(body, type))));
  }

  /** Starts deleting the member at {@code uri}. */
  public PendingTask delete(String uri) {
    return handle(Http.change(api.delete(Uris.check(uri, "uri"), null)));
  }

  /** Starts deleting the member at {@code uri}; {@code force} also when the appliance would refuse. */
  public PendingTask delete(String uri, boolean force) {
    return handle(Http.change(api.delete(Uris.check(uri, "uri"), force ? Boolean.TRUE : null)));
  }

  /**
   * Starts deleting every member {@code query} selects, in one request ({@code DELETE} on the
   * collection with its {@code filter}/{@code query}/{@code scopeUris}), where the collection
   * supports it (such as server profiles and alerts).
   *
   * @throws IllegalArgumentException if {@code query} selects nothing in particular: a DELETE on a
   *     bare collection would delete every member.
   */
  public PendingTask deleteAll(Query query) {
    Objects.requireNonNull(query, "query == null");
    if (!query.selects()) {
      throw new IllegalArgumentException("deleteAll needs a filter, query or scopeUris; " + query
          + " would delete every member of " + collectionUri);
    }
    return handle(Http.change(api.delete(query.selectionUri(collectionUri), null)));
  }

  // The typed clients' building blocks: the same operations with a model's decoder.

  <T> List<T> list(Query query, Function<Map<String, Object>, T> decoder) {
    Objects.requireNonNull(query, "query == null");
    return pager.list(query.selectionUri(collectionUri), query.paging(), decoder);
  }

  <T> List<T> list(Query query, Members<T> members) {
    Objects.requireNonNull(query, "query == null");
    return pager.list(query.selectionUri(collectionUri), query.paging(), members);
  }

  <T> Stream<T> stream(Query query, Members<T> members) {
    Objects.requireNonNull(query, "query == null");
    return pager.stream(query.selectionUri(collectionUri), query.paging(), members);
  }

  <T> Stream<T> stream(Query query, Function<Map<String, Object>, T> decoder) {
    Objects.requireNonNull(query, "query == null");
    return pager.stream(query.selectionUri(collectionUri), query.paging(), decoder);
  }

  <T> T get(String uri, Function<Map<String, Object>, T> decoder) {
    return decoder.apply(Http.body(api.get(Uris.check(uri, "uri"))));
  }

  /** The member named exactly {@code wanted}, from the stream {@code streamOf} answers for a query. */
  <T> Optional<T> findByName(String wanted, Function<Query, Stream<T>> streamOf, Function<T, String> name) {
    Objects.requireNonNull(wanted, "name == null");
    Query query;
    try {
      query = Query.builder().filter(Filter.seq("name", wanted)).build();
    } catch (IllegalArgumentException quoteInName) {
      query = Query.all(); // OneView cannot filter on such a name; compare every member instead.
    }
    // Compare again locally: appliances have answered filters inexactly, and the match must be exact.
    try (Stream<T> stream = streamOf.apply(query)) {
      return stream.filter(member -> wanted.equals(name.apply(member))).findFirst();
    }
  }

  /** Starts deleting the member at {@code uri} if its eTag matches {@code ifMatch} (or any, for {@code *}). */
  PendingTask delete(String uri, String ifMatch) {
    return handle(Http.change(api.delete(Uris.check(uri, "uri"), ifMatch, null)));
  }

  PendingTask create(Map<String, Object> body) {
    return handle(Http.change(api.post(collectionUri, body)));
  }

  PendingTask update(String uri, String eTag, Map<String, Object> body, String what) {
    if (uri == null) throw new IllegalArgumentException("resource has no uri; create it instead: " + what);
    Uris.check(uri, "uri");
    if (eTag == null || eTag.isEmpty()) {
      throw new IllegalArgumentException("resource has no eTag; get it from the appliance before updating: " + what);
    }
    return handle(Http.change(api.put(uri, eTag, body)));
  }

  PendingTask handle(Task task) {
    return tasks.handle(task);
  }

  OneViewApi api() {
    return api;
  }

  @Override
  public String toString() {
    return "ResourceClient{" + collectionUri + "}";
  }
}
