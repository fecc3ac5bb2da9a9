package io.oneviewinfrakit.oneview;

import java.util.Objects;

/** {@link NetworkSetClient} over the collection's {@link ResourceClient}. Thread-safe. */
final class RealNetworkSetClient extends TypedResourceClient<NetworkSet> implements NetworkSetClient {
  static final String COLLECTION = "/rest/network-sets";

  private final ApiVersions apiVersions;

  RealNetworkSetClient(ResourceClient resources, ApiVersions apiVersions) {
    super(resources, ModelJson.NETWORK_SET, NetworkSet::name);
    this.apiVersions = apiVersions;
  }

  @Override
  public Task create(NetworkSet spec) {
    Objects.requireNonNull(spec, "spec == null");
    return resources.create(spec.createBody(ApiVersions.networkSetType(apiVersions.version()))).task();
  }

  @Override
  public Task delete(String uri) {
    return resources.delete(uri).task();
  }
}
