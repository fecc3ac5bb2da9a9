package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads enclosure groups ({@code /rest/enclosure-groups}).
 *
 * <p>Implementations are thread-safe. Failures are {@link OneViewException}s.
 */
public interface EnclosureGroupClient {
  /** Every group, following all pages. */
  List<EnclosureGroup> list();

  /** Every group matching {@code query}, following all pages. */
  List<EnclosureGroup> list(Query query);

  /** Enclosure groups matching {@code query}, fetching pages lazily as the stream is consumed. */
  Stream<EnclosureGroup> stream(Query query);

  /**
   * The group at {@code uri}.
   *
   * @throws ResourceNotFoundException if there is none at {@code uri}.
   */
  EnclosureGroup get(String uri);

  /** The group named exactly {@code name} (case-sensitive), or empty if there is none. */
  Optional<EnclosureGroup> findByName(String name);
}
