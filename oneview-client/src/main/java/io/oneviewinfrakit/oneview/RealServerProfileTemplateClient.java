package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@link ServerProfileTemplateClient} over the collection's {@link ResourceClient}. Thread-safe. */
final class RealServerProfileTemplateClient extends TypedResourceClient<ServerProfileTemplate>
    implements ServerProfileTemplateClient {
  static final String COLLECTION = "/rest/server-profile-templates";

  private final ApiVersions apiVersions;

  RealServerProfileTemplateClient(ResourceClient resources, ApiVersions apiVersions) {
    super(resources, ServerProfileTemplate::of, ServerProfileTemplate::name);
    this.apiVersions = apiVersions;
  }

  @Override
  public ServerProfile newProfile(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    String uri = template.uri();
    if (uri == null) throw new IllegalArgumentException("template has no uri: " + template);
    return ServerProfile.of(Http.body(resources.api().get(uri + "/new-profile")));
  }

  @Override
  public PendingTask create(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    return resources.create(body(template));
  }

  @Override
  public PendingTask update(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    return resources.update(template.uri(), template.eTag(), body(template), template.toString());
  }

  @Override
  public PendingTask delete(String uri) {
    return resources.delete(uri);
  }

  /** Every field of {@code template}, with {@code type} set to the API version's schema before 1600. */
  private Map<String, Object> body(ServerProfileTemplate template) {
    String type = ApiVersions.serverProfileTemplateType(apiVersions.version());
    if (type == null) return template.json();
    Map<String, Object> body = new LinkedHashMap<>(template.json());
    body.put("type", type);
    return body;
  }
}
