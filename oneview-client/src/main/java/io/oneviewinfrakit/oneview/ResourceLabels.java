package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;

/**
 * The labels assigned to one resource ({@code /rest/labels/resources/{resourceUri}}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri this assignment's URI, {@code /rest/labels/resources} followed by {@code resourceUri}.
 * @param resourceUri the labelled resource.
 * @param category the resource's collection, such as {@code "server-profiles"}, or null.
 * @param labels the labels assigned to it; possibly empty.
 * @param eTag the assignment's version, or null.
 */
public record ResourceLabels(String uri, String resourceUri, String category, List<Label> labels, String eTag) {
  static final ModelJson.Binding<ResourceLabels> DECODER =
      new ModelJson.Binding<>(ResourceLabels.class, "resource labels", ResourceLabels::uri);

  public ResourceLabels {
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /** The names of {@link #labels}, in order. */
  public List<String> names() {
    return labels.stream().map(Label::name).toList();
  }

  /** The assignment a JSON document describes, as a GET returns it; values must be JSON values. */
  static ResourceLabels fromJson(Map<String, Object> json) {
    return DECODER.decode(json);
  }
}
