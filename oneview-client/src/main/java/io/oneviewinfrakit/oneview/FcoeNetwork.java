package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Fibre Channel over Ethernet network ({@code /rest/fcoe-networks/{id}}), which a profile's FCoE
 * connections name in {@code networkUri}. Describe one to create with {@link #builder}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the network's URI; null in a description of a network to create.
 * @param name its name, such as {@code "FCoE-A"}.
 * @param vlanId its VLAN (1 to 4094), or null.
 * @param fabricUri the fabric it belongs to, or null.
 * @param managedSanUri the managed SAN it is attached to, or null.
 * @param connectionTemplateUri the template of its default bandwidth, or null.
 * @param status health, such as {@code "OK"}, or null.
 * @param eTag its version, or null.
 */
public record FcoeNetwork(String uri, String name, Integer vlanId, String fabricUri, String managedSanUri,
    String connectionTemplateUri, String status, String eTag) {

  static final ModelJson.Binding<FcoeNetwork> DECODER =
      new ModelJson.Binding<>(FcoeNetwork.class, "FCoE network", FcoeNetwork::uri);

  /** A description of a new network named {@code name} on VLAN {@code vlanId}, for {@link FcoeNetworkClient#create}. */
  public static Builder builder(String name, int vlanId) {
    return new Builder(name, vlanId);
  }

  /** The network a JSON document describes, as a GET returns it; values must be JSON values. */
  static FcoeNetwork fromJson(Map<String, Object> json) {
    return DECODER.decode(json);
  }

  /** The POST body creating this network; {@code type} is the API version's schema, or null to leave it out. */
  Map<String, Object> createBody(String type) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (type != null) body.put("type", type);
    body.put("name", name);
    body.put("vlanId", vlanId);
    if (managedSanUri != null) body.put("managedSanUri", managedSanUri);
    if (connectionTemplateUri != null) body.put("connectionTemplateUri", connectionTemplateUri);
    return body;
  }

  /** Describes an FCoE network to create. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final int vlanId;
    private String managedSanUri;
    private String connectionTemplateUri;

    private Builder(String name, int vlanId) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank()) throw new IllegalArgumentException("name is blank");
      if (vlanId < 1 || vlanId > 4094) throw new IllegalArgumentException("vlanId must be 1..4094: " + vlanId);
      this.name = name;
      this.vlanId = vlanId;
    }

    /** The managed SAN to attach the network to. */
    public Builder managedSanUri(String managedSanUri) {
      this.managedSanUri = Uris.check(managedSanUri, "managedSanUri");
      return this;
    }

    /** The connection template giving the network's default bandwidth. */
    public Builder connectionTemplateUri(String connectionTemplateUri) {
      this.connectionTemplateUri = Uris.check(connectionTemplateUri, "connectionTemplateUri");
      return this;
    }

    public FcoeNetwork build() {
      return new FcoeNetwork(null, name, vlanId, null, managedSanUri, connectionTemplateUri, null, null);
    }
  }
}
