package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads labels ({@code /rest/labels}) and the labels of resources ({@code
 * /rest/labels/resources/{resourceUri}}, where the resource URI keeps its leading {@code /rest}).
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 */
public final class LabelClient extends TypedResourceClient<Label> {
  static final String COLLECTION = "/rest/labels";
  static final String RESOURCES = "/rest/labels/resources";

  LabelClient(ResourceClient resources) {
    super(resources, Label.DECODER, Label::name);
  }

  /**
   * The labels assigned to the resource at {@code resourceUri}; none is an empty list.
   *
   * @throws ResourceNotFoundException if there is no resource at {@code resourceUri}.
   */
  public ResourceLabels labelsOf(String resourceUri) {
    return ResourceLabels.fromJson(Http.body(resources.api().get(RESOURCES + checkResource(resourceUri))));
  }

  /**
   * Labels the resource at {@code resourceUri}, which has no labels yet, with {@code names}
   * ({@code POST /rest/labels/resources}), creating labels that do not exist yet, and returns the
   * labels it then has. The appliance makes the change at once.
   */
  public ResourceLabels assign(String resourceUri, List<String> names) {
    checkResource(resourceUri);
    Map<String, Object> body = body(resourceUri, names);
    Http.change(resources.api().post(RESOURCES, body));
    return labelsOf(resourceUri);
  }

  /**
   * Sets the labels of the resource at {@code resourceUri} to exactly {@code names} ({@code PUT
   * /rest/labels/resources/{resourceUri}}) and returns the labels it then has.
   */
  public ResourceLabels replace(String resourceUri, List<String> names) {
    checkResource(resourceUri);
    Map<String, Object> body = body(resourceUri, names);
    Http.change(resources.api().put(RESOURCES + resourceUri, null, body));
    return labelsOf(resourceUri);
  }

  private static Map<String, Object> body(String resourceUri, List<String> names) {
    Objects.requireNonNull(names, "names == null");
    if (names.isEmpty()) throw new IllegalArgumentException("names is empty");
    List<Map<String, Object>> labels = new ArrayList<>();
    for (String name : names) {
      Objects.requireNonNull(name, "label name == null");
      if (name.isBlank()) throw new IllegalArgumentException("label name is blank in " + names);
      Map<String, Object> label = new LinkedHashMap<>();
      label.put("name", name);
      labels.add(label);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("resourceUri", resourceUri);
    body.put("labels", labels);
    return body;
  }

  /** Removes every label from the resource at {@code resourceUri}; labels no resource has any more are deleted. */
  public void unassignAll(String resourceUri) {
    Http.change(resources.api().delete(RESOURCES + checkResource(resourceUri), null));
  }

  private static String checkResource(String resourceUri) {
    Uris.check(resourceUri, "resourceUri");
    if (!resourceUri.startsWith("/rest/")) {
      throw new IllegalArgumentException("resourceUri is not a OneView resource path such as /rest/server-profiles/{id}: \""
          + resourceUri + "\"");
    }
    return resourceUri;
  }
}
