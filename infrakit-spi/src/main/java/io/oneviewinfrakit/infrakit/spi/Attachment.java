package io.oneviewinfrakit.infrakit.spi;

import java.util.Objects;

/**
 * Something a flavor asks to attach to a new instance (a volume, a network...), named by ID and kind.
 *
 * @param id what to attach
 * @param type the kind of thing, meaningful to the plugin only; may be empty
 */
public record Attachment(String id, String type) {
  public Attachment {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(type, "type == null");
  }
}
