package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.Attachment;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.InterfaceSpec;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every SPI method through {@link InstancePluginClient} and {@link PluginServer} over a real Unix socket. */
class ClientServerRoundTripTest {
  private final FakeInstancePlugin plugin = new FakeInstancePlugin();
  private final FakeInstancePlugin gpu = new FakeInstancePlugin();
  private TempPluginsDir dir;
  private PluginServer server;
  private InstancePluginClient client;

  @BeforeEach
  void start() {
    dir = new TempPluginsDir();
    server = PluginServer.builder().name("instance-test").pluginsDirectory(dir.path)
        .instancePlugin(plugin).instancePlugin("gpu", gpu).shutdownHook(false).build().start();
    client = InstancePluginClient.connect(server.socketPath());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    dir.close();
  }

  @Test
  void validatePassesPropertiesVerbatim() throws Exception {
    RawJson properties = RawJson.of("{\"b\":1.50,\"a\":[12345678901234567890, null]}");
    client.validate(properties);
    assertThat(plugin.calls.take()).containsExactly("validate", properties);
  }

  @Test
  void validateErrorMessageCrossesTheWire() {
    plugin.doValidate = p -> {
      throw new IllegalArgumentException("TemplateName is required");
    };
    assertThatThrownBy(() -> client.validate(RawJson.EMPTY_OBJECT))
        .isInstanceOf(PluginException.class).hasMessage("TemplateName is required")
        .satisfies(e -> assertThat(((PluginException) e).code()).isEqualTo(-32000));
  }

  @Test
  void provisionPassesTheWholeSpecAndReturnsTheId() throws Exception {
    plugin.doProvision = s -> InstanceId.of("web-7");
    InstanceSpec spec = InstanceSpec.builder().properties("{\"TemplateName\":\"web\"}")
        .tag("infrakit.group", "workers").tag("infrakit.config.hash", "abc").init("echo hello\necho bye")
        .logicalId(LogicalId.of("10.0.0.7")).attachment(new Attachment("vol-1", "ebs")).build();

    assertThat(client.provision(spec)).isEqualTo(InstanceId.of("web-7"));
    assertThat(plugin.calls.take()).containsExactly("provision", spec);
  }

  @Test
  void provisionWithoutLogicalIdOrAttachmentsRoundTrips() throws Exception {
    InstanceSpec spec = InstanceSpec.builder().properties("{}").build();
    client.provision(spec);
    assertThat(plugin.calls.take()).containsExactly("provision", spec);
  }

  @Test
  void provisionReturningNullIsAnErrorNotANullId() {
    plugin.doProvision = s -> null;
    assertThatThrownBy(() -> client.provision(InstanceSpec.builder().build()))
        .isInstanceOf(PluginException.class).hasMessage("plugin returned no instance ID");
  }

  @Test
  void labelPassesIdAndLabels() throws Exception {
    client.label(InstanceId.of("i-3"), Map.of("infrakit.group", "workers", "infrakit.config.hash", "new"));
    assertThat(plugin.calls.take()).containsExactly("label", InstanceId.of("i-3"),
        Map.of("infrakit.group", "workers", "infrakit.config.hash", "new"));
  }

  @Test
  void destroyPassesEveryContext() throws Exception {
    for (DestroyContext context : DestroyContext.values()) {
      client.destroy(InstanceId.of("i-4"), context);
      assertThat(plugin.calls.take()).containsExactly("destroy", InstanceId.of("i-4"), context);
    }
  }

  @Test
  void describeReturnsDescriptionsWithAndWithoutProperties() throws Exception {
    InstanceDescription full = new InstanceDescription(InstanceId.of("i-1"), LogicalId.of("pet-1"),
        Map.of("infrakit.group", "workers"), RawJson.of("{\"state\":\"on\",\"n\":9007199254740993}"));
    InstanceDescription bare = InstanceDescription.of(InstanceId.of("i-2"), Map.of());
    plugin.doDescribe = (tags, properties) -> List.of(full, bare);

    assertThat(client.describeInstances(Map.of("infrakit.group", "workers"), true)).containsExactly(full, bare);
    assertThat(plugin.calls.take()).containsExactly("describe", Map.of("infrakit.group", "workers"), true);
  }

  @Test
  void describeOfNothingIsAnEmptyList() {
    assertThat(client.describeInstances(Map.of(), false)).isEmpty();
  }

  @Test
  void describeReturningNullIsAnErrorNotAnEmptyList() {
    plugin.doDescribe = (t, p) -> null;
    assertThatThrownBy(() -> client.describeInstances(Map.of(), true))
        .isInstanceOf(PluginException.class).hasMessage("plugin returned no instance list");
  }

  @Test
  void exceptionWithoutMessageCrossesAsItsClassName() {
    plugin.doDestroy = (id, c) -> {
      throw new NullPointerException();
    };
    assertThatThrownBy(() -> client.destroy(InstanceId.of("x"), DestroyContext.TERMINATE))
        .isInstanceOf(PluginException.class).hasMessage("NullPointerException");
  }

  @Test
  void typedClientReachesTheTypedPlugin() throws Exception {
    try (InstancePluginClient typed = InstancePluginClient.connect(server.socketPath(), "gpu")) {
      typed.validate(RawJson.EMPTY_OBJECT);
    }
    assertThat(gpu.calls.take()).containsExactly("validate", RawJson.EMPTY_OBJECT);
    assertThat(plugin.calls).isEmpty();
  }

  @Test
  void clientForAnUnservedTypeFailsItsHandshakeClearly() {
    try (InstancePluginClient typed = InstancePluginClient.connect(server.socketPath(), "tpu")) {
      assertThatThrownBy(() -> typed.validate(RawJson.EMPTY_OBJECT))
          .isInstanceOf(PluginException.class)
          .hasMessage("plugin at " + server.socketPath() + " does not implement the Instance interface for type \"tpu\"");
    }
  }

  @Test
  void handshakeListsEveryInstanceVersion() {
    assertThat(client.interfaces()).containsExactlyInAnyOrder(
        new InterfaceSpec("Instance", "0.5.0"), new InterfaceSpec("Instance", "0.6.0"), new InterfaceSpec("Instance", "0.6.1"));
  }

  @Test
  void tcpListenerServesTheSameApiAndIsAdvertisedInTheListenFile() throws Exception {
    try (PluginServer tcp = PluginServer.builder().name("instance-tcp").pluginsDirectory(dir.path)
            .instancePlugin(plugin).listen("127.0.0.1", 0).shutdownHook(false).build().start()) {
      String url = java.nio.file.Files.readString(dir.resolve("instance-tcp.listen"));
      assertThat(url).isEqualTo("tcp://127.0.0.1:" + tcp.tcpAddress().orElseThrow().getPort());
      try (InstancePluginClient remote = InstancePluginClient.builder().url(url).build()) {
        remote.validate(RawJson.EMPTY_OBJECT);
      }
      assertThat(plugin.calls.take()).containsExactly("validate", RawJson.EMPTY_OBJECT);
    }
    assertThat(dir.resolve("instance-tcp.listen")).doesNotExist();
  }

  @Test
  void unreachableSocketIsAPluginExceptionNamingThePath() {
    try (InstancePluginClient nobody = InstancePluginClient.connect(dir.resolve("nobody"))) {
      assertThatThrownBy(() -> nobody.describeInstances(Map.of(), false))
          .isInstanceOf(PluginException.class).hasMessageContaining("Handshake.Hello")
          .hasMessageContaining(dir.resolve("nobody").toString());
    }
  }
}
