package io.oneviewinfrakit.oneview;

/**
 * How an Ethernet network carries its traffic ({@code ethernetNetworkType}). Strings this SDK does
 * not know map to {@link #UNKNOWN}.
 */
public enum EthernetNetworkType {
  /** 802.1Q tagged with the network's VLAN ID. */
  TAGGED("Tagged"),
  /** Untagged traffic; the network has no VLAN ID. */
  UNTAGGED("Untagged"),
  /** Every VLAN tag passed through unchanged. */
  TUNNEL("Tunnel"),
  UNKNOWN("Unknown");

  private final String wireName;

  EthernetNetworkType(String wireName) {
    this.wireName = wireName;
  }

  /** The string OneView uses, such as {@code "Tagged"}. */
  public String wireName() {
    return wireName;
  }

  static EthernetNetworkType of(String wireName) {
    return Json.enumOf(EthernetNetworkType.class, wireName, EthernetNetworkType::wireName, UNKNOWN);
  }
}
