package io.oneviewinfrakit.oneview;

/** The appliance answered 404: there is no resource at the requested URI. */
public final class ResourceNotFoundException extends OneViewException {
  private static final long serialVersionUID = 1L;

  public ResourceNotFoundException(OneViewError error, String message) {
    super(404, error, message, null);
  }
}
