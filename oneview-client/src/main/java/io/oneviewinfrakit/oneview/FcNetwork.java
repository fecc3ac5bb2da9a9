package io.oneviewinfrakit.oneview;

import java.util.Map;
import java.util.Objects;

/**
 * A Fibre Channel network ({@code /rest/fc-networks/{id}}), which a profile's FC connections name in
 * {@code networkUri}. Read-only in this SDK.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the network's URI.
 * @param name its name, such as {@code "SAN-A"}.
 * @param fabricType {@code FabricAttach} or {@code DirectAttach}, or null.
 * @param managedSanUri the managed SAN it is attached to, or null.
 */
public record FcNetwork(String uri, String name, String fabricType, String managedSanUri) {

  public FcNetwork {
    Objects.requireNonNull(uri, "uri == null");
  }

  static FcNetwork fromJson(Map<String, Object> json) {
    String uri = Json.string(json, "uri");
    if (uri == null) throw new OneViewException("Fibre Channel network has no uri: " + Json.string(json, "name"));
    return new FcNetwork(uri, Json.string(json, "name"), Json.string(json, "fabricType"),
        Json.string(json, "managedSanUri"));
  }
}
