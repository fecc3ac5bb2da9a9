package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link NetworkSetClient} over the REST API. Thread-safe. */
final class RealNetworkSetClient implements NetworkSetClient {
  static final String COLLECTION = "/rest/network-sets";

  private final OneViewApi api;
  private final ApiVersions apiVersions;
  private final ResourceReader<NetworkSet> reader;

  RealNetworkSetClient(OneViewApi api, Pager pager, ApiVersions apiVersions) {
    this.api = api;
    this.apiVersions = apiVersions;
    this.reader = new ResourceReader<>(api, pager, COLLECTION, NetworkSet::fromJson, NetworkSet::name);
  }

  @Override
  public List<NetworkSet> list() {
    return reader.list(Query.all());
  }

  @Override
  public List<NetworkSet> list(Query query) {
    return reader.list(query);
  }

  @Override
  public Stream<NetworkSet> stream(Query query) {
    return reader.stream(query);
  }

  @Override
  public NetworkSet get(String uri) {
    return reader.get(uri);
  }

  @Override
  public Optional<NetworkSet> findByName(String name) {
    return reader.findByName(name);
  }

  @Override
  public Task create(NetworkSet spec) {
    Objects.requireNonNull(spec, "spec == null");
    return Http.task(api.post(COLLECTION, spec.createBody(ApiVersions.networkSetType(apiVersions.version()))));
  }

  @Override
  public Task delete(String uri) {
    return Http.task(api.delete(Uris.check(uri, "uri"), null));
  }
}
