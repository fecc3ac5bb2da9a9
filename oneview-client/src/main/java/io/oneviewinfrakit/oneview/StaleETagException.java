package io.oneviewinfrakit.oneview;

/**
 * The appliance answered 412 to a change sent with {@code If-Match}: the resource changed since it
 * was read. Read it again, re-apply the change, and retry.
 */
public final class StaleETagException extends OneViewException {
  private static final long serialVersionUID = 1L;

  public StaleETagException(OneViewError error, String message) {
    super(412, error, message, null);
  }
}
