package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** {@link ServerProfileClient} over the REST API. Thread-safe. */
final class RealServerProfileClient implements ServerProfileClient {
  static final String COLLECTION = "/rest/server-profiles";

  private final OneViewApi api;
  private final Pager pager;
  private final ApiVersions apiVersions;

  RealServerProfileClient(OneViewApi api, Pager pager, ApiVersions apiVersions) {
    this.api = api;
    this.pager = pager;
    this.apiVersions = apiVersions;
  }

  @Override
  public List<ServerProfile> list() {
    return list(Query.all());
  }

  @Override
  public List<ServerProfile> list(Query query) {
    try (Stream<ServerProfile> stream = stream(query)) {
      return stream.toList();
    }
  }

  @Override
  public Stream<ServerProfile> stream(Query query) {
    Objects.requireNonNull(query, "query == null");
    return pager.stream(COLLECTION, query, ServerProfile::of);
  }

  @Override
  public ServerProfile get(String uri) {
    return ServerProfile.of(Http.body(api.get(Uris.check(uri, "uri"))));
  }

  @Override
  public Task create(ServerProfile profile) {
    Objects.requireNonNull(profile, "profile == null");
    return Http.task(api.post(COLLECTION, body(profile)));
  }

  @Override
  public Task update(ServerProfile profile) {
    Objects.requireNonNull(profile, "profile == null");
    String uri = profile.uri();
    if (uri == null) throw new IllegalArgumentException("profile has no uri; create it instead: " + profile);
    String eTag = profile.eTag();
    if (eTag == null || eTag.isEmpty()) {
      throw new IllegalArgumentException("profile has no eTag; get it from the appliance before updating: " + profile);
    }
    return Http.task(api.put(uri, eTag, body(profile)));
  }

  @Override
  public Task delete(String uri) {
    return Http.task(api.delete(Uris.check(uri, "uri"), null));
  }

  @Override
  public Task delete(String uri, boolean force) {
    return Http.task(api.delete(Uris.check(uri, "uri"), force ? Boolean.TRUE : null));
  }

  /**
   * The document to send: every field of {@code profile}, with {@code type} set to the schema of
   * the API version in use where OneView requires it (before 1600). From 1600 on a {@code type}
   * the document already has is kept as is.
   */
  private Map<String, Object> body(ServerProfile profile) {
    String type = ApiVersions.serverProfileType(apiVersions.version());
    if (type == null) return profile.json();
    Map<String, Object> body = new LinkedHashMap<>(profile.json());
    body.put("type", type);
    return body;
  }
}
