package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network set ({@code /rest/network-sets/{id}}): Ethernet networks a single profile connection
 * can carry together. As read from the appliance, or the specification of one to {@link
 * NetworkSetClient#create create}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the set's URI; null in a specification.
 * @param name its name.
 * @param networkUris the Ethernet networks in the set.
 * @param nativeNetworkUri the member whose traffic is untagged, or null.
 */
public record NetworkSet(String uri, String name, List<String> networkUris, String nativeNetworkUri) {

  public NetworkSet {
    Objects.requireNonNull(name, "name == null");
    networkUris = List.copyOf(Objects.requireNonNull(networkUris, "networkUris == null"));
  }

  /** The specification of a new set named {@code name} holding {@code networkUris}. */
  public static NetworkSet of(String name, List<String> networkUris, String nativeNetworkUri) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) throw new IllegalArgumentException("name is blank");
    for (String uri : networkUris) Uris.check(uri, "networkUri");
    if (nativeNetworkUri != null && !networkUris.contains(nativeNetworkUri)) {
      throw new IllegalArgumentException("nativeNetworkUri is not one of networkUris: " + nativeNetworkUri);
    }
    return new NetworkSet(null, name, networkUris, nativeNetworkUri);
  }

  static NetworkSet fromJson(Map<String, Object> json) {
    return ModelJson.NETWORK_SET.decode(json);
  }


  Map<String, Object> createBody(String type) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (type != null) body.put("type", type);
    body.put("name", name);
    body.put("networkUris", networkUris);
    body.put("nativeNetworkUri", nativeNetworkUri);
    return body;
  }
}
