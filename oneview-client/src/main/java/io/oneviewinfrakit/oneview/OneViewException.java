package io.oneviewinfrakit.oneview;

/**
 * A request to the appliance failed: it answered with an error, sent something unreadable, or could
 * not be reached (then {@link #getCause()} is the {@code IOException} and {@link #httpStatus()} is
 * 0). Every failure of this SDK is this exception or one of its subclasses.
 */
public class OneViewException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final transient OneViewError error;

  public OneViewException(String message) {
    this(0, null, message, null);
  }

  public OneViewException(String message, Throwable cause) {
    this(0, null, message, cause);
  }

  /**
   * @param httpStatus the HTTP status the appliance answered, or 0 if there was no answer.
   * @param error the error body the appliance sent, or null.
   */
  public OneViewException(int httpStatus, OneViewError error, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.error = error;
  }

  /** The HTTP status of the failed response, or 0 if the appliance did not answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The error the appliance reported, or null if it reported none. */
  public OneViewError error() {
    return error;
  }
}
