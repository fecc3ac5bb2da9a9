package io.oneviewinfrakit.oneview;

import java.util.Map;

/**
 * An alert ({@code /rest/alerts/{id}}): something the appliance noticed about a resource.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the alert's URI.
 * @param description what happened.
 * @param severity {@code "OK"}, {@code "Warning"}, {@code "Critical"} or {@code "Unknown"}, or null.
 * @param alertState such as {@code "Active"}, {@code "Locked"} or {@code "Cleared"}, or null.
 * @param healthCategory such as {@code "Power"} or {@code "Network"}, or null.
 * @param correctiveAction what to do about it, or null.
 * @param associatedResource the resource it is about, or null.
 * @param created when it was raised, as the appliance wrote it, or null.
 * @param eTag its version, or null.
 */
public record Alert(String uri, String description, String severity, String alertState, String healthCategory,
    String correctiveAction, AssociatedResource associatedResource, String created, String eTag) {

  static final ModelJson.Binding<Alert> DECODER =
      new ModelJson.Binding<>(Alert.class, "alert", Alert::uri);

  /** The URI of the resource the alert is about, or null. */
  public String resourceUri() {
    return associatedResource == null ? null : associatedResource.resourceUri();
  }

  /** The alert a JSON document describes, as a GET returns it; values must be JSON values. */
  static Alert fromJson(Map<String, Object> json) {
    return DECODER.decode(json);
  }

  /**
   * The resource an alert is about.
   *
   * @param resourceUri its URI.
   * @param resourceName its name, or null.
   * @param resourceCategory its collection, such as {@code "server-hardware"}, or null.
   */
  public record AssociatedResource(String resourceUri, String resourceName, String resourceCategory) {}
}
