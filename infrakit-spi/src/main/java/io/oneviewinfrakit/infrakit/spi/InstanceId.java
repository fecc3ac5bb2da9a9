package io.oneviewinfrakit.infrakit.spi;

import java.util.Objects;

/**
 * The identifier a plugin gives an instance at provision time; the group controller passes it back to
 * {@code label} and {@code destroy} and sorts by it (string order) to pick instances to remove.
 *
 * @param value the identifier, never blank
 */
public record InstanceId(String value) implements Comparable<InstanceId> {
  public InstanceId {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("instance ID must not be blank");
    }
  }

  public static InstanceId of(String value) {
    return new InstanceId(value);
  }

  @Override
  public int compareTo(InstanceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
