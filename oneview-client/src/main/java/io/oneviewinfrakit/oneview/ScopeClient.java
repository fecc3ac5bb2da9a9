package io.oneviewinfrakit.oneview;

import java.util.Objects;

/**
 * Reads, creates, renames and deletes scopes ({@code /rest/scopes}, API 300 and later). List the
 * members of a scope in any collection with {@link Query.Builder#scopeUris}.
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 */
public final class ScopeClient extends TypedResourceClient<Scope> {
  static final String COLLECTION = "/rest/scopes";

  private final ApiVersions apiVersions;

  ScopeClient(ResourceClient resources, ApiVersions apiVersions) {
    super(resources, Scope.DECODER, Scope::name);
    this.apiVersions = apiVersions;
  }

  /** Starts creating the scope {@code spec} describes; {@link PendingTask#awaitResourceUri} gives its URI. */
  public PendingTask create(Scope spec) {
    Objects.requireNonNull(spec, "spec == null");
    return resources.create(spec.withoutIdentity().body(ApiVersions.scopeType(apiVersions.version())));
  }

  /**
   * Starts replacing the scope at {@code scope.uri()} with {@code scope} ({@code PUT} with {@code
   * If-Match} its {@code eTag}): a scope changed since it was read fails with {@link
   * StaleETagException}.
   *
   * @throws IllegalArgumentException if {@code scope} has no {@code uri} or {@code eTag}.
   */
  public PendingTask update(Scope scope) {
    Objects.requireNonNull(scope, "scope == null");
    return resources.update(scope.uri(), scope.eTag(), scope.body(ApiVersions.scopeType(apiVersions.version())),
        scope.toString());
  }

  /** Starts deleting the scope at {@code uri}; its resources stay, outside it. */
  public PendingTask delete(String uri) {
    return resources.delete(uri);
  }
}
