package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.Inventory.Availability;
import io.oneviewinfrakit.oneview.Inventory.Flavor;
import io.oneviewinfrakit.oneview.Inventory.Server;
import io.oneviewinfrakit.oneview.Inventory.Template;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code infrakit-instance-oneview inventory}: what the appliance offers this plugin, as
 * ironic-oneview-cli showed it: templates with their hardware type and enclosure group, the servers
 * compatible with each (free / owned by this plugin's namespace / used by others / in maintenance /
 * unavailable), and the servers grouped into flavors with their MAC addresses. A table for people,
 * {@code --json} (the SDK's {@link io.oneviewinfrakit.oneview.Inventory#toJson()}) for scripts.
 *
 * <p>Read-only: it lists five collections and changes nothing. It takes the plugin's connection
 * flags (here or before the subcommand) and environment, or its configuration file: then it covers
 * every appliance, one after the other (or the one of {@code --appliance}).
 */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
        "List what OneView offers InfraKit groups (read-only): templates with hardware type and",
        "enclosure group; per template the compatible servers as free / owned (profile carries this",
        "plugin's envelope with --namespace) / used-by-others / maintenance / unavailable (Critical,",
        "or in transition); flavors (hardware type, enclosure group, CPU cores, memory, local disk)",
        "with the MAC addresses of each server. Connection flags and environment as for the plugin;",
        "with a configuration file (--config), every appliance in it, or the one of --appliance.",
        ""},
    footer = {"", "Examples:",
        "  java -jar infrakit-instance-oneview.jar inventory --simulator",
        "  java -jar infrakit-instance-oneview.jar inventory --config appliances.yml --appliance lab",
        "  java -jar infrakit-instance-oneview.jar inventory --json --ca-cert ov-ca.pem | jq '.flavors'"})
