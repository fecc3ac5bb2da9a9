package io.oneviewinfrakit.infrakit.spi;

import java.util.Objects;

/**
 * A versioned RPC interface, as the InfraKit handshake names it ({@code Instance/0.6.1}).
 *
 * @param name the interface name, such as {@code Instance}
 * @param version the exact version string the client matches
 */
public record InterfaceSpec(String name, String version) {
  public InterfaceSpec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(version, "version == null");
  }

  /** The handshake key, {@code name/version}. */
  public String key() {
    return name + "/" + version;
  }

  @Override
  public String toString() {
    return key();
  }
}
