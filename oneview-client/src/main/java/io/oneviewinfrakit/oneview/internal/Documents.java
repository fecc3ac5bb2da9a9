package io.oneviewinfrakit.oneview.internal;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonReader;
import io.oneviewinfrakit.oneview.BootMode;
import io.oneviewinfrakit.oneview.Connection;
import io.oneviewinfrakit.oneview.EthernetNetwork;
import io.oneviewinfrakit.oneview.EthernetNetworkType;
import io.oneviewinfrakit.oneview.Firmware;
import io.oneviewinfrakit.oneview.NetworkSet;
import io.oneviewinfrakit.oneview.OneViewError;
import io.oneviewinfrakit.oneview.PowerState;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerHardwareState;
import io.oneviewinfrakit.oneview.Status;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.oneview.TaskState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * OneView documents as the appliance sends them, which Moshi binds, and the adapter methods that
 * read the SDK's models out of them. Not API: these records follow the wire format and change with
 * it. They are public only because Moshi binds public records.
 */
public final class Documents {
  /** The adapter methods ({@link FromJson}) to register with Moshi. */
  public static Documents adapters() {
    return new Documents();
  }

  private Documents() {}

  @FromJson
  public ServerHardware serverHardware(ServerHardwareDocument document) {
    return document.toModel();
  }

