package io.oneviewinfrakit.oneview;

import com.squareup.moshi.Json;

/**
 * How an Ethernet network carries its traffic ({@code ethernetNetworkType}). Strings this SDK does
 * not know map to {@link #UNKNOWN}.
 */
public enum EthernetNetworkType {
  /** 802.1Q tagged with the network's VLAN ID. */
  @Json(name = "Tagged")
  TAGGED,
  /** Untagged traffic; the network has no VLAN ID. */
  @Json(name = "Untagged")
  UNTAGGED,
  /** Every VLAN tag passed through unchanged. */
  @Json(name = "Tunnel")
  TUNNEL,
  @Json(name = "Unknown")
  UNKNOWN;

  /** The string OneView uses, such as {@code "Tagged"}. */
  public String wireName() {
    return ModelJson.wireName(this);
  }

  static EthernetNetworkType of(String wireName) {
    return ModelJson.enumValue(EthernetNetworkType.class, wireName);
  }
}
