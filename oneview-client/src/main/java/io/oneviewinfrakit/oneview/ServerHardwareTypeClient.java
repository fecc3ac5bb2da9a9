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
   * Every type, following all pages, as one correct listing.
   *
   * <p>If the collection changes while it is being paged (stateless {@code start}/{@code count}
   * paging shifts later pages), the pages that shifted are read again until every member that
   * existed during the whole listing is in it exactly once; members created meanwhile are included
   * as far as they were seen. A {@link OneViewException} only if that cannot be done. Never silently
   * short.
   */
  List<ServerHardwareType> list();

  /**
   * Every type matching {@code query}, following all pages, as one consistent
   * listing: pages that shifted while the collection changed are read again; a
   * {@link OneViewException} only if the listing cannot be made correct. Never silently short.
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
