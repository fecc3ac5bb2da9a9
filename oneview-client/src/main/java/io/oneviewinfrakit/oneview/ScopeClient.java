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

  /**
   * Starts deleting the scope at {@code uri} whatever its version ({@code If-Match: *}, as
   * oneview-python sends it); its resources stay, outside it. {@link #delete(Scope)} deletes only
   * the version read.
   */
  public PendingTask delete(String uri) {
    return resources.delete(uri, "*");
  }

  /**
   * Starts deleting {@code scope} if it has not changed since it was read ({@code If-Match} its
   * {@code eTag}, as oneview-sdk-ruby sends it): a scope renamed or re-described meanwhile fails with
   * {@link StaleETagException} and stays. Its resources stay, outside it.
   *
   * @throws IllegalArgumentException if {@code scope} has no {@code uri} or {@code eTag}.
   */
  public PendingTask delete(Scope scope) {
    Objects.requireNonNull(scope, "scope == null");
    if (scope.uri() == null) throw new IllegalArgumentException("scope has no uri: " + scope);
    if (scope.eTag() == null || scope.eTag().isEmpty()) {
      throw new IllegalArgumentException("scope has no eTag; get it from the appliance before deleting: " + scope);
    }
    return resources.delete(scope.uri(), scope.eTag());
  }
}
