package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads server hardware types ({@code /rest/server-hardware-types}).
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
 */
public interface ServerHardwareTypeClient {
  /**
   * Every type, following all pages, as one consistent listing.
   *
   * <p>If the collection changes while it is being paged (stateless {@code start}/{@code count}
   * paging shifts later pages), the listing is restarted once; if it changes again a
   * {@link OneViewException} is thrown. Never silently short.
   */
  List<ServerHardwareType> list();

  /**
   * Every type matching {@code query}, following all pages, as one consistent
   * listing: restarted once if the collection changes while it is being paged; a
   * {@link OneViewException} if it changes again. Never silently short.
   */
  List<ServerHardwareType> list(Query query);

  /**
   * Server hardware types matching {@code query}, fetching pages lazily as the stream is consumed.
   *
   * <p>Best-effort, not a consistent snapshot: a member added or removed while the stream is paging can make it skip or repeat
   * members. Use {@link #list(Query)} when the result must be complete.
   */
  Stream<ServerHardwareType> stream(Query query);

  /**
   * The type at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is none at {@code uri}.
   */
  ServerHardwareType get(String uri);

  /** The type named exactly {@code name} (case-sensitive), or empty if there is none. */
  Optional<ServerHardwareType> findByName(String name);
}
