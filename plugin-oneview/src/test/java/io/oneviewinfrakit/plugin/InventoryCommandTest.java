package io.oneviewinfrakit.plugin;

import static io.oneviewinfrakit.plugin.PluginHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code inventory} command (ironic-oneview-cli parity), run in-process through
 * {@link Main} with captured output, against a simulator where the plugin owns one server, another
 * OneView user one, and one is in maintenance.
 */
class InventoryCommandTest {

  private static PluginHarness h;
  private static String ownedServer;
  private static String foreignServer;
  private static String maintenanceServer;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    h = PluginHarness.start(16, Duration.ofMillis(50));
    h.provision(Map.of("infrakit.group", "g"));
    await("instance running", Duration.ofSeconds(20), () -> h.settled(1));
    ownedServer = h.sim.serverHardware().stream()
        .filter(s -> s.serverProfileUri() != null).findFirst().orElseThrow().name();
    var free = h.sim.serverHardware().stream()
        .filter(s -> s.name().startsWith("Encl") && s.serverProfileUri() == null).toList();
    foreignServer = free.get(0).name();
    maintenanceServer = free.get(1).name();
    h.sim.faults().assignForeignProfile(free.get(0).uri());
    h.sim.maintenanceMode(free.get(1).uri(), true);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  /** Runs the executable's command line in-process; returns exit code and standard output. */
  private static Map.Entry<Integer, String> run(String... args) throws IOException {
    Path password = dir.resolve("password");
    Files.writeString(password, h.sim.password());
    Path ca = dir.resolve("ca.pem");
    Files.writeString(ca, h.sim.certificatePem());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main main = new Main();
    main.environment = Map.of("INFRAKIT_ONEVIEW_OVURL", h.sim.url(),
        "INFRAKIT_ONEVIEW_OVUSER", h.sim.username())::get;
    CommandLine cmd = new CommandLine(main);
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    System.arraycopy(new String[] {"--password-file", password.toString(), "--ca-cert", ca.toString()},
        0, full, args.length, 4);
    int code = cmd.execute(full);
    assertThat(err.toString()).as("stderr").isEmpty();
    return Map.entry(code, out.toString());
  }

  private static int indexOfPrefix(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /** Servers named {@code prefix}... with no profile, not in maintenance, powered on. */
  private long freeButOn(String prefix) {
    return h.sim.serverHardware().stream().filter(s -> s.name().startsWith(prefix)
        && s.serverProfileUri() == null && !s.maintenanceMode() && !"Off".equals(s.powerState()))
        .count();
  }

  @Test
  void theTableShowsEachTemplatesServersByAvailabilityAndTheFlavorsWithMacs() throws IOException {
    var result = run("inventory");
    assertThat(result.getKey()).isZero();
    String out = result.getValue();
    assertThat(out.lines().findFirst().orElseThrow()).startsWith("OneView https://127.0.0.1:")
        .endsWith(", namespace \"default\": 2 templates, 16 servers, 2 flavors");
    assertThat(out.lines().filter(l -> l.startsWith("Docker-Gen8-Template")).findFirst().orElseThrow()
        .split("\\s{2,}"))
        .containsExactly("Docker-Gen8-Template", "BL460c Gen8 1", "Enclosure-Group-1", "12", "9",
            "" + freeButOn("Encl"), "1", "1", "1", "0");
    assertThat(out.lines().filter(l -> l.startsWith("Rack-DL360-Template")).findFirst().orElseThrow()
        .split("\\s{2,}"))
        .containsExactly("Rack-DL360-Template", "DL360 Gen10 1", "-", "4", "4", "" + freeButOn("DL360"),
            "0", "0", "0", "0");
    assertThat(freeButOn("Encl") + freeButOn("DL360")).as("the simulator seeds some on").isPositive();
    assertThat(out).contains("free (powered on: not taken without --power-off-free-servers)");
    assertThat(out).contains("  " + ownedServer + " ", "owned", "used-by-others", "maintenance");
    assertThat(out.lines().filter(l -> l.trim().startsWith(foreignServer + " ")).toList())
        .allSatisfy(l -> assertThat(l).contains("used-by-others"));
    assertThat(out.lines().filter(l -> l.trim().startsWith(maintenanceServer + " ")).toList())
        .allSatisfy(l -> assertThat(l).contains("maintenance"));
    assertThat(out).contains("FLAVOR", "CPU CORES", "MEMORY", "LOCAL DISK GB", "16 GiB", "32 GiB");
    // Natural order, as InventoryReport lists them: bay 2 before bay 10.
    List<String> lines = out.lines().map(String::strip).toList();
    int bay2 = indexOfPrefix(lines, "Encl1, bay 2 ");
    int bay10 = indexOfPrefix(lines, "Encl1, bay 10 ");
    assertThat(bay2).isNotNegative().isLessThan(bay10);
    assertThat(indexOfPrefix(lines, "Encl1, bay 9 ")).isLessThan(bay10);
    assertThat(out).containsPattern("Encl1, bay 1 +\\S+ +([0-9A-F]{2}:){5}[0-9A-F]{2}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonIsForScriptsAndAnotherNamespaceOwnsNothing() throws IOException {
    var result = run("inventory", "--json");
    assertThat(result.getKey()).isZero();
    Map<?, ?> root = Json.object(RawJson.of(result.getValue().trim()));
    Map<String, Object> docker = ((List<Map<String, Object>>) root.get("templates")).stream()
        .filter(t -> "Docker-Gen8-Template".equals(t.get("name"))).findFirst().orElseThrow();
    Map<Object, Long> byAvailability = ((List<Map<String, Object>>) docker.get("servers")).stream()
        .collect(Collectors.groupingBy(s -> s.get("availability"), Collectors.counting()));
    assertThat(byAvailability).containsExactlyInAnyOrderEntriesOf(Map.of("free", 9L, "owned", 1L,
        "used-by-others", 1L, "maintenance", 1L));
    assertThat((List<Object>) root.get("flavors")).hasSize(2);

    var other = run("inventory", "--json", "--namespace", "staging");
    assertThat(other.getValue()).doesNotContain("\"owned\"").contains("\"used-by-others\"");
  }

  @Test
  void theEmbeddedSimulatorNeedsNoAppliance() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("inventory", "--simulator=4")).isZero();
    assertThat(out.toString()).contains("4 servers", "Docker-Gen8-Template", "Rack-DL360-Template");
    StringWriter before = new StringWriter();
    cmd.setOut(new PrintWriter(before));
    assertThat(cmd.execute("--simulator", "inventory", "--json")).as("plugin flags before the subcommand")
        .isZero();
    assertThat(before.toString()).startsWith("{\"templates\":[");
    StringWriter help = new StringWriter();
    cmd.setOut(new PrintWriter(help));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(help.toString()).contains("inventory", "Networks", "Boot", "InitAttribute", "MinMemoryMb",
        "--reconcile-interval");
  }
}
