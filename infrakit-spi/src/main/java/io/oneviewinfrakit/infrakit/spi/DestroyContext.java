package io.oneviewinfrakit.infrakit.spi;

import java.util.Optional;

/**
 * Why the group controller destroys an instance (InfraKit's {@code instance.Context}).
 *
 * <p>Instance 0.5.0 clients send no context at all; such calls arrive as {@link #NONE}, so a plugin that
 * treats reasons differently must decide what an unexplained destroy means.
 */
public enum DestroyContext {
  /** Scale-down, group destroy or an explicit destroy. */
  TERMINATE("terminate"),
  /** Replacement during a rolling update; a replacement with the new configuration follows. */
  ROLLING_UPDATE("rolling_update"),
  /** The client did not say (Instance 0.5.0). */
  NONE("");

  private final String reason;

  DestroyContext(String reason) {
    this.reason = reason;
  }

  /** The wire value of {@code Context.Reason}; empty for {@link #NONE}. */
  public String reason() {
    return reason;
  }

  /** The context for a wire reason, or empty when the reason is not one InfraKit defines. */
  public static Optional<DestroyContext> ofReason(String reason) {
    for (DestroyContext c : values()) {
      if (c.reason.equals(reason)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
