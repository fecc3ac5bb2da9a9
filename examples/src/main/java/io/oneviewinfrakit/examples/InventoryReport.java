package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.oneview.Inventory;
import io.oneviewinfrakit.oneview.Inventory.Availability;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.PowerState;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.plugin.OneViewInstancePlugin;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What an appliance can offer InfraKit: every server profile template with its compatible servers
 * grouped like flavors (hardware type, CPU cores, memory) and counted with the plugin's words
 * (free, free but on, owned, used by others, maintenance, unavailable), then every server with its
 * availability and MAC addresses. Read-only: it never changes anything.
 *
 * <p>It is built on the SDK's {@link OneView#inventory} (the same snapshot the plugin's {@code
 * inventory} command prints), so the two agree on every count and word: "owned" means a profile
 * carrying the plugin's envelope for the namespace ({@link OneViewInstancePlugin#ownedBy}).
 *
 * <p>Run it: {@code java -cp examples/target/examples.jar io.oneviewinfrakit.examples.InventoryReport}
 * (an embedded simulator unless {@code INFRAKIT_ONEVIEW_OVURL} names an appliance; see
 * {@link OneViewTarget}).
 */
@Command(name = "InventoryReport", mixinStandardHelpOptions = true, versionProvider = ProvisionOne.Version.class,
    description = "Print templates, compatible servers and hardware (read-only; an embedded simulator "
        + "unless $INFRAKIT_ONEVIEW_OVURL names an appliance).")
public final class InventoryReport implements Callable<Integer> {

  private static final int MACS_PER_LINE = 3;

  @Option(names = "--namespace", defaultValue = "default", paramLabel = "NAME",
      description = "whose profiles count as owned (the plugin's --namespace; default: ${DEFAULT-VALUE})")
  String namespace = "default";

  InventoryReport() {}

  /**
   * Servers of one template that look alike to a scheduler, counted as the plugin's {@code
   * inventory} command counts them.
   *
   * @param hardwareType the server hardware type's name (its URI when the name is unknown).
   * @param cpuCores sockets times cores per socket; null when OneView does not report them.
   * @param memoryMb null when OneView does not report it.
   * @param free servers a profile can be applied to now.
   * @param freeButOn of those, the ones someone powered on: the plugin takes them only with {@code
   *     --power-off-free-servers}.
   * @param owned servers carrying a profile of the namespace.
   * @param usedByOthers servers carrying any other profile.
   * @param maintenance servers an administrator put into maintenance.
   * @param unavailable servers without a profile that cannot take one now (being added, Critical, ...).
   */
  public record FlavorRow(String hardwareType, Integer cpuCores, Long memoryMb, int free, int freeButOn,
      int owned, int usedByOthers, int maintenance, int unavailable) {}

  /**
   * One template and its flavors.
   *
   * @param name the template's name.
   * @param hardwareType its server hardware type's name.
   * @param enclosureGroup its enclosure group's name; null for rack templates.
   * @param flavors its compatible servers by flavor.
   */
  public record TemplateRow(String name, String hardwareType, String enclosureGroup, List<FlavorRow> flavors) {}

  /**
   * The whole report.
   *
   * @param namespace whose profiles counted as owned.
   * @param templates by template name.
   * @param servers every server, in natural order of names ("bay 2" before "bay 10").
   * @param hardware every server's hardware document, by URI.
   * @param hardwareTypeNames server hardware type names by URI.
   */
  public record Report(String namespace, List<TemplateRow> templates, List<Inventory.Server> servers,
      Map<String, ServerHardware> hardware, Map<String, String> hardwareTypeNames) {}

  public static void main(String... args) {
    System.exit(ProvisionOne.commandLine(new InventoryReport()).execute(args));
  }

  @Override
  public Integer call() {
    run(System::getenv, System.out, namespace); // read-only: an appliance needs no --yes
    return 0;
  }

  static void run(Function<String, String> environment, PrintStream out, String namespace) {
    // Connect to the appliance named by the environment, or start an embedded simulator.
    try (OneViewTarget target = OneViewTarget.fromEnvironment(environment)) {
      out.println("Inventory of " + target.describe());
      // Collect and print.
      print(collect(target.oneView(), namespace), out);
    }
  }

  /** One inventory snapshot (five listings in parallel), grouped per template and flavor. */
  public static Report collect(OneView ov, String namespace) {
    Inventory inv = ov.inventory(OneViewInstancePlugin.ownedBy(namespace));
    Map<String, ServerHardware> hardware = new LinkedHashMap<>();
    inv.serverHardware().forEach(hw -> hardware.put(hw.uri(), hw));
    Map<String, String> typeNames = new LinkedHashMap<>();
    inv.serverHardwareTypes().forEach(t -> typeNames.put(t.uri(), Objects.requireNonNullElse(t.name(), t.uri())));
    List<TemplateRow> templates = new ArrayList<>();
    for (Inventory.Template t : inv.templates()) {
      templates.add(new TemplateRow(t.name(), Objects.requireNonNullElse(t.serverHardwareTypeName(), "-"),
          t.enclosureGroupUri() == null ? null : Objects.requireNonNullElse(t.enclosureGroupName(), t.enclosureGroupUri()),
          flavors(t.servers(), hardware, typeNames)));
    }
    // Every server is in exactly one flavor; list them in the snapshot's (natural) order of names.
    Map<String, Inventory.Server> byUri = new LinkedHashMap<>();
    inv.flavors().forEach(f -> f.servers().forEach(s -> byUri.put(s.uri(), s)));
    List<Inventory.Server> servers = inv.serverHardware().stream().map(hw -> byUri.get(hw.uri())).toList();
    return new Report(namespace, List.copyOf(templates), servers, Map.copyOf(hardware), Map.copyOf(typeNames));
  }

