package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A physical server managed by the appliance ({@code /rest/server-hardware/{id}}), blade or rack.
 *
 * @param uri the server's URI.
 * @param name its name, such as {@code "Encl1, bay 3"}.
 * @param serialNumber its serial number, or null.
 * @param model its model, such as {@code "ProLiant BL460c Gen9"}, or null.
 * @param serverHardwareTypeUri its server hardware type.
 * @param serverGroupUri its enclosure group; null for rack servers.
 * @param serverProfileUri the profile applied to it; null when it has none.
 * @param state its lifecycle state.
 * @param status its health.
 * @param powerState its power state.
 * @param maintenanceMode true if an administrator put it in maintenance (false when not reported).
 * @param memoryMb its memory in MiB, or null.
 * @param processorCount its processor sockets, or null.
 * @param processorCoreCount cores per processor, or null.
 * @param macs every MAC address in its {@code portMap}: each physical port's MAC followed by its
 *     virtual ports' MACs; empty for servers without a port map (rack servers).
 * @param formFactor such as {@code "HalfHeight"} or {@code "1U"}, or null.
 * @param processorType such as {@code "Intel(R) Xeon(R) CPU E5620 @ 2.40GHz"}, or null.
 * @param processorSpeedMhz or null.
 * @param powerLock true while OneView holds the power (applying or removing a profile); false when
 *     not reported.
 */
public record ServerHardware(
    String uri,
    String name,
    String serialNumber,
    String model,
    String serverHardwareTypeUri,
    String serverGroupUri,
    String serverProfileUri,
    ServerHardwareState state,
    Status status,
    PowerState powerState,
    boolean maintenanceMode,
    Long memoryMb,
    Integer processorCount,
    Integer processorCoreCount,
    List<String> macs,
    String formFactor,
    String processorType,
    Integer processorSpeedMhz,
    boolean powerLock) {

  public ServerHardware {
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(powerState, "powerState == null");
    macs = List.copyOf(Objects.requireNonNull(macs, "macs == null"));
  }

  /**
   * True if a new profile may be applied: no profile, state {@code NoProfileApplied}, and not in
   * maintenance.
   */
  public boolean isFree() {
    return (serverProfileUri == null || serverProfileUri.isEmpty())
        && state == ServerHardwareState.NO_PROFILE_APPLIED
        && !maintenanceMode;
  }

  /** Total CPU cores ({@code processorCount * processorCoreCount}), or null if either is unknown. */
  public Integer cpuCores() {
    return processorCount == null || processorCoreCount == null ? null : processorCount * processorCoreCount;
  }

  /** True if the appliance reports the server's health as {@link Status#CRITICAL} (failed). */
  public boolean isCritical() {
    return status == Status.CRITICAL;
  }

  /** True if a profile from {@code template} fits this server (type and enclosure group match). */
  public boolean isCompatibleWith(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    return Objects.equals(serverHardwareTypeUri, template.serverHardwareTypeUri())
        && Objects.equals(emptyToNull(serverGroupUri), emptyToNull(template.enclosureGroupUri()));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * The server hardware a JSON document describes, as a GET returns it (for example the resource of
   * a State-Change Message Bus event); values must be JSON values.
   *
   * @throws OneViewException if the document has no {@code uri} or a field of the wrong type
   */
  public static ServerHardware of(Map<String, ?> json) {
    return ModelJson.SERVER_HARDWARE.decode(json);
  }

  static ServerHardware fromJson(Map<String, Object> json) {
    return ModelJson.SERVER_HARDWARE.decode(json);
  }

  /** A builder for a {@code ServerHardware}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code ServerHardware}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.uri = uri;
    builder.name = name;
    builder.serialNumber = serialNumber;
    builder.model = model;
    builder.serverHardwareTypeUri = serverHardwareTypeUri;
    builder.serverGroupUri = serverGroupUri;
    builder.serverProfileUri = serverProfileUri;
    builder.state = state;
    builder.status = status;
    builder.powerState = powerState;
    builder.maintenanceMode = maintenanceMode;
    builder.memoryMb = memoryMb;
    builder.processorCount = processorCount;
    builder.processorCoreCount = processorCoreCount;
    builder.macs = macs;
    builder.formFactor = formFactor;
    builder.processorType = processorType;
    builder.processorSpeedMhz = processorSpeedMhz;
    builder.powerLock = powerLock;
    return builder;
  }

  /**
   * Builds a {@link ServerHardware}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private String uri;
    private String name;
    private String serialNumber;
    private String model;
    private String serverHardwareTypeUri;
    private String serverGroupUri;
    private String serverProfileUri;
    private ServerHardwareState state = ServerHardwareState.UNKNOWN;
    private Status status = Status.UNKNOWN;
    private PowerState powerState = PowerState.UNKNOWN;
    private boolean maintenanceMode = false;
    private Long memoryMb;
    private Integer processorCount;
    private Integer processorCoreCount;
    private List<String> macs = List.of();
    private String formFactor;
    private String processorType;
    private Integer processorSpeedMhz;
    private boolean powerLock = false;

    private Builder() {}

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder serialNumber(String serialNumber) {
      this.serialNumber = serialNumber;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder serverHardwareTypeUri(String serverHardwareTypeUri) {
      this.serverHardwareTypeUri = serverHardwareTypeUri;
      return this;
    }

    public Builder serverGroupUri(String serverGroupUri) {
      this.serverGroupUri = serverGroupUri;
      return this;
    }

    public Builder serverProfileUri(String serverProfileUri) {
      this.serverProfileUri = serverProfileUri;
      return this;
    }

    public Builder state(ServerHardwareState state) {
      this.state = state;
      return this;
    }

    public Builder status(Status status) {
      this.status = status;
      return this;
    }

    public Builder powerState(PowerState powerState) {
      this.powerState = powerState;
      return this;
    }

    public Builder maintenanceMode(boolean maintenanceMode) {
      this.maintenanceMode = maintenanceMode;
      return this;
    }

    public Builder memoryMb(Long memoryMb) {
      this.memoryMb = memoryMb;
      return this;
    }

    public Builder processorCount(Integer processorCount) {
      this.processorCount = processorCount;
      return this;
    }

    public Builder processorCoreCount(Integer processorCoreCount) {
      this.processorCoreCount = processorCoreCount;
      return this;
    }

    public Builder macs(List<String> macs) {
      this.macs = macs;
      return this;
    }

    public Builder formFactor(String formFactor) {
      this.formFactor = formFactor;
      return this;
    }

    public Builder processorType(String processorType) {
      this.processorType = processorType;
      return this;
    }

    public Builder processorSpeedMhz(Integer processorSpeedMhz) {
      this.processorSpeedMhz = processorSpeedMhz;
      return this;
    }

    public Builder powerLock(boolean powerLock) {
      this.powerLock = powerLock;
      return this;
    }

    /**
     * The {@code ServerHardware}.
     *
     * @throws NullPointerException if {@code uri} is not set.
     */
    public ServerHardware build() {
      return new ServerHardware(uri, name, serialNumber, model, serverHardwareTypeUri, serverGroupUri,
          serverProfileUri, state, status, powerState, maintenanceMode, memoryMb, processorCount,
          processorCoreCount, macs, formFactor, processorType, processorSpeedMhz, powerLock);
    }
  }
}
