package io.oneviewinfrakit.oneview;

/** {@link ServerHardwareTypeClient} over the collection's {@link ResourceClient}. Thread-safe. */
final class RealServerHardwareTypeClient extends TypedResourceClient<ServerHardwareType> implements ServerHardwareTypeClient {
  static final String COLLECTION = "/rest/server-hardware-types";

  RealServerHardwareTypeClient(ResourceClient resources) {
    super(resources, ModelJson.SERVER_HARDWARE_TYPE, ServerHardwareType::name);
  }
}
