package io.oneviewinfrakit.oneview;

import java.util.Objects;

/** {@link EthernetNetworkClient} over the collection's {@link ResourceClient}. Thread-safe. */
final class RealEthernetNetworkClient extends TypedResourceClient<EthernetNetwork> implements EthernetNetworkClient {
  static final String COLLECTION = "/rest/ethernet-networks";

  private final ApiVersions apiVersions;

  RealEthernetNetworkClient(ResourceClient resources, ApiVersions apiVersions) {
    super(resources, ModelJson.ETHERNET_NETWORK, EthernetNetwork::name);
    this.apiVersions = apiVersions;
  }

  @Override
  public Task create(EthernetNetwork spec) {
    Objects.requireNonNull(spec, "spec == null");
    return resources.create(spec.createBody(ApiVersions.ethernetNetworkType(apiVersions.version()))).task();
  }

  @Override
  public Task delete(String uri) {
    return resources.delete(uri).task();
  }
}
