package io.oneviewinfrakit.oneview;

/** {@link EnclosureGroupClient} over the collection's {@link ResourceClient}. Thread-safe. */
final class RealEnclosureGroupClient extends TypedResourceClient<EnclosureGroup> implements EnclosureGroupClient {
  static final String COLLECTION = "/rest/enclosure-groups";

  RealEnclosureGroupClient(ResourceClient resources) {
    super(resources, ModelJson.ENCLOSURE_GROUP, EnclosureGroup::name);
  }
}
