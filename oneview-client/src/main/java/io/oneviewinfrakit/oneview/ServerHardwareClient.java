package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.stream.Stream;

/**
 * Reads server hardware ({@code /rest/server-hardware}) and controls its power.
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
 */
public interface ServerHardwareClient {
  /**
   * Every server, following all pages, as one correct listing.
   *
   * <p>If the collection changes while it is being paged (stateless {@code start}/{@code count}
   * paging shifts later pages), the pages that shifted are read again until every member that
   * existed during the whole listing is in it exactly once; members created meanwhile are included
   * as far as they were seen. A {@link OneViewException} only if that cannot be done. Never silently
   * short.
   */
  List<ServerHardware> list();

  /**
   * Every server matching {@code query}, following all pages, as one consistent
   * listing: pages that shifted while the collection changed are read again; a
   * {@link OneViewException} only if the listing cannot be made correct. Never silently short.
   */
  List<ServerHardware> list(Query query);

  /**
   * Servers matching {@code query}, fetching pages lazily as the stream is consumed.
   *
   * <p>Best-effort, not a consistent snapshot: a member added or removed while the stream is paging can make it skip or repeat
   * members. Use {@link #list(Query)} when the result must be complete.
   */
  Stream<ServerHardware> stream(Query query);

  /**
   * The server at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is no server at {@code uri}.
   */
  ServerHardware get(String uri);

  /**
   * Servers a profile from {@code template} can be applied to: the same server hardware type, and
   * in the template's enclosure group (rack servers: both without an enclosure group).
   */
  List<ServerHardware> compatibleWith(ServerProfileTemplate template);

  /** The {@link #compatibleWith compatible} servers that are {@link ServerHardware#isFree free}. */
  List<ServerHardware> freeCompatibleWith(ServerProfileTemplate template);

  /** Starts powering on the server at {@code uri}; returns the appliance's task. */
  Task powerOn(String uri);

  /** Starts powering off the server at {@code uri}; returns the appliance's task. */
  Task powerOff(String uri, PowerControl control);

  /** Starts resetting the server at {@code uri}; returns the appliance's task. */
  Task reset(String uri);
}
