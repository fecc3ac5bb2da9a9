package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and changes server profiles ({@code /rest/server-profiles}). Changes are asynchronous on
 * the appliance: they return a {@link Task} to {@link TaskClient#await await}.
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
 */
public interface ServerProfileClient {
  /** Every profile, following all pages. */
  List<ServerProfile> list();

  /** Every profile matching {@code query}, following all pages. */
  List<ServerProfile> list(Query query);

  /** Profiles matching {@code query}, fetching pages lazily as the stream is consumed. */
  Stream<ServerProfile> stream(Query query);

  /**
   * The profile at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is no profile at {@code uri}.
   */
  ServerProfile get(String uri);

  /** Starts creating {@code profile}; the completed task names the new profile's URI. */
  Task create(ServerProfile profile);

  /**
   * Starts replacing the profile at {@code profile.uri()} with {@code profile}, sending its eTag
   * as {@code If-Match}.
   *
   * @throws StaleETagException if the profile changed on the appliance since it was read.
   */
  Task update(ServerProfile profile);

  /** Starts deleting the profile at {@code uri}. */
  Task delete(String uri);

  /**
   * Starts deleting the profile at {@code uri}; with {@code force} the appliance completes the
   * deletion even when it cannot reach the server.
   */
  Task delete(String uri, boolean force);
}
