package io.oneviewinfrakit.plugin;

/** OneView cannot be listed (or not recently enough) to answer safely; the caller should retry. */
final class OneViewUnavailableException extends IllegalStateException {

  OneViewUnavailableException(String message) {
    super(message);
  }
}
