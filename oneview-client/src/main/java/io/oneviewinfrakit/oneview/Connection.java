package io.oneviewinfrakit.oneview;

import java.util.Map;

/**
 * A network connection of a profile or template: one port function of the server joined to an
 * Ethernet network, network set or Fibre Channel network.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the connection's number within its profile, or null if not reported.
 * @param name its name, or null.
 * @param functionType such as {@code "Ethernet"} or {@code "FibreChannel"}, or null.
 * @param networkUri the network or network set it joins, or null.
 * @param portId the port, such as {@code "Mezz 3:1-a"} or {@code "Auto"}, or null.
 * @param requestedMbps the bandwidth asked for as OneView writes it (a string such as {@code
 *     "2500"}; older APIs sent a number, read here as its digits), or null.
 * @param mac the MAC address OneView assigned, or null before it did.
 * @param bootPriority such as {@code "NotBootable"}, {@code "Primary"} or {@code "Secondary"}, or
 *     null.
 */
public record Connection(
    Integer id,
    String name,
    String functionType,
    String networkUri,
    String portId,
    String requestedMbps,
    String mac,
    String bootPriority) {

  static Connection fromJson(Map<String, Object> json) {
    return ModelJson.CONNECTION.decode(json);
  }

  /** A builder for a {@code Connection}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code Connection}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.id = id;
    builder.name = name;
    builder.functionType = functionType;
    builder.networkUri = networkUri;
    builder.portId = portId;
    builder.requestedMbps = requestedMbps;
    builder.mac = mac;
    builder.bootPriority = bootPriority;
    return builder;
  }

  /**
   * Builds a {@link Connection}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private Integer id;
    private String name;
    private String functionType;
    private String networkUri;
    private String portId;
    private String requestedMbps;
    private String mac;
    private String bootPriority;

    private Builder() {}

    public Builder id(Integer id) {
      this.id = id;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder functionType(String functionType) {
      this.functionType = functionType;
      return this;
    }

    public Builder networkUri(String networkUri) {
      this.networkUri = networkUri;
      return this;
    }

    public Builder portId(String portId) {
      this.portId = portId;
      return this;
    }

    public Builder requestedMbps(String requestedMbps) {
      this.requestedMbps = requestedMbps;
      return this;
    }

    public Builder mac(String mac) {
      this.mac = mac;
      return this;
    }

    public Builder bootPriority(String bootPriority) {
      this.bootPriority = bootPriority;
      return this;
    }

    /** The {@code Connection}. */
    public Connection build() {
      return new Connection(id, name, functionType, networkUri, portId, requestedMbps, mac, bootPriority);
    }
  }
}
