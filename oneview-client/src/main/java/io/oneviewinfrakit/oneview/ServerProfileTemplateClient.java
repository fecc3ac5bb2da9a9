package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads, creates, updates and deletes server profile templates ({@code
 * /rest/server-profile-templates}) and derives new profiles from them.
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
 */
public interface ServerProfileTemplateClient {
  /**
   * Every template, following all pages, as one correct listing.
   *
   * <p>If the collection changes while it is being paged (stateless {@code start}/{@code count}
   * paging shifts later pages), the pages that shifted are read again until every member that
   * existed during the whole listing is in it exactly once; members created meanwhile are included
   * as far as they were seen. A {@link OneViewException} only if that cannot be done. Never silently
   * short.
   */
  List<ServerProfileTemplate> list();

  /**
   * Every template matching {@code query}, following all pages, as one consistent
   * listing: pages that shifted while the collection changed are read again; a
   * {@link OneViewException} only if the listing cannot be made correct. Never silently short.
   */
  List<ServerProfileTemplate> list(Query query);

  /**
   * Templates matching {@code query}, fetching pages lazily as the stream is consumed.
   *
   * <p>Best-effort, not a consistent snapshot: a member added or removed while the stream is paging can make it skip or repeat
   * members. Use {@link #list(Query)} when the result must be complete.
   */
  Stream<ServerProfileTemplate> stream(Query query);

  /**
   * The template at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is no template at {@code uri}.
   */
  ServerProfileTemplate get(String uri);

  /** The template named exactly {@code name} (case-sensitive), or empty if there is none. */
  Optional<ServerProfileTemplate> findByName(String name);

  /**
   * A new, unsaved profile pre-filled from {@code template} by the appliance ({@code GET
   * {template}/new-profile}). Set at least its name and server hardware, then {@link
   * ServerProfileClient#create create} it.
   */
  ServerProfile newProfile(ServerProfileTemplate template);

  /**
   * Starts creating {@code template} ({@code POST}; below API 1600 the body carries the versioned
   * {@code type}). {@link PendingTask#awaitResourceUri} gives the new template's URI.
   */
  PendingTask create(ServerProfileTemplate template);

  /**
   * Starts replacing the template at {@code template.uri()} with {@code template} ({@code PUT} with
   * {@code If-Match} its {@code eTag}; a template changed since it was read fails with {@link
   * StaleETagException}).
   *
   * @throws IllegalArgumentException if {@code template} has no {@code uri} or {@code eTag}.
   */
  PendingTask update(ServerProfileTemplate template);

  /** Starts deleting the template at {@code uri}; profiles made from it keep their settings. */
  PendingTask delete(String uri);
}
