package io.oneviewinfrakit.oneview;

import java.util.Objects;

/**
 * Reads, creates and deletes Fibre Channel over Ethernet networks ({@code /rest/fcoe-networks}).
 *
 * <p>Thread-safe. Failures are {@link OneViewException}s.
 */
public final class FcoeNetworkClient extends TypedResourceClient<FcoeNetwork> {
  static final String COLLECTION = "/rest/fcoe-networks";

  private final ApiVersions apiVersions;

  FcoeNetworkClient(ResourceClient resources, ApiVersions apiVersions) {
    super(resources, FcoeNetwork.DECODER, FcoeNetwork::name);
    this.apiVersions = apiVersions;
  }

  /**
   * Starts creating the network {@code spec} describes (its {@code uri} is ignored); below API 1600
   * the body carries the versioned {@code type}. {@link PendingTask#awaitResourceUri} gives its URI.
   */
  public PendingTask create(FcoeNetwork spec) {
    Objects.requireNonNull(spec, "spec == null");
    return resources.create(spec.createBody(ApiVersions.fcoeNetworkType(apiVersions.version())));
  }

  /** Starts deleting the network at {@code uri}. */
  public PendingTask delete(String uri) {
    return resources.delete(uri);
  }
}
