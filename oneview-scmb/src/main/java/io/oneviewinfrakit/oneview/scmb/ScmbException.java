package io.oneviewinfrakit.oneview.scmb;

/** The State-Change Message Bus could not be reached or subscribed to; the cause says why. */
public final class ScmbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScmbException(String message, Throwable cause) {
    super(message, cause);
  }
}
