package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link ServerProfileTemplateClient} over the REST API. Thread-safe. */
final class RealServerProfileTemplateClient implements ServerProfileTemplateClient {
  static final String COLLECTION = "/rest/server-profile-templates";

  private final OneViewApi api;
  private final ResourceReader<ServerProfileTemplate> reader;

  RealServerProfileTemplateClient(OneViewApi api, Pager pager) {
    this.api = api;
    this.reader = new ResourceReader<>(api, pager, COLLECTION, ServerProfileTemplate::of, ServerProfileTemplate::name);
  }

  @Override
  public List<ServerProfileTemplate> list() {
    return reader.list(Query.all());
  }

  @Override
  public List<ServerProfileTemplate> list(Query query) {
    return reader.list(query);
  }

  @Override
  public Stream<ServerProfileTemplate> stream(Query query) {
    return reader.stream(query);
  }

  @Override
  public ServerProfileTemplate get(String uri) {
    return reader.get(uri);
  }

  @Override
  public Optional<ServerProfileTemplate> findByName(String name) {
    return reader.findByName(name);
  }

  @Override
  public ServerProfile newProfile(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    String uri = template.uri();
    if (uri == null) throw new IllegalArgumentException("template has no uri: " + template);
    return ServerProfile.of(Http.body(api.get(uri + "/new-profile")));
  }
}