final class InventoryCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "print JSON for scripts instead of tables")
  boolean json;

  @Option(names = "--config", paramLabel = "FILE", description = "as for the plugin")
  Path config;

  @Option(names = "--appliance", paramLabel = "NAME",
      description = "only this appliance of the configuration file (default: every one)")
  String appliance;

  @Option(names = "--url", paramLabel = "URL", description = "as for the plugin")
  String url;

  @Option(names = "--user", paramLabel = "NAME", description = "as for the plugin")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", description = "as for the plugin")
  Path passwordFile;

  @Option(names = "--api-version", paramLabel = "N", description = "as for the plugin")
  Integer apiVersion;

  @Option(names = "--ca-cert", paramLabel = "PEM", description = "as for the plugin")
  Path caCert;

  @Option(names = "--insecure", description = "as for the plugin")
  boolean insecure;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "whose profiles count as owned (default: the plugin's, \"default\")")
  String namespace;

  @Option(names = "--simulator", paramLabel = "N[,N...]", arity = "0..1", split = ",",
      fallbackValue = "" + PluginOptions.DEFAULT_SIMULATOR_SERVERS,
      description = "list an embedded simulator with N servers (default N: "
          + PluginOptions.DEFAULT_SIMULATOR_SERVERS + "); several counts, several simulators")
  List<Integer> simulatorServers;

  @Override
  public Integer call() throws Exception {
    // Flags given after "inventory" override those given before it (both are accepted).
    if (url != null) main.url = url;
    if (user != null) main.user = user;
    if (passwordFile != null) main.passwordFile = passwordFile;
    if (apiVersion != null) main.apiVersion = apiVersion;
    if (caCert != null) main.caCert = caCert;
    if (insecure) main.insecure = true;
    if (namespace != null) main.namespace = namespace;
    if (simulatorServers != null) main.simulatorServers = simulatorServers;
    if (config != null) main.config = config;
    PluginOptions options = main.options();
    PluginConfig pluginConfig = main.configuration(options);
    List<ApplianceConfig> selected = pluginConfig.appliances().stream()
        .filter(a -> appliance == null || a.name().equals(appliance)).toList();
    if (selected.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--appliance " + appliance
          + ": no such appliance (configured: " + String.join(", ",
              pluginConfig.appliances().stream().map(ApplianceConfig::name).toList()) + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean several = pluginConfig.typed();
    Map<String, String> json = new LinkedHashMap<>();
    int failed = 0;
    OneViewConnector connector = new OneViewConnector(main.environment);
    for (ApplianceConfig a : selected) {
      try {
        String listed = list(a, connector);
        if (this.json) {
          json.put(a.name(), listed);
        } else {
          out.print(several ? "== appliance " + a.name() + " ==\n" + listed + "\n" : listed);
        }
      } catch (IllegalArgumentException e) {
        if (!several) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        failed++;
        err.println("infrakit-instance-oneview inventory: " + e.getMessage());
      } catch (RuntimeException e) {
        if (!several) {
          throw e;
        }
        failed++; // one appliance down does not hide the others
        err.println("infrakit-instance-oneview inventory: appliance " + a.name() + ": "
            + OneViewGateway.describe(e));
      }
    }
    if (this.json) {
      // Several appliances: one object, the SDK's inventory of each under its name.
      out.print(several ? "{" + json.entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\":" + e.getValue()) // names are [A-Za-z0-9_-]
          .collect(java.util.stream.Collectors.joining(",")) + "}\n" : json.values().iterator().next() + "\n");
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }

  /** The inventory of one appliance, as a table or (with --json) the SDK's JSON. */
  private String list(ApplianceConfig a, OneViewConnector connector) {
    OneViewSimulator simulator = null;
    OneView oneView = null;
    try {
      if (a.simulator()) {
        simulator = OneViewSimulator.builder().servers(a.simulatorServers()).build().start();
        oneView = OneView.builder().url(simulator.url())
            .credentials(simulator.username(), simulator.password().toCharArray())
            .trust(simulator.certificatePem()).build();
      } else {
        oneView = connector.connect(a);
      }
      String ns = a.namespace();
      // The same ownership test as the plugin's, and as the examples' InventoryReport uses.
      io.oneviewinfrakit.oneview.Inventory inventory = oneView.inventory(OneViewInstancePlugin.ownedBy(ns));
      return json ? inventory.toJson() : table(inventory, oneView.url(), ns);
    } finally {
      if (oneView != null) {
        oneView.close();
      }
      if (simulator != null) {
        simulator.close();
      }
    }
  }

  /** The inventory as plain-text tables. */
  static String table(io.oneviewinfrakit.oneview.Inventory inv, String url, String namespace) {
    StringBuilder s = new StringBuilder();
    s.append("OneView ").append(url).append(", namespace \"").append(namespace).append("\": ")
        .append(inv.templates().size()).append(" templates, ").append(inv.serverHardware().size())
        .append(" servers, ").append(inv.flavors().size()).append(" flavors\n\n");
    List<List<String>> rows = new ArrayList<>();
    // A free server someone powered on is not taken without --power-off-free-servers: say how many.
    java.util.Set<String> on = new java.util.HashSet<>();
    inv.serverHardware().stream()
        .filter(h -> h.powerState() == null || !"Off".equalsIgnoreCase(h.powerState().wireName()))
        .forEach(h -> on.add(h.uri()));
    rows.add(List.of("TEMPLATE", "HARDWARE TYPE", "ENCLOSURE GROUP", "COMPATIBLE", "FREE",
        "FREE BUT ON", "OWNED", "USED BY OTHERS", "MAINTENANCE", "UNAVAILABLE"));
    for (Template t : inv.templates()) {
      Map<Availability, Integer> n = counts(t.servers());
      long freeButOn = t.servers().stream()
          .filter(v -> v.availability() == Availability.FREE && on.contains(v.uri())).count();
      rows.add(List.of(t.name(), orDash(t.serverHardwareTypeName()), orDash(t.enclosureGroupName()),
          "" + t.servers().size(), count(n, "FREE"), "" + freeButOn, count(n, "OWNED"),
          count(n, "USED_BY_OTHERS"), count(n, "MAINTENANCE"), count(n, "UNAVAILABLE")));
    }
    format(s, rows, "");
    for (Template t : inv.templates()) {
      s.append("\nServers compatible with template \"").append(t.name()).append("\":\n");
      List<List<String>> servers = new ArrayList<>();
      servers.add(List.of("SERVER", "AVAILABILITY", "PROFILE"));
      t.servers().forEach(server -> servers.add(List.of(orDash(server.name()),
          server.availability().wireName()
              + (server.availability() == Availability.FREE && on.contains(server.uri())
                  ? " (powered on: not taken without --power-off-free-servers)" : ""),
          orDash(server.serverProfileUri()))));
      format(s, servers, "  ");
    }
    s.append('\n');
    List<List<String>> flavors = new ArrayList<>();
    flavors.add(List.of("FLAVOR", "HARDWARE TYPE", "ENCLOSURE GROUP", "CPU CORES", "MEMORY",
        "LOCAL DISK GB", "SERVERS", "FREE"));
    int i = 1;
    for (Flavor f : inv.flavors()) {
      flavors.add(List.of("" + i++, orDash(f.serverHardwareTypeName()), orDash(f.enclosureGroupName()),
          orDash(f.cpuCores()), memory(f.memoryMb()), orDash(f.localDiskGb()), "" + f.servers().size(),
          count(counts(f.servers()), "FREE")));
    }
    format(s, flavors, "");
    i = 1;
    for (Flavor f : inv.flavors()) {
      s.append("\nServers of flavor ").append(i++).append(":\n");
      List<List<String>> servers = new ArrayList<>();
      servers.add(List.of("SERVER", "AVAILABILITY", "MACS"));
      f.servers().forEach(server -> servers.add(List.of(orDash(server.name()),
          server.availability().wireName(),
          server.macs().isEmpty() ? "-" : String.join(" ", server.macs()))));
      format(s, servers, "  ");
    }
    return s.toString();
  }

  private static Map<Availability, Integer> counts(
      List<Server> servers) {
    Map<Availability, Integer> n =
        new EnumMap<>(Availability.class);
    servers.forEach(s -> n.merge(s.availability(), 1, Integer::sum));
    return n;
  }

  private static String count(Map<Availability, Integer> n,
      String availability) {
    return "" + n.getOrDefault(Availability.valueOf(availability), 0);
  }

  /** Memory as the examples' InventoryReport writes it: whole GiB when it is, else MiB. */
  static String memory(Long mb) {
    if (mb == null) {
      return "-";
    }
    return mb % 1024 == 0 ? mb / 1024 + " GiB" : mb + " MiB";
  }

  private static String orDash(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }

  /** Left-aligned columns two spaces apart; numbers are short enough not to need right alignment. */
  private static void format(StringBuilder s, List<List<String>> rows, String indent) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < row.size(); c++) {
        line.append(row.get(c));
        if (c < row.size() - 1) {
          line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
        }
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
