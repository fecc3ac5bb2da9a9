package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One plugin process ({@link Main} in a child JVM, as deployed) serving two appliances from a
 * configuration file: two simulators in this JVM, each the typed sub-plugin {@code instance-oneview/a}
 * or {@code instance-oneview/b}, driven through the socket as InfraKit's group controller drives them.
 */
class SeveralAppliancesTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path FIXTURE =
      Path.of("../infrakit-spi/src/test/resources/fixtures/infrakit-wire/group-controller-requests-0.6.1.jsonl");
  private static final Pattern ID = Pattern.compile("\"ID\":\"([^\"]+)\"");

  private final List<AutoCloseable> closing = new ArrayList<>();
  private OneViewSimulator simA;
  private OneViewSimulator simB;
  private PluginProcess plugin;
  private InstancePluginClient a;
  private InstancePluginClient b;
  private InstancePluginClient untyped;

  @BeforeEach
  void start() throws IOException {
    simA = OneViewSimulator.builder().servers(8).seed(1).taskDurations(Duration.ofMillis(100)).build().start();
    closing.add(simA);
    simB = OneViewSimulator.builder().servers(8).seed(2).taskDurations(Duration.ofMillis(100)).build().start();
    closing.add(simB);
    Path dir = PrivateDirectory.create("ovm");
    closing.add(() -> PrivateDirectory.delete(dir));
    Path config = dir.resolve("oneview.yml");
    Files.writeString(config, "# two appliances, one plugin\nappliances:\n" + entry(dir, "a", simA) + entry(dir, "b", simB));
    plugin = new PluginProcess(dir, "instance-oneview", List.of("--config", config.toString()));
    closing.add(plugin);
    plugin.start();
    a = InstancePluginClient.connect(plugin.socket(), "a");
    b = InstancePluginClient.connect(plugin.socket(), "b");
    untyped = InstancePluginClient.connect(plugin.socket());
    closing.addAll(List.of(a, b, untyped));
  }

  /** One appliance of the file: password and CA in files beside it, tuned for a test's pace. */
  private static String entry(Path dir, String name, OneViewSimulator sim) throws IOException {
    Path password = dir.resolve(name + ".password");
    Files.writeString(password, sim.password());
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve(name + "-ca.pem"), sim.certificatePem());
    return "  - name: " + name + "\n"
        + "    url: " + sim.url() + "\n"
        + "    user: " + sim.username() + "\n"
        + "    password-file: " + name + ".password\n"
        + "    ca-cert: " + name + "-ca.pem\n"
        + "    refresh-interval: 200ms\n"
        + "    power-on-grace: 1s\n"
        + "    power-off-free-servers: true\n"
        + "    scmb: false\n";
  }

  @AfterEach
  void stop() throws Exception {
    Collections.reverse(closing);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void theHandshakeListsEveryApplianceAndTheUntypedNameServesTheFirst() {
    String types = post(plugin.socket(), "{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Types\",\"params\":{},\"id\":1}");
    assertThat(types).contains("\"Instance/0.6.1\":[\".\",\"a\",\"b\"]");
    String hello = post(plugin.socket(), "{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Hello\",\"params\":{},\"id\":2}");
    assertThat(hello).contains("{\"Name\":\"a\",\"ProxyFor\":\"\"}", "{\"Name\":\"b\",\"ProxyFor\":\"\"}");
    assertThat(plugin.log()).contains("2 appliances", "a (up): OneView " + simA.url(), "b (up): OneView " + simB.url());

    InstanceId id = a.provision(spec("workers"));
    assertThat(untyped.describeInstances(Map.of(), false)).extracting(InstanceDescription::id).containsExactly(id);
    assertThat(post(plugin.socket(), "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.Validate\",\"params\":"
        + "{\"Type\":\"c\",\"Properties\":{}},\"id\":3}")).contains("no-plugin:c");
  }

  @Test
  void twoGroupsOnePerApplianceReplayingTheHeadGroupControllerLandEachOnItsOwnAppliance() throws IOException {
    List<String> fixture = Files.readAllLines(FIXTURE).stream().filter(l -> !l.isBlank()).toList();
    for (String type : List.of("a", "b")) {
      String group = "workers-" + type;
      for (String line : fixture) {
        if (!line.contains("\"Instance.Validate\"") && !line.contains("\"Instance.Provision\"")
            && !line.contains("\"Instance.DescribeInstances\"")) {
          continue; // the recording's Destroy and Label calls address the Go fake plugin's IDs
        }
        String request = line.replace("\"Type\":\"\"", "\"Type\":\"" + type + "\"")
            .replace("\"infrakit.group\":\"workers\"", "\"infrakit.group\":\"" + group + "\"");
        String answer = post(plugin.socket(), request);
        assertThat(answer).as(request).contains("\"result\":{\"Type\":\"" + type + "\"").doesNotContain("\"error\"");
      }
    }
    awaitRunning(a, "workers-a", 1);
    awaitRunning(b, "workers-b", 1);
    // A second provision per group, then the group's destroy of one, with the recording's shapes.
    for (String type : List.of("a", "b")) {
      InstancePluginClient client = type.equals("a") ? a : b;
      String provision = fixture.stream().filter(l -> l.contains("\"Instance.Provision\"")).findFirst().orElseThrow()
          .replace("\"Type\":\"\"", "\"Type\":\"" + type + "\"")
          .replace("\"infrakit.group\":\"workers\"", "\"infrakit.group\":\"workers-" + type + "\"");
      Matcher id = ID.matcher(post(plugin.socket(), provision));
      assertThat(id.find()).isTrue();
      awaitRunning(client, "workers-" + type, 2);
      String destroy = fixture.stream().filter(l -> l.contains("\"Reason\":\"terminate\"")).findFirst().orElseThrow()
          .replace("\"Type\":\"\"", "\"Type\":\"" + type + "\"").replace("fake-1", id.group(1));
      assertThat(post(plugin.socket(), destroy)).contains("{\"Type\":\"" + type + "\",\"OK\":true}");
    }
    awaitRunning(a, "workers-a", 1);
    awaitRunning(b, "workers-b", 1);
    PluginHarness.await("each appliance holding only its own group's profile", WAIT,
        () -> groupsOn(simA).equals(List.of("workers-a")) && groupsOn(simB).equals(List.of("workers-b")));
  }

  @Test
  void groupsScaledThroughEachTypeLandOnlyOnTheirAppliance() {
    try (GroupScaler onA = new GroupScaler(a, PluginHarness.BLADE_PROPERTIES);
        GroupScaler onB = new GroupScaler(b, PluginHarness.BLADE_PROPERTIES)) {
      onA.converge(3, WAIT, Duration.ofMillis(300), () -> owned(simA).size() == 3);
      assertThat(owned(simB)).isEmpty();
      assertThat(b.describeInstances(GroupScaler.GROUP, false)).isEmpty();
      onB.converge(1, WAIT, Duration.ofMillis(300), () -> owned(simB).size() == 1);
      assertThat(owned(simA)).hasSize(3);
      Set<String> onAppliance = a.describeInstances(Map.of(), false).stream().map(d -> d.id().value())
          .collect(Collectors.toSet());
      assertThat(b.describeInstances(Map.of(), false)).extracting(d -> d.id().value())
          .doesNotContainAnyElementsOf(onAppliance);
    }
  }

  @Test
  void oneApplianceDownLeavesTheOtherServingAndItsOwnCallsGetAnErrorNamingIt() {
    InstanceId onB = b.provision(spec("workers-b"));
    awaitRunning(b, "workers-b", 1);
    simB.close();

    PluginHarness.await("b's listing refused", WAIT, () -> {
      try {
        b.describeInstances(Map.of(), true);
        return false;
      } catch (PluginException e) {
        assertThat(e).hasMessageStartingWith("appliance \"b\" (OneView " + simB.url() + "): OneView could not be listed");
        return true;
      }
    });
    assertThatThrownBy(() -> b.provision(spec("workers-b")))
        .isInstanceOf(PluginException.class).hasMessageStartingWith("appliance \"b\" (OneView " + simB.url() + "): ");
    assertThatThrownBy(() -> b.destroy(onB, DestroyContext.TERMINATE))
        .isInstanceOf(PluginException.class).hasMessageStartingWith("appliance \"b\"");

    // Appliance a works on as if b did not exist: it provisions, lists and destroys.
    InstanceId onA = a.provision(spec("workers-a"));
    awaitRunning(a, "workers-a", 1);
    assertThat(untyped.describeInstances(Map.of("infrakit.group", "workers-a"), false))
        .extracting(InstanceDescription::id).containsExactly(onA);
    a.destroy(onA, DestroyContext.TERMINATE);
    PluginHarness.await("a's instance destroyed while b is down", WAIT, () -> owned(simA).isEmpty()
        && a.describeInstances(Map.of(), false).isEmpty());
  }

  @Test
  void aSlowApplianceDoesNotHoldUpTheOther() {
    simB.faults().latency(Duration.ofMinutes(2)); // every answer of b takes longer than this test waits
    InstanceId slow = b.provision(spec("workers-b")); // accepted at once; b's work crawls behind it

    InstanceId onA = a.provision(spec("workers-a"));
    awaitRunning(a, "workers-a", 1);
    assertThat(owned(simA)).hasSize(1);
    assertThat(b.describeInstances(Map.of("infrakit.group", "workers-b"), true))
        .filteredOn(d -> d.id().equals(slow))
        .allSatisfy(d -> assertThat(Json.field(d.properties(), "phase")).isNotEqualTo("Running"));
    a.destroy(onA, DestroyContext.TERMINATE);
    PluginHarness.await("a's instance destroyed while b crawls", WAIT, () -> owned(simA).isEmpty());
    simB.faults().clear();
  }

  @Test
  void aRestartedPluginReportsTheInstancesOfBothAppliances() {
    InstanceId onA = a.provision(spec("workers-a"));
    InstanceId onB = b.provision(spec("workers-b"));
    awaitRunning(a, "workers-a", 1);
    awaitRunning(b, "workers-b", 1);

    plugin.kill();
    plugin.start();

    assertThat(a.describeInstances(Map.of(), true)).extracting(InstanceDescription::id).containsExactly(onA);
    assertThat(b.describeInstances(Map.of(), true)).extracting(InstanceDescription::id).containsExactly(onB);
    assertThat(owned(simA)).hasSize(1);
    assertThat(owned(simB)).hasSize(1);
  }

  private static InstanceSpec spec(String group) {
    return InstanceSpec.builder().properties(PluginHarness.BLADE_PROPERTIES)
        .tags(Map.of("infrakit.group", group)).build();
  }

  private static void awaitRunning(InstancePluginClient client, String group, int count) {
    PluginHarness.await(count + " instances of " + group + " Running", WAIT, () -> {
      List<InstanceDescription> listed = client.describeInstances(Map.of("infrakit.group", group), true);
      return listed.size() == count
          && listed.stream().allMatch(d -> "Running".equals(Json.field(d.properties(), "phase")));
    });
  }

  private static List<ServerProfileView> owned(OneViewSimulator sim) {
    return sim.serverProfiles().stream()
        .filter(p -> p.description() != null && p.description().startsWith(EnvelopeCodec.PREFIX)).toList();
  }

  /** The group tag of every enveloped profile on {@code sim}, sorted. */
  private static List<String> groupsOn(OneViewSimulator sim) {
    return owned(sim).stream().map(p -> EnvelopeCodec.decodeOwned(p.description(), "default").orElseThrow())
        .map(e -> e.tags().get("infrakit.group")).sorted().toList();
  }

  /** One JSON-RPC request over the socket, as the Go client sends it; the whole HTTP answer. */
  static String post(Path socket, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer payload = ByteBuffer.wrap(bytes);
      while (payload.hasRemaining()) {
        channel.write(payload);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
      while (channel.read(buffer) >= 0) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