  private static List<FlavorRow> flavors(List<Inventory.Server> servers, Map<String, ServerHardware> hardware,
      Map<String, String> typeNames) {
    // Key: type, cores, memory; a TreeMap keeps the table in a stable order.
    Map<String, List<Inventory.Server>> byFlavor = new TreeMap<>(servers.stream().collect(Collectors.groupingBy(
        s -> {
          ServerHardware hw = hardware.get(s.uri());
          return nameOf(hw.serverHardwareTypeUri(), typeNames) + "\0" + String.format("%08d\0%012d",
              hw.cpuCores() == null ? 0 : hw.cpuCores(), hw.memoryMb() == null ? 0 : hw.memoryMb());
        })));
    List<FlavorRow> rows = new ArrayList<>();
    for (List<Inventory.Server> group : byFlavor.values()) {
      ServerHardware first = hardware.get(group.get(0).uri());
      Map<Availability, Integer> n = new EnumMap<>(Availability.class);
      group.forEach(s -> n.merge(s.availability(), 1, Integer::sum));
      int freeButOn = (int) group.stream()
          .filter(s -> s.availability() == Availability.FREE && isOn(hardware.get(s.uri()))).count();
      rows.add(new FlavorRow(nameOf(first.serverHardwareTypeUri(), typeNames), first.cpuCores(), first.memoryMb(),
          n.getOrDefault(Availability.FREE, 0), freeButOn, n.getOrDefault(Availability.OWNED, 0),
          n.getOrDefault(Availability.USED_BY_OTHERS, 0), n.getOrDefault(Availability.MAINTENANCE, 0),
          n.getOrDefault(Availability.UNAVAILABLE, 0)));
    }
    return List.copyOf(rows);
  }

  /** Prints the report as two tables. */
  public static void print(Report report, PrintStream out) {
    // Templates: what InfraKit's TemplateName can name, and how many instances each could get now.
    out.println();
    out.println("Templates and their compatible servers, by flavor (owned: namespace \"" + report.namespace() + "\")");
    Table flavors = new Table("Template", "Hardware type", "Enclosure group", "CPU cores", "Memory",
        "Free", "Free but on", "Owned", "Used by others", "Maintenance", "Unavailable");
    for (TemplateRow t : report.templates()) {
      if (t.flavors().isEmpty()) {
        flavors.row(t.name(), t.hardwareType(), orDash(t.enclosureGroup()), "-", "-", "0", "0", "0", "0", "0", "0");
      }
      for (FlavorRow f : t.flavors()) {
        flavors.row(t.name(), f.hardwareType(), orDash(t.enclosureGroup()), orDash(f.cpuCores()),
            memory(f.memoryMb()), "" + f.free(), "" + f.freeButOn(), "" + f.owned(), "" + f.usedByOthers(),
            "" + f.maintenance(), "" + f.unavailable());
      }
    }
    flavors.print(out);

    // Servers: one line each, continued on further lines until every MAC is shown.
    out.println();
    out.println("Servers");
    Table servers = new Table("Server", "Hardware type", "Power", "Availability", "Profile", "MACs");
    for (Inventory.Server server : report.servers()) {
      ServerHardware hw = report.hardware().get(server.uri());
      List<String> macLines = new ArrayList<>();
      for (int i = 0; i < server.macs().size(); i += MACS_PER_LINE) {
        macLines.add(String.join(" ", server.macs().subList(i, Math.min(server.macs().size(), i + MACS_PER_LINE))));
      }
      servers.row(orDash(server.name()), nameOf(hw.serverHardwareTypeUri(), report.hardwareTypeNames()),
          hw.powerState().wireName(), server.availability().wireName(),
          server.serverProfileUri() == null ? "-" : "yes", macLines.isEmpty() ? "-" : macLines.get(0));
      for (String more : macLines.subList(Math.min(1, macLines.size()), macLines.size())) {
        servers.row("", "", "", "", "", more);
      }
    }
    servers.print(out);
    out.println();
    out.println(report.templates().size() + " templates, " + report.servers().size() + " servers, "
        + report.servers().stream().filter(s -> s.availability() == Availability.FREE).count() + " free");
  }

  private static boolean isOn(ServerHardware hw) {
    return hw.powerState() == null || hw.powerState() != PowerState.OFF;
  }

  private static String nameOf(String uri, Map<String, String> names) {
    return uri == null ? "-" : names.getOrDefault(uri, uri);
  }

  /** Whole GiB when it is, else MiB: the plugin's {@code inventory} writes memory the same way. */
  static String memory(Long mb) {
    if (mb == null) {
      return "-";
    }
    return mb % 1024 == 0 ? mb / 1024 + " GiB" : mb + " MiB";
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  /** A plain-text table: columns as wide as their widest cell, numbers right-aligned. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    void print(PrintStream out) {
      int columns = rows.get(0).length;
      int[] widths = new int[columns];
      for (String[] row : rows) {
        for (int c = 0; c < columns; c++) {
          widths[c] = Math.max(widths[c], row[c].length());
        }
      }
      // A column of numbers (and dashes) is right-aligned, header included.
      boolean[] right = new boolean[columns];
      for (int c = 0; c < columns; c++) {
        final int column = c;
        right[c] = rows.size() > 1 && rows.stream().skip(1).allMatch(r -> r[column].matches("\\d+|-|"))
            && rows.stream().skip(1).anyMatch(r -> r[column].matches("\\d+"));
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < columns; c++) {
          String pad = " ".repeat(widths[c] - row[c].length());
          line.append(right[c] ? pad + row[c] : row[c] + pad).append(c < columns - 1 ? "  " : "");
        }
        out.println(line.toString().stripTrailing());
      }
    }
  }
}
