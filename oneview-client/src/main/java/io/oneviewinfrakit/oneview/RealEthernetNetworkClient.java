package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link EthernetNetworkClient} over the REST API. Thread-safe. */
final class RealEthernetNetworkClient implements EthernetNetworkClient {
  static final String COLLECTION = "/rest/ethernet-networks";

  private final OneViewApi api;
  private final ApiVersions apiVersions;
  private final ResourceReader<EthernetNetwork> reader;

  RealEthernetNetworkClient(OneViewApi api, Pager pager, ApiVersions apiVersions) {
    this.api = api;
    this.apiVersions = apiVersions;
    this.reader = new ResourceReader<>(api, pager, COLLECTION, EthernetNetwork::fromJson, EthernetNetwork::name);
  }

  @Override
  public List<EthernetNetwork> list() {
    return reader.list(Query.all());
  }

  @Override
  public List<EthernetNetwork> list(Query query) {
    return reader.list(query);
  }

  @Override
  public Stream<EthernetNetwork> stream(Query query) {
    return reader.stream(query);
  }

  @Override
  public EthernetNetwork get(String uri) {
    return reader.get(uri);
  }

  @Override
  public Optional<EthernetNetwork> findByName(String name) {
    return reader.findByName(name);
  }

  @Override
  public Task create(EthernetNetwork spec) {
    Objects.requireNonNull(spec, "spec == null");
    return Http.task(api.post(COLLECTION, spec.createBody(ApiVersions.ethernetNetworkType(apiVersions.version()))));
  }

  @Override
  public Task delete(String uri) {
    return Http.task(api.delete(Uris.check(uri, "uri"), null));
  }
}
