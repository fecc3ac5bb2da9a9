package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Moshi binds OneView documents to the models: tolerant of what OneView adds, strict about identity. */
final class ModelBindingTest {
  @Test
  void enumsReadOneViewsNamesAndFallBackToUnknown() {
    assertThat(Status.of("Warning")).isEqualTo(Status.WARNING);
    assertThat(PowerState.of("PoweringOn")).isEqualTo(PowerState.POWERING_ON);
    assertThat(BootMode.Mode.of("UEFIOptimized")).isEqualTo(BootMode.Mode.UEFI_OPTIMIZED);
    assertThat(TaskState.of("Teleporting")).isEqualTo(TaskState.UNKNOWN);
    assertThat(ServerHardwareState.of(null)).isEqualTo(ServerHardwareState.UNKNOWN);
    assertThat(ServerHardwareState.NO_PROFILE_APPLIED.wireName()).isEqualTo("NoProfileApplied");
    assertThat(EthernetNetworkType.TAGGED.wireName()).isEqualTo("Tagged");
  }

  @Test
  void everyEnumConstantRoundTripsThroughItsWireName() {
    for (Class<? extends Enum<?>> type : List.of(Status.class, PowerState.class, ServerHardwareState.class,
        TaskState.class, EthernetNetworkType.class, TemplateCompliance.class, BootMode.Mode.class)) {
      for (Enum<?> constant : type.getEnumConstants()) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Enum<?> read = ModelJson.enumValue((Class) type, ModelJson.wireName(constant));
        assertThat(read).as(type.getSimpleName() + "." + constant.name()).isSameAs(constant);
      }
    }
  }

  @Test
  void serverHardwareReadsNestedPortMapMacsAndIgnoresUnknownFields() {
    ServerHardware hw = ServerHardware.fromJson(Json.parseObject("{\"uri\":\"/rest/server-hardware/1\","
        + "\"state\":\"NoProfileApplied\",\"status\":\"OK\",\"powerState\":\"Off\",\"memoryMb\":\"4096\","
        + "\"serverGroupUri\":\"\",\"futureField\":[{\"x\":1}],\"portMap\":{\"deviceSlots\":[{\"physicalPorts\":["
        + "{\"mac\":\"AA\",\"virtualPorts\":[{\"mac\":\"BB\"},{\"mac\":\"\"},null]},{\"mac\":\"AA\"}]},null]}}"));
    assertThat(hw.macs()).containsExactly("AA", "BB");
    assertThat(hw.memoryMb()).isEqualTo(4096L);
    assertThat(hw.serverGroupUri()).isNull();
    assertThat(hw.isFree()).isTrue();
  }

  @Test
  void documentWithoutUriFailsNamingTheModel() {
    assertThatThrownBy(() -> ServerHardware.fromJson(Json.parseObject("{\"name\":\"Encl1, bay 1\"}")))
        .isInstanceOf(OneViewException.class)
        .hasMessage("server hardware has no uri: Encl1, bay 1");
    assertThatThrownBy(() -> EnclosureGroup.fromJson(Json.parseObject("{\"name\":\"eg\"}")))
        .isInstanceOf(OneViewException.class)
        .hasMessage("enclosure group has no uri: eg");
    assertThatThrownBy(() -> ServerHardware.fromJson(Json.parseObject("{\"uri\":\"/rest/server-hardware/1\","
        + "\"portMap\":{\"deviceSlots\":\"none\"}}")))
        .isInstanceOf(OneViewException.class)
        .hasMessageStartingWith("Cannot read server hardware /rest/server-hardware/1: ")
        .hasMessageContaining("$.portMap.deviceSlots");
  }

  @Test
  void taskProgressIsClampedAndFractionsRoundDown() {
    Task task = Task.fromJson(Json.parseObject("{\"uri\":\"/rest/tasks/1\",\"taskState\":\"Running\","
        + "\"percentComplete\":37.5,\"associatedResource\":{\"resourceUri\":\"/rest/server-profiles/9\"},"
        + "\"taskErrors\":[{\"errorCode\":\"E1\",\"recommendedActions\":null}]}"));
    assertThat(task.percentComplete()).isEqualTo(37);
    assertThat(task.associatedResourceUri()).isEqualTo("/rest/server-profiles/9");
    assertThat(task.errors()).extracting(OneViewError::errorCode).containsExactly("E1");
    assertThat(task.errors().get(0).recommendedActions()).isEmpty();
    assertThat(Task.fromJson(Json.parseObject("{\"uri\":\"/rest/tasks/1\",\"percentComplete\":250}"))
        .percentComplete()).isEqualTo(100);
  }

  @Test
  void buildersDefaultToUnknownAndEmptyAndCopyEveryField() {
    ServerHardware built = ServerHardware.builder().uri("/rest/server-hardware/7").name("bay 7").build();
    assertThat(built.state()).isEqualTo(ServerHardwareState.UNKNOWN);
    assertThat(built.powerState()).isEqualTo(PowerState.UNKNOWN);
    assertThat(built.macs()).isEmpty();
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(built.toBuilder().powerState(PowerState.ON).build().powerState()).isEqualTo(PowerState.ON);
    assertThatThrownBy(() -> ServerHardware.builder().build())
        .isInstanceOf(NullPointerException.class).hasMessage("uri == null");

    Task task = Task.builder().uri("/rest/tasks/1").state(TaskState.COMPLETED).build();
    assertThat(task.errors()).isEmpty();
    assertThat(task.toBuilder().build()).isEqualTo(task);
    assertThat(Connection.builder().id(1).bootPriority("Primary").build())
        .isEqualTo(new Connection(1, null, null, null, null, null, null, "Primary"));
    assertThat(Firmware.builder().build()).isEqualTo(Firmware.UNMANAGED);
  }
}
