package io.oneviewinfrakit.oneview;

/**
 * Reads and deletes firmware bundles ({@code /rest/firmware-drivers}), the baselines profiles
 * apply. Uploading a bundle is a multipart upload outside this client.
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 */
public final class FirmwareDriverClient extends TypedResourceClient<FirmwareDriver> {
  static final String COLLECTION = "/rest/firmware-drivers";

  FirmwareDriverClient(ResourceClient resources) {
    super(resources, FirmwareDriver.DECODER, FirmwareDriver::name);
  }

  /** Starts removing the bundle at {@code uri} from the appliance; profiles using it as a baseline make it refuse. */
  public PendingTask delete(String uri) {
    return resources.delete(uri);
  }
}
