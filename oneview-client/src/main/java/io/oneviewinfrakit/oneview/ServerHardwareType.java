package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server hardware type ({@code /rest/server-hardware-types/{id}}): the model and adapter layout
 * that servers and templates share, referenced by their {@code serverHardwareTypeUri}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the type's URI.
 * @param name its name, such as {@code "BL460c Gen8 1"}.
 * @param model the server model, such as {@code "ProLiant BL460c Gen8"}, or null.
 * @param formFactor such as {@code "HalfHeight"} or {@code "1U"}, or null.
 * @param family such as {@code "BL"} or {@code "DL"}, or null.
 * @param bootModes the boot modes the type supports, such as {@code ["BIOS", "UEFI"]}; possibly
 *     empty (null reads as empty).
 * @param bootCapabilities the boot devices the type supports, such as {@code ["CD", "HardDisk",
 *     "PXE"]}; possibly empty.
 */
public record ServerHardwareType(
    String uri,
    String name,
    String model,
    String formFactor,
    String family,
    List<String> bootModes,
    List<String> bootCapabilities) {

  public ServerHardwareType {
    Objects.requireNonNull(uri, "uri == null");
    bootModes = ModelJson.nonNulls(bootModes);
    bootCapabilities = ModelJson.nonNulls(bootCapabilities);
  }

  static ServerHardwareType fromJson(Map<String, Object> json) {
    return ModelJson.SERVER_HARDWARE_TYPE.decode(json);
  }

  /** A builder for a {@code ServerHardwareType}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code ServerHardwareType}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.uri = uri;
    builder.name = name;
    builder.model = model;
    builder.formFactor = formFactor;
    builder.family = family;
    builder.bootModes = bootModes;
    builder.bootCapabilities = bootCapabilities;
    return builder;
  }

  /**
   * Builds a {@link ServerHardwareType}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private String uri;
    private String name;
    private String model;
    private String formFactor;
    private String family;
    private List<String> bootModes = List.of();
    private List<String> bootCapabilities = List.of();

    private Builder() {}

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder formFactor(String formFactor) {
      this.formFactor = formFactor;
      return this;
    }

    public Builder family(String family) {
      this.family = family;
      return this;
    }

    public Builder bootModes(List<String> bootModes) {
      this.bootModes = bootModes;
      return this;
    }

    public Builder bootCapabilities(List<String> bootCapabilities) {
      this.bootCapabilities = bootCapabilities;
      return this;
    }

    /**
     * The {@code ServerHardwareType}.
     *
     * @throws NullPointerException if {@code uri} is not set.
     */
    public ServerHardwareType build() {
      return new ServerHardwareType(uri, name, model, formFactor, family, bootModes, bootCapabilities);
    }
  }
}
