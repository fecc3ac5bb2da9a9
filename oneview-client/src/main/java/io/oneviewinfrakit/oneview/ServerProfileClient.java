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
  /**
   * Every profile, following all pages, as one correct listing.
   *
   * <p>If the collection changes while it is being paged (stateless {@code start}/{@code count}
   * paging shifts later pages), the pages that shifted are read again until every member that
   * existed during the whole listing is in it exactly once; members created meanwhile are included
   * as far as they were seen. A {@link OneViewException} only if that cannot be done. Never silently
   * short.
   */
  List<ServerProfile> list();

  /**
   * Every profile matching {@code query}, following all pages, as one consistent
   * listing: pages that shifted while the collection changed are read again; a
   * {@link OneViewException} only if the listing cannot be made correct. Never silently short.
   */
  List<ServerProfile> list(Query query);

  /**
   * Profiles matching {@code query}, fetching pages lazily as the stream is consumed.
   *
   * <p>Best-effort, not a consistent snapshot: a member added or removed while the stream is paging can make it skip or repeat
   * members. Use {@link #list(Query)} when the result must be complete.
   */
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

  /**
   * Starts adding a connection to {@code networkUri} (an Ethernet network or network set, every
   * other setting at its {@link ConnectionSpec} default) to the profile at {@code profileUri}.
   * Same as {@code addConnection(profileUri, ConnectionSpec.to(networkUri))}.
   */
  Task addConnection(String profileUri, String networkUri);

  /**
   * Starts adding the connection {@code spec} to the profile at {@code profileUri}: reads the
   * profile, adds the connection, and updates it with the eTag just read. When someone else changed
   * the profile in between (HTTP 412) it reads and tries again, up to three attempts in all.
   *
   * <p>An update retried after a dropped connection is answered 412 when the lost try had been
   * applied. So when a fresh read after a 412 has one more connection to the network (with {@code
   * spec}'s id, if it names one) than the first read, the connection is taken as added and not
   * added again; the task returned is then the profile's latest ({@code taskUri}).
   *
   * @throws StaleETagException if the profile changed under every attempt.
   * @throws IllegalArgumentException if {@code spec} names a connection id the profile already has.
   */
  Task addConnection(String profileUri, ConnectionSpec spec);

  /**
   * Starts removing every connection to {@code networkUri} from the profile at {@code profileUri},
   * read-modify-update with the same eTag retry as {@link #addConnection(String, ConnectionSpec)}.
   * When a fresh read after a 412 has no connection to {@code networkUri} any more, the removal is
   * taken as done (by a lost try that was applied) and the profile's latest task ({@code taskUri})
   * is returned.
   *
   * @throws IllegalStateException if the profile has no connection to {@code networkUri} (nothing
   *     to change, so there is no task).
   */
  Task removeConnection(String profileUri, String networkUri);

  /**
   * Starts bringing the profile at {@code uri} back in line with its template ("Update from
   * template"): {@code PATCH [{"op":"replace","path":"/templateCompliance","value":"Compliant"}]}
   * as {@code application/json-patch+json} (API 300 and later; plain {@code application/json}
   * before). The server usually has to be powered off.
   */
  Task updateFromTemplate(String uri);
}
