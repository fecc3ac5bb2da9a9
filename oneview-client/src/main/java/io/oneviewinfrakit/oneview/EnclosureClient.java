package io.oneviewinfrakit.oneview;

/**
 * Reads enclosures ({@code /rest/enclosures}). Adding, refreshing or removing an enclosure is done
 * with {@link #resources()}, which keeps every field of the appliance's documents.
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 */
public final class EnclosureClient extends TypedResourceClient<Enclosure> {
  static final String COLLECTION = "/rest/enclosures";

  EnclosureClient(ResourceClient resources) {
    super(resources, Enclosure.DECODER, Enclosure::name);
  }
}
