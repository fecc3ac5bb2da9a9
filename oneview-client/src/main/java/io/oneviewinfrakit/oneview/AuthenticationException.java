package io.oneviewinfrakit.oneview;

/**
 * The appliance refused to log in (bad credentials, unknown login domain, too many sessions from
 * this client), or refused a freshly renewed session. The message carries OneView's explanation,
 * never the password.
 */
public final class AuthenticationException extends OneViewException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(int httpStatus, OneViewError error, String message) {
    super(httpStatus, error, message, null);
  }
}
