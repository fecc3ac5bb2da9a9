package io.oneviewinfrakit.oneview;

/** {@link FcNetworkClient} over the collection's {@link ResourceClient}. Thread-safe. */
final class RealFcNetworkClient extends TypedResourceClient<FcNetwork> implements FcNetworkClient {
  static final String COLLECTION = "/rest/fc-networks";

  RealFcNetworkClient(ResourceClient resources) {
    super(resources, ModelJson.FC_NETWORK, FcNetwork::name);
  }
}
