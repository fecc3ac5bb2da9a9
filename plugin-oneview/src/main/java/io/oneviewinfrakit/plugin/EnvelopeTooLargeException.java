package io.oneviewinfrakit.plugin;

/** A provision or label whose tags would not fit in the profile description envelope. */
final class EnvelopeTooLargeException extends IllegalArgumentException {

  EnvelopeTooLargeException(int size, int limit) {
    super("instance tags are too large: the ownership envelope would be " + size
        + " bytes, the limit is " + limit + " bytes (keys and values count, UTF-8)");
  }
}
