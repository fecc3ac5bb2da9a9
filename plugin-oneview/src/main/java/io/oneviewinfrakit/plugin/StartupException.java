package io.oneviewinfrakit.plugin;

/**
 * A configuration the plugin cannot work with (wrong password, untrusted certificate, socket taken): the
 * executable prints the message, one line saying what to fix, and exits non-zero instead of serving
 * errors and retrying a login that will never succeed (and may lock the account).
 */
final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit status for a refused configuration (a usage error is 2). */
  static final int EXIT_CODE = 1;

  StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
