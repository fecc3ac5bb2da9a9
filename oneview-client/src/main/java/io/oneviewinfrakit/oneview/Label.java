package io.oneviewinfrakit.oneview;

import java.util.Map;

/**
 * A label ({@code /rest/labels/{id}}): a free-form tag assigned to resources (see {@link
 * LabelClient}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the label's URI; null in a label not yet created.
 * @param name its text.
 */
public record Label(String uri, String name) {
  static final ModelJson.Binding<Label> DECODER =
      new ModelJson.Binding<>(Label.class, "label", Label::uri);

  /** The label a JSON document describes, as a GET returns it; values must be JSON values. */
  static Label fromJson(Map<String, Object> json) {
    return DECODER.decode(json);
  }
}
