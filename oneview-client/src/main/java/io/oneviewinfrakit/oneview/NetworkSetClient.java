package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads, creates and deletes network sets ({@code /rest/network-sets}). Changes are asynchronous on the
 * appliance: they return a {@link Task} to {@link TaskClient#await await}.
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
 */
public interface NetworkSetClient {
  /**
   * Every set, following all pages, as one correct listing.
   *
   * <p>If the collection changes while it is being paged (stateless {@code start}/{@code count}
   * paging shifts later pages), the pages that shifted are read again until every member that
   * existed during the whole listing is in it exactly once; members created meanwhile are included
   * as far as they were seen. A {@link OneViewException} only if that cannot be done. Never silently
   * short.
   */
  List<NetworkSet> list();

  /**
   * Every set matching {@code query}, following all pages, as one consistent
   * listing: pages that shifted while the collection changed are read again; a
   * {@link OneViewException} only if the listing cannot be made correct. Never silently short.
   */
  List<NetworkSet> list(Query query);

  /**
   * Network sets matching {@code query}, fetching pages lazily as the stream is consumed.
   *
   * <p>Best-effort, not a consistent snapshot: a member added or removed while the stream is paging can make it skip or repeat
   * members. Use {@link #list(Query)} when the result must be complete.
   */
  Stream<NetworkSet> stream(Query query);

  /**
   * The set at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is none at {@code uri}.
   */
  NetworkSet get(String uri);

  /** The set named exactly {@code name} (case-sensitive), or empty if there is none. */
  Optional<NetworkSet> findByName(String name);

  /**
   * Starts creating the set {@code spec} describes (its {@code uri} is ignored); the completed
   * task names the new set's URI. Below API 1600 the body carries the versioned {@code type}.
   */
  Task create(NetworkSet spec);

  /** Starts deleting the set at {@code uri}; profile connections using it fail. */
  Task delete(String uri);
}
