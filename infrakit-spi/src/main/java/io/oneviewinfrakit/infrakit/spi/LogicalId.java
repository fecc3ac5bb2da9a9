package io.oneviewinfrakit.infrakit.spi;

import java.util.Objects;

/**
 * The stable name of a "pet" instance (a group allocated by {@code LogicalIDs}), such as an IP address
 * or a host name; it survives replacement of the instance that carries it.
 *
 * @param value the logical ID, never blank
 */
public record LogicalId(String value) {
  public LogicalId {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("logical ID must not be blank");
    }
  }

  public static LogicalId of(String value) {
    return new LogicalId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
