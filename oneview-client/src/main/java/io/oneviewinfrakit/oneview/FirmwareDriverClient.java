package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads, deletes and builds custom firmware bundles ({@code /rest/firmware-drivers}), the baselines
 * profiles apply. Uploading a bundle is a multipart upload outside this client.
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

  /**
   * Starts building a custom baseline named {@code name} from the SPP at {@code baselineUri} and the
   * hotfix bundles at {@code hotfixUris} (a {@code POST} of {@code customBaselineName}, {@code
   * baselineUri} and {@code hotfixUris}); {@link PendingTask#awaitResourceUri} gives its URI.
   *
   * @throws IllegalArgumentException if {@code name} is blank or a URI is not a resource URI.
   */
  public PendingTask createCustomBaseline(String name, String baselineUri, List<String> hotfixUris) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) throw new IllegalArgumentException("name is blank");
    Objects.requireNonNull(hotfixUris, "hotfixUris == null");
    hotfixUris.forEach(uri -> Uris.check(uri, "hotfixUri"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customBaselineName", name);
    body.put("baselineUri", Uris.check(baselineUri, "baselineUri"));
    body.put("hotfixUris", List.copyOf(hotfixUris));
    return resources.create(body);
  }
}
