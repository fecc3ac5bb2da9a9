package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An Ethernet network ({@code /rest/ethernet-networks/{id}}), as read from the appliance or as the
 * specification of one to {@link EthernetNetworkClient#create create}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * EthernetNetwork spec = EthernetNetwork.builder("prod-101").vlanId(101).build();
 * ov.tasks().await(ov.ethernetNetworks().create(spec), Duration.ofMinutes(2));
 * }</pre>
 *
 * @param uri the network's URI; null in a specification.
 * @param name its name.
 * @param vlanId its VLAN ID; null for untagged and tunnel networks.
 * @param purpose such as {@code "General"}, {@code "Management"}, {@code "VMMigration"},
 *     {@code "FaultTolerance"} or {@code "ISCSI"}; null if not reported.
 * @param smartLink whether smart link is on.
 * @param privateNetwork whether servers on the network are isolated from each other.
 * @param ethernetNetworkType how traffic is carried.
 * @param connectionTemplateUri the connection template holding its bandwidth; null in a
 *     specification.
 */
public record EthernetNetwork(
    String uri,
    String name,
    Integer vlanId,
    String purpose,
    boolean smartLink,
    boolean privateNetwork,
    EthernetNetworkType ethernetNetworkType,
    String connectionTemplateUri) {

  public EthernetNetwork {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(ethernetNetworkType, "ethernetNetworkType == null");
  }

  /** A builder for the specification of a new network named {@code name}; tagged by default. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  static EthernetNetwork fromJson(Map<String, Object> json) {
    return ModelJson.ETHERNET_NETWORK.decode(json);
  }


  /** The creation body: only the settable fields, {@code vlanId} only when there is one. */
  Map<String, Object> createBody(String type) {
    if (ethernetNetworkType == EthernetNetworkType.UNKNOWN) {
      throw new IllegalArgumentException("ethernetNetworkType UNKNOWN cannot be created: " + name);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (type != null) body.put("type", type);
    body.put("name", name);
    if (vlanId != null) body.put("vlanId", vlanId);
    body.put("purpose", purpose == null ? "General" : purpose);
    body.put("smartLink", smartLink);
    body.put("privateNetwork", privateNetwork);
    body.put("ethernetNetworkType", ethernetNetworkType.wireName());
    return body;
  }

  /** Builds the specification of a new {@link EthernetNetwork}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private Integer vlanId;
    private String purpose = "General";
    private boolean smartLink;
    private boolean privateNetwork;
    private EthernetNetworkType type = EthernetNetworkType.TAGGED;

    private Builder(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank()) throw new IllegalArgumentException("name is blank");
      this.name = name;
    }

    /** The VLAN ID, 1 to 4094; required for tagged networks. */
    public Builder vlanId(int vlanId) {
      if (vlanId < 1 || vlanId > 4094) throw new IllegalArgumentException("vlanId not in 1..4094: " + vlanId);
      this.vlanId = vlanId;
      return this;
    }

    /** Such as {@code "General"} (the default) or {@code "Management"}. */
    public Builder purpose(String purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose == null");
      return this;
    }

    /** Smart link; off by default. */
    public Builder smartLink(boolean smartLink) {
      this.smartLink = smartLink;
      return this;
    }

    /** Private network; off by default. */
    public Builder privateNetwork(boolean privateNetwork) {
      this.privateNetwork = privateNetwork;
      return this;
    }

    /** {@link EthernetNetworkType#TAGGED} by default. */
    public Builder ethernetNetworkType(EthernetNetworkType type) {
      Objects.requireNonNull(type, "type == null");
      if (type == EthernetNetworkType.UNKNOWN) throw new IllegalArgumentException("type UNKNOWN cannot be created");
      this.type = type;
      return this;
    }

    /**
     * The specification.
     *
     * @throws IllegalStateException if a tagged network has no VLAN ID, or another kind has one.
     */
    public EthernetNetwork build() {
      if (type == EthernetNetworkType.TAGGED && vlanId == null) {
        throw new IllegalStateException("vlanId required for a tagged network: " + name);
      }
      if (type != EthernetNetworkType.TAGGED && vlanId != null) {
        throw new IllegalStateException("vlanId set for a " + type.wireName() + " network: " + name);
      }
      return new EthernetNetwork(null, name, vlanId, purpose, smartLink, privateNetwork, type, null);
    }
  }
}
