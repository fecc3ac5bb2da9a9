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
    return ModelJson.FC_NETWORK.decode(json);
  }

  /** A builder for a {@code FcNetwork}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code FcNetwork}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.uri = uri;
    builder.name = name;
    builder.fabricType = fabricType;
    builder.managedSanUri = managedSanUri;
    return builder;
  }

  /**
   * Builds a {@link FcNetwork}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private String uri;
    private String name;
    private String fabricType;
    private String managedSanUri;

    private Builder() {}

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder fabricType(String fabricType) {
      this.fabricType = fabricType;
      return this;
    }

    public Builder managedSanUri(String managedSanUri) {
      this.managedSanUri = managedSanUri;
      return this;
    }

    /**
     * The {@code FcNetwork}.
     *
     * @throws NullPointerException if {@code uri} is not set.
     */
    public FcNetwork build() {
      return new FcNetwork(uri, name, fabricType, managedSanUri);
    }
  }
}
