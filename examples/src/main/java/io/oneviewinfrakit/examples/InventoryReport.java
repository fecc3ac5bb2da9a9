package io.oneviewinfrakit.examples;

import io.oneviewinfrakit.oneview.EnclosureGroup;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerHardwareType;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import java.util.stream.Collectors;

/**
 * What an appliance can offer InfraKit: every server profile template with its compatible servers
 * grouped like flavors (hardware type, CPU cores, memory) and counted free / in use / unavailable,
 * then every server with its MAC addresses. Read-only: it never changes anything.
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

  /** "Encl1, bay 2" before "Encl1, bay 10": runs of digits compare as numbers. */
  static final Comparator<String> NATURAL_ORDER = (a, b) -> {
    String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d+") && y[i].matches("\\d+")
          ? new BigInteger(x[i]).compareTo(new BigInteger(y[i]))
          : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  };

  InventoryReport() {}

  /**
   * Servers of one template that look alike to a scheduler.
   *
   * @param hardwareType the server hardware type's name (its URI when the name is unknown).
   * @param cpuCores sockets times cores per socket; null when OneView does not report them.
   * @param memoryMb null when OneView does not report it.
   * @param free servers a profile can be applied to now.
   * @param inUse servers carrying a profile.
   * @param unavailable servers without a profile that are not free (maintenance, being added, ...).
   */
  public record FlavorRow(String hardwareType, Integer cpuCores, Long memoryMb, int free, int inUse,
      int unavailable) {}

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
   * @param templates by template name.
   * @param servers every server by name.
   * @param hardwareTypeNames server hardware type names by URI.
   */
  public record Report(List<TemplateRow> templates, List<ServerHardware> servers,
      Map<String, String> hardwareTypeNames) {}

  public static void main(String... args) {
    System.exit(ProvisionOne.commandLine(new InventoryReport()).execute(args));
  }

  @Override
  public Integer call() {
    run(System::getenv, System.out); // read-only: an appliance needs no --yes
    return 0;
  }

  static void run(Function<String, String> environment, PrintStream out) {
    // Connect to the appliance named by the environment, or start an embedded simulator.
    try (OneViewTarget target = OneViewTarget.fromEnvironment(environment)) {
      out.println("Inventory of " + target.describe());
      // Collect and print.
      print(collect(target.oneView()), out);
    }
  }

  /** Reads templates, hardware types, enclosure groups and servers: four listings in all. */
  public static Report collect(OneView ov) {
    // Names for the URIs templates and servers refer to.
    Map<String, String> typeNames = ov.serverHardwareTypes().list().stream()
        .collect(Collectors.toMap(ServerHardwareType::uri, t -> Objects.requireNonNullElse(t.name(), t.uri()),
            (a, b) -> a));
    Map<String, String> groupNames = ov.enclosureGroups().list().stream()
        .collect(Collectors.toMap(EnclosureGroup::uri, g -> Objects.requireNonNullElse(g.name(), g.uri()),
            (a, b) -> a));
    // Every server once; compatibility is decided locally with the SDK's rule, so a template costs
    // no extra request.
    List<ServerHardware> servers = ov.serverHardware().list().stream()
        .sorted(Comparator.comparing(ServerHardware::name, Comparator.nullsFirst(NATURAL_ORDER)))
        .toList();
    List<TemplateRow> templates = new ArrayList<>();
    for (ServerProfileTemplate template : ov.serverProfileTemplates().list()) {
      List<ServerHardware> compatible = servers.stream().filter(hw -> hw.isCompatibleWith(template)).toList();
      templates.add(new TemplateRow(template.name(),
          nameOf(template.serverHardwareTypeUri(), typeNames),
          template.enclosureGroupUri() == null ? null : nameOf(template.enclosureGroupUri(), groupNames),
          flavors(compatible, typeNames)));
    }
    templates.sort(Comparator.comparing(TemplateRow::name, Comparator.nullsFirst(Comparator.naturalOrder())));
    return new Report(List.copyOf(templates), servers, Map.copyOf(typeNames));
  }

  private static List<FlavorRow> flavors(List<ServerHardware> servers, Map<String, String> typeNames) {
    // Key: type, cores, memory; a TreeMap keeps the table in a stable order.
    Map<String, List<ServerHardware>> byFlavor = new TreeMap<>(servers.stream().collect(Collectors.groupingBy(
        hw -> nameOf(hw.serverHardwareTypeUri(), typeNames) + "\0" + String.format("%08d\0%012d",
            cores(hw) == null ? 0 : cores(hw), hw.memoryMb() == null ? 0 : hw.memoryMb()))));
    List<FlavorRow> rows = new ArrayList<>();
    for (List<ServerHardware> group : byFlavor.values()) {
      ServerHardware first = group.get(0);
      int free = (int) group.stream().filter(ServerHardware::isFree).count();
      int inUse = (int) group.stream().filter(InventoryReport::hasProfile).count();
      rows.add(new FlavorRow(nameOf(first.serverHardwareTypeUri(), typeNames), cores(first), first.memoryMb(),
          free, inUse, group.size() - free - inUse));
    }
    return List.copyOf(rows);
  }

  /** Prints the report as two tables. */
  public static void print(Report report, PrintStream out) {
    // Templates: what InfraKit's TemplateName can name, and how many instances each could get now.
    out.println();
    out.println("Templates and their compatible servers, by flavor");
    Table flavors = new Table("Template", "Hardware type", "Enclosure group", "CPU cores", "Memory",
        "Free", "In use", "Unavailable");
    for (TemplateRow t : report.templates()) {
      if (t.flavors().isEmpty()) {
        flavors.row(t.name(), t.hardwareType(), orDash(t.enclosureGroup()), "-", "-", "0", "0", "0");
      }
      for (FlavorRow f : t.flavors()) {
        flavors.row(t.name(), f.hardwareType(), orDash(t.enclosureGroup()), orDash(f.cpuCores()),
            memory(f.memoryMb()), "" + f.free(), "" + f.inUse(), "" + f.unavailable());
      }
    }
    flavors.print(out);

    // Servers: one line each, continued on further lines until every MAC is shown.
    out.println();
    out.println("Servers");
    Table servers = new Table("Server", "Hardware type", "Power", "State", "Profile", "MACs");
    for (ServerHardware hw : report.servers()) {
      List<String> macLines = new ArrayList<>();
      for (int i = 0; i < hw.macs().size(); i += MACS_PER_LINE) {
        macLines.add(String.join(" ", hw.macs().subList(i, Math.min(hw.macs().size(), i + MACS_PER_LINE))));
      }
      servers.row(hw.name(), nameOf(hw.serverHardwareTypeUri(), report.hardwareTypeNames()),
          hw.powerState().wireName(), hw.maintenanceMode() ? "Maintenance" : hw.state().wireName(),
          hasProfile(hw) ? "yes" : "-", macLines.isEmpty() ? "-" : macLines.get(0));
      for (String more : macLines.subList(Math.min(1, macLines.size()), macLines.size())) {
        servers.row("", "", "", "", "", more);
      }
    }
    servers.print(out);
    out.println();
    out.println(report.templates().size() + " templates, " + report.servers().size() + " servers, "
        + report.servers().stream().filter(ServerHardware::isFree).count() + " free");
  }

  private static boolean hasProfile(ServerHardware hw) {
    return hw.serverProfileUri() != null && !hw.serverProfileUri().isEmpty();
  }

  private static Integer cores(ServerHardware hw) {
    return hw.processorCount() == null || hw.processorCoreCount() == null ? null
        : hw.processorCount() * hw.processorCoreCount();
  }

  private static String nameOf(String uri, Map<String, String> names) {
    return uri == null ? "-" : names.getOrDefault(uri, uri);
  }

  private static String memory(Long mb) {
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
