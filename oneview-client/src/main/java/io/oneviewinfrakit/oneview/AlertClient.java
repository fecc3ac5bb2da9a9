package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads, clears and deletes alerts ({@code /rest/alerts}). Select with a {@link Query}, such as {@code
 * Filter.eq("alertState", "Active")}; delete many at once with {@code resources().deleteAll(query)}.
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 */
public final class AlertClient extends TypedResourceClient<Alert> {
  static final String COLLECTION = "/rest/alerts";
  /** The states a user may set; {@code Locked} alerts belong to the appliance. */
  private static final Set<String> USER_STATES = Set.of("Active", "Cleared");

  AlertClient(ResourceClient resources) {
    super(resources, Alert.DECODER, null);
  }

  /** Starts deleting the alert at {@code uri}. */
  public PendingTask delete(String uri) {
    return resources.delete(uri);
  }

  /**
   * Starts setting {@code alert}'s state to {@code alertState}, {@code "Cleared"} or {@code
   * "Active"} ({@code PUT} with {@code If-Match} its {@code eTag} when it has one). A {@code
   * Locked} alert is the appliance's to clear: it refuses.
   *
   * @throws IllegalArgumentException if {@code alertState} is neither.
   */
  public PendingTask setState(Alert alert, String alertState) {
    Objects.requireNonNull(alert, "alert == null");
    Objects.requireNonNull(alertState, "alertState == null");
    if (!USER_STATES.contains(alertState)) {
      throw new IllegalArgumentException("alertState must be Active or Cleared: " + alertState);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alertState", alertState);
    if (alert.eTag() != null) body.put("eTag", alert.eTag());
    Uris.check(alert.uri(), "alert.uri");
    return resources.handle(Http.change(resources.api().put(alert.uri(), alert.eTag(), body)));
  }
}