  /**
   * A server's {@code portMap} as the MACs of its ports: each physical port's, then its virtual
   * ports', in document order, each once. Read straight from the reader: binding the nested
   * slots and ports as records cost more than the rest of a server document together.
   */
  @FromJson
  public PortMacs portMacs(JsonReader reader) throws IOException {
    Set<String> macs = new LinkedHashSet<>();
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return new PortMacs(List.of());
    }
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(DEVICE_SLOTS) == 0) {
        eachObject(reader, slot -> {
          while (slot.hasNext()) {
            if (slot.selectName(PHYSICAL_PORTS) == 0) {
              eachObject(slot, port -> readPort(port, macs));
            } else {
              skipField(slot);
            }
          }
        });
      } else {
        skipField(reader);
      }
    }
    reader.endObject();
    return new PortMacs(new ArrayList<>(macs));
  }

  private static final JsonReader.Options DEVICE_SLOTS = JsonReader.Options.of("deviceSlots");
  private static final JsonReader.Options PHYSICAL_PORTS = JsonReader.Options.of("physicalPorts");
  private static final JsonReader.Options PORT_FIELDS = JsonReader.Options.of("mac", "virtualPorts");
  private static final JsonReader.Options MAC = JsonReader.Options.of("mac");

  /** One physical port: its MAC, then its virtual ports' MACs (read after the loop keeps that order). */
  private static void readPort(JsonReader port, Set<String> macs) throws IOException {
    String mac = null;
    List<String> virtual = new ArrayList<>();
    while (port.hasNext()) {
      switch (port.selectName(PORT_FIELDS)) {
        case 0 -> mac = macValue(port);
        case 1 -> eachObject(port, v -> {
          while (v.hasNext()) {
            if (v.selectName(MAC) == 0) {
              String m = macValue(v);
              if (m != null) virtual.add(m);
            } else {
              skipField(v);
            }
          }
        });
        default -> skipField(port);
      }
    }
    addIfPresent(macs, mac);
    for (String m : virtual) addIfPresent(macs, m);
  }

  private static String macValue(JsonReader reader) throws IOException {
    return reader.peek() == JsonReader.Token.NULL ? reader.nextNull() : reader.nextString();
  }

  /** Reads an array (or null) of objects, handing each (begun, ended by this) to {@code body}; nulls are skipped. */
  private static void eachObject(JsonReader reader, ObjectBody body) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.nextNull();
        continue;
      }
      reader.beginObject();
      body.read(reader);
      reader.endObject();
    }
    reader.endArray();
  }

  private static void skipField(JsonReader reader) throws IOException {
    reader.skipName();
    reader.skipValue();
  }

  private static void addIfPresent(Set<String> macs, String mac) {
    if (mac != null && !mac.isEmpty()) macs.add(mac);
  }

  private interface ObjectBody {
    void read(JsonReader object) throws IOException;
  }

  /** The MACs of a server's ports, in document order, each once. */
  public record PortMacs(List<String> macs) {}

  @FromJson
  public Task task(TaskDocument document) {
    return document.toModel();
  }

  @FromJson
  public EthernetNetwork ethernetNetwork(EthernetNetworkDocument document) {
    return document.toModel();
  }

  @FromJson
  public NetworkSet networkSet(NetworkSetDocument document) {
    return document.toModel();
  }

  @FromJson
  public Connection connection(ConnectionDocument document) {
    return document.toModel();
  }

  @FromJson
  public BootMode bootMode(BootModeDocument document) {
    return document.toModel();
  }

  @FromJson
  public Firmware firmware(FirmwareDocument document) {
    return document.toModel();
  }

  /** {@code list} without its null elements, unmodifiable; empty when {@code list} is null. */
  static <T> List<T> nonNulls(List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
  }

  /** An empty string as null: OneView writes {@code ""} for an unset URI. */
  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The document as the appliance sends it, which Moshi binds; {@link #toModel} reads the model out. */
  public record ServerHardwareDocument(
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
      Boolean maintenanceMode,
      Long memoryMb,
      Integer processorCount,
      Integer processorCoreCount,
      PortMacs portMap,
      String formFactor,
      String processorType,
      Integer processorSpeedMhz,
      Boolean powerLock) {

    public ServerHardware toModel() {
      return new ServerHardware(uri, name, serialNumber, model, serverHardwareTypeUri,
          emptyToNull(serverGroupUri), emptyToNull(serverProfileUri),
          state == null ? ServerHardwareState.UNKNOWN : state,
          status == null ? Status.UNKNOWN : status,
          powerState == null ? PowerState.UNKNOWN : powerState,
          Boolean.TRUE.equals(maintenanceMode), memoryMb, processorCount, processorCoreCount, macs(),
          formFactor, processorType, processorSpeedMhz, Boolean.TRUE.equals(powerLock));
    }

    private List<String> macs() {
      return portMap == null ? List.of() : portMap.macs();
    }
  }

  /** The document as the appliance sends it ({@code TaskResourceV2} and later), which Moshi binds. */
  public record TaskDocument(
      String uri,
      String name,
      TaskState taskState,
      String stateReason,
      Double percentComplete,
      AssociatedResource associatedResource,
      List<OneViewError> taskErrors,
      String taskStatus) {

    public Task toModel() {
      int percent = percentComplete == null ? 0 : (int) Math.max(0, Math.min(100, percentComplete));
      return new Task(uri, name, taskState == null ? TaskState.UNKNOWN : taskState, stateReason, percent,
          associatedResource == null ? null : associatedResource.resourceUri(),
          nonNulls(taskErrors), taskStatus);
    }
  }

  public record AssociatedResource(String resourceUri) {}

  /** The document as the appliance sends it, which Moshi binds. */
  public record EthernetNetworkDocument(
      String uri,
      String name,
      Integer vlanId,
      String purpose,
      Boolean smartLink,
      Boolean privateNetwork,
      EthernetNetworkType ethernetNetworkType,
      String connectionTemplateUri) {

    public EthernetNetwork toModel() {
      Objects.requireNonNull(uri, "uri == null");
      return new EthernetNetwork(uri, name == null ? "" : name, vlanId, purpose, Boolean.TRUE.equals(smartLink),
          Boolean.TRUE.equals(privateNetwork),
          ethernetNetworkType == null ? EthernetNetworkType.UNKNOWN : ethernetNetworkType, connectionTemplateUri);
    }
  }

  /** The document as the appliance sends it, which Moshi binds. */
  public record NetworkSetDocument(String uri, String name, List<String> networkUris, String nativeNetworkUri) {
    public NetworkSet toModel() {
      Objects.requireNonNull(uri, "uri == null");
      return new NetworkSet(uri, name == null ? "" : name, nonNulls(networkUris), nativeNetworkUri);
    }
  }

  /** The document as the appliance sends it, which Moshi binds. */
  public record ConnectionDocument(
      Integer id,
      String name,
      String functionType,
      String networkUri,
      String portId,
      String requestedMbps,
      String mac,
      Boot boot) {

    public Connection toModel() {
      return new Connection(id, name, functionType, networkUri, portId, requestedMbps, mac,
          boot == null ? null : boot.priority());
    }
  }

  public record Boot(String priority) {}

  /** The section as the appliance sends it, which Moshi binds. */
  public record BootModeDocument(Boolean manageMode, BootMode.Mode mode, String pxeBootPolicy) {
    public BootMode toModel() {
      return new BootMode(Boolean.TRUE.equals(manageMode), mode == null ? BootMode.Mode.UNKNOWN : mode, pxeBootPolicy);
    }
  }

  /** The section as the appliance sends it, which Moshi binds. */
  public record FirmwareDocument(
      Boolean manageFirmware, String firmwareBaselineUri, Boolean forceInstallFirmware, String firmwareInstallType) {
    public Firmware toModel() {
      return new Firmware(Boolean.TRUE.equals(manageFirmware), firmwareBaselineUri,
          Boolean.TRUE.equals(forceInstallFirmware), firmwareInstallType);
    }
  }
}
