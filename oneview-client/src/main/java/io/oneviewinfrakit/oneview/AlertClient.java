package io.oneviewinfrakit.oneview;

/**
 * Reads and deletes alerts ({@code /rest/alerts}). Select with a {@link Query}, such as {@code
 * Filter.eq("alertState", "Active")}; delete many at once with {@code resources().deleteAll(query)}.
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 */
public final class AlertClient extends TypedResourceClient<Alert> {
  static final String COLLECTION = "/rest/alerts";

  AlertClient(ResourceClient resources) {
    super(resources, Alert::fromJson, null);
  }

  /** Starts deleting the alert at {@code uri}. */
  public PendingTask delete(String uri) {
    return resources.delete(uri);
  }
}
