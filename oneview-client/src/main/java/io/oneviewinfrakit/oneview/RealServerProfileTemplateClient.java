package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link ServerProfileTemplateClient} over the REST API. Thread-safe. */
final class RealServerProfileTemplateClient implements ServerProfileTemplateClient {
  static final String COLLECTION = "/rest/server-profile-templates";

  private final OneViewApi api;
  private final Pager pager;

  RealServerProfileTemplateClient(OneViewApi api, Pager pager) {
    this.api = api;
    this.pager = pager;
  }

  @Override
  public List<ServerProfileTemplate> list() {
    return list(Query.all());
  }

  @Override
  public List<ServerProfileTemplate> list(Query query) {
    try (Stream<ServerProfileTemplate> stream = stream(query)) {
      return stream.toList();
    }
  }

  @Override
  public Stream<ServerProfileTemplate> stream(Query query) {
    Objects.requireNonNull(query, "query == null");
    return pager.stream(COLLECTION, query, ServerProfileTemplate::of);
  }

  @Override
  public ServerProfileTemplate get(String uri) {
    return ServerProfileTemplate.of(Http.body(api.get(Uris.check(uri, "uri"))));
  }

  @Override
  public Optional<ServerProfileTemplate> findByName(String name) {
    Objects.requireNonNull(name, "name == null");
    Query query;
    try {
      query = Query.builder().filter(Filter.seq("name", name)).build();
    } catch (IllegalArgumentException quoteInName) {
      query = Query.all(); // OneView cannot filter on such a name; compare every template instead.
    }
    // Compare again locally: appliances have answered filters inexactly, and the match must be exact.
    try (Stream<ServerProfileTemplate> stream = stream(query)) {
      return stream.filter(template -> name.equals(template.name())).findFirst();
    }
  }

  @Override
  public ServerProfile newProfile(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    String uri = template.uri();
    if (uri == null) throw new IllegalArgumentException("template has no uri: " + template);
    return ServerProfile.of(Http.body(api.get(uri + "/new-profile")));
  }
}
