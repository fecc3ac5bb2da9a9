package io.oneviewinfrakit.oneview.scmb;

/** What happened to a resource, from a message's {@code changeType}. */
public enum ChangeType {
  /** Created or added. */
  CREATED,
  /** State or attributes changed (tasks report every change as this, after their creation). */
  UPDATED,
  /** Permanently removed; final for that URI. */
  DELETED,
  /** A value this SDK does not know. */
  UNKNOWN;

  static ChangeType of(String wire) {
    if (wire == null) return UNKNOWN;
    return switch (wire) {
      case "Created" -> CREATED;
      case "Updated" -> UPDATED;
      case "Deleted" -> DELETED;
      default -> UNKNOWN;
    };
  }
}
