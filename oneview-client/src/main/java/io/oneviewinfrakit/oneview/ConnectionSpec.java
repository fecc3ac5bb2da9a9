package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A connection to add to a profile with {@link ServerProfile#withConnection} or {@link
 * ServerProfileClient#addConnection}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * ConnectionSpec spec = ConnectionSpec.builder(network.uri()).name("prod").requestedMbps("2500").build();
 * }</pre>
 *
 * @param networkUri the Ethernet network or network set to join.
 * @param id the connection's number; null takes the next free one.
 * @param name the connection's name, or null for none.
 * @param functionType {@code "Ethernet"} unless set.
 * @param portId {@code "Auto"} unless set (OneView picks a port).
 * @param requestedMbps such as {@code "2500"}; null leaves it to the network's connection template.
 * @param bootPriority {@code "NotBootable"} unless set.
 */
public record ConnectionSpec(
    String networkUri,
    Integer id,
    String name,
    String functionType,
    String portId,
    String requestedMbps,
    String bootPriority) {

  public ConnectionSpec {
    Uris.check(networkUri, "networkUri");
    Objects.requireNonNull(functionType, "functionType == null");
    Objects.requireNonNull(portId, "portId == null");
    Objects.requireNonNull(bootPriority, "bootPriority == null");
    if (id != null && id < 1) throw new IllegalArgumentException("id < 1: " + id);
  }

  /** A connection to {@code networkUri} with every other setting at its default. */
  public static ConnectionSpec to(String networkUri) {
    return builder(networkUri).build();
  }

  public static Builder builder(String networkUri) {
    return new Builder(networkUri);
  }

  /** The connection as OneView's JSON, numbered {@code id}; absent optional settings are left out. */
  Map<String, Object> toJson(int id) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", (long) id);
    if (name != null) json.put("name", name);
    json.put("functionType", functionType);
    json.put("networkUri", networkUri);
    json.put("portId", portId);
    if (requestedMbps != null) json.put("requestedMbps", requestedMbps);
    json.put("boot", Map.of("priority", bootPriority));
    return json;
  }

  /** Builds a {@link ConnectionSpec}. Not thread-safe. */
  public static final class Builder {
    private final String networkUri;
    private Integer id;
    private String name;
    private String functionType = "Ethernet";
    private String portId = "Auto";
    private String requestedMbps;
    private String bootPriority = "NotBootable";

    private Builder(String networkUri) {
      this.networkUri = Uris.check(networkUri, "networkUri");
    }

    public Builder id(int id) {
      if (id < 1) throw new IllegalArgumentException("id < 1: " + id);
      this.id = id;
      return this;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      return this;
    }

    public Builder functionType(String functionType) {
      this.functionType = Objects.requireNonNull(functionType, "functionType == null");
      return this;
    }

    public Builder portId(String portId) {
      this.portId = Objects.requireNonNull(portId, "portId == null");
      return this;
    }

    /** Such as {@code "2500"}; OneView writes bandwidth as a string. */
    public Builder requestedMbps(String requestedMbps) {
      this.requestedMbps = Objects.requireNonNull(requestedMbps, "requestedMbps == null");
      return this;
    }

    /** Such as {@code "Primary"} to PXE boot over this connection. */
    public Builder bootPriority(String bootPriority) {
      this.bootPriority = Objects.requireNonNull(bootPriority, "bootPriority == null");
      return this;
    }

    public ConnectionSpec build() {
      return new ConnectionSpec(networkUri, id, name, functionType, portId, requestedMbps, bootPriority);
    }
  }
}
