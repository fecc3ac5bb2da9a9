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
  /** Every type, following all pages. */
  List<ServerHardwareType> list();

  /** Every type matching {@code query}, following all pages. */
  List<ServerHardwareType> list(Query query);

  /** Server hardware types matching {@code query}, fetching pages lazily as the stream is consumed. */
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
