package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A snapshot of what an appliance can offer bare-metal consumers, as ironic-oneview-cli showed it:
 * templates with their hardware type and enclosure group, the servers compatible with each and
 * whether they are free, and the servers grouped into flavors. Taken with {@link
 * OneView#inventory(Predicate)}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * Inventory inv = ov.inventory(profile -> profile.name().startsWith("infrakit-"));
 * for (Inventory.Template t : inv.templates()) {
 *   long free = t.servers().stream().filter(s -> s.availability() == Inventory.Availability.FREE).count();
 *   System.out.println(t.name() + ": " + free + " free");
 * }
 * System.out.println(inv.toJson());
 * }</pre>
 *
 * @param templates every template, by name, each with its compatible servers.
 * @param flavors every server grouped by hardware type, enclosure group, CPU cores, memory and local
 *     disk.
 * @param serverHardwareTypes every server hardware type, by name.
 * @param enclosureGroups every enclosure group, by name.
 * @param serverHardware every server, by name.
 */
public record Inventory(
    List<Template> templates,
    List<Flavor> flavors,
    List<ServerHardwareType> serverHardwareTypes,
    List<EnclosureGroup> enclosureGroups,
    List<ServerHardware> serverHardware) {

  public Inventory {
    templates = List.copyOf(Objects.requireNonNull(templates, "templates == null"));
    flavors = List.copyOf(Objects.requireNonNull(flavors, "flavors == null"));
    serverHardwareTypes = List.copyOf(Objects.requireNonNull(serverHardwareTypes, "serverHardwareTypes == null"));
    enclosureGroups = List.copyOf(Objects.requireNonNull(enclosureGroups, "enclosureGroups == null"));
    serverHardware = List.copyOf(Objects.requireNonNull(serverHardware, "serverHardware == null"));
  }

  /** Whether a server can be given a new profile, and if not, why. */
  public enum Availability {
    /** No profile, state {@code NoProfileApplied}, not in maintenance and not Critical: choosable. */
    FREE("free"),
    /** Carries a profile the caller's ownership test accepts. */
    OWNED("owned"),
    /**
     * Carries a profile the caller does not own, or one missing from the profile listing (it may
     * be brand new), so it is never treated as the caller's.
     */
    USED_BY_OTHERS("used-by-others"),
    /** No profile, but an administrator put the server into maintenance. */
    MAINTENANCE("maintenance"),
    /**
     * No profile, but not usable either: Critical health, or a state other than {@code
     * NoProfileApplied} (being added, profile being applied or removed, unmanaged, ...).
     */
    UNAVAILABLE("unavailable");

    private final String wireName;

    Availability(String wireName) {
      this.wireName = wireName;
    }

    /** The name used in {@link Inventory#toJson()}, such as {@code "used-by-others"}. */
    public String wireName() {
      return wireName;
    }
  }

  /**
   * A server as the inventory lists it.
   *
   * @param uri the server's URI.
   * @param name its name.
   * @param availability whether it can be given a new profile.
   * @param serverProfileUri the profile it carries, or null.
   * @param macs its MAC addresses ({@link ServerHardware#macs()}).
   */
  public record Server(String uri, String name, Availability availability, String serverProfileUri, List<String> macs) {
    public Server {
      Objects.requireNonNull(uri, "uri == null");
      Objects.requireNonNull(availability, "availability == null");
      macs = List.copyOf(Objects.requireNonNull(macs, "macs == null"));
    }
  }

  /**
   * A template with the servers a profile from it fits ({@link ServerHardware#isCompatibleWith}).
   *
   * @param uri the template's URI.
   * @param name its name.
   * @param serverHardwareTypeUri its hardware type, or null.
   * @param serverHardwareTypeName that type's name, or null if unknown.
   * @param enclosureGroupUri its enclosure group; null for rack templates.
   * @param enclosureGroupName that group's name, or null.
   * @param servers the compatible servers, by name.
   */
  public record Template(
      String uri,
      String name,
      String serverHardwareTypeUri,
      String serverHardwareTypeName,
      String enclosureGroupUri,
      String enclosureGroupName,
      List<Server> servers) {
    public Template {
      servers = List.copyOf(Objects.requireNonNull(servers, "servers == null"));
    }
  }

  /**
   * Servers alike enough to be one flavor in a bare-metal scheduler.
   *
   * @param serverHardwareTypeUri their hardware type, or null.
   * @param serverHardwareTypeName that type's name, or null if unknown.
   * @param enclosureGroupUri their enclosure group; null for rack servers.
   * @param enclosureGroupName that group's name, or null.
   * @param cpuCores CPU cores per server ({@link ServerHardware#cpuCores()}), or null if unknown.
   * @param memoryMb memory per server in MiB, or null if unknown.
   * @param localDiskGb local disk per server in GB, or null: the server hardware resource does not
   *     report disks, so this is null until a source for it exists.
   * @param servers the servers, by name.
   */
  public record Flavor(
      String serverHardwareTypeUri,
      String serverHardwareTypeName,
      String enclosureGroupUri,
      String enclosureGroupName,
      Integer cpuCores,
      Long memoryMb,
      Long localDiskGb,
      List<Server> servers) {
    public Flavor {
      servers = List.copyOf(Objects.requireNonNull(servers, "servers == null"));
    }
  }

  /** The template named exactly {@code name}, or empty. */
  public Optional<Template> template(String name) {
    Objects.requireNonNull(name, "name == null");
    return templates.stream().filter(t -> name.equals(t.name())).findFirst();
  }

  /** The inventory as JSON for scripts: {@code {"templates":[...],"flavors":[...]}}, nulls included. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> templateList = new ArrayList<>();
    for (Template t : templates) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("uri", t.uri());
      json.put("name", t.name());
      json.put("serverHardwareType", ref(t.serverHardwareTypeUri(), t.serverHardwareTypeName()));
      json.put("enclosureGroup", ref(t.enclosureGroupUri(), t.enclosureGroupName()));
      json.put("servers", servers(t.servers()));
      templateList.add(json);
    }
    root.put("templates", templateList);
    List<Object> flavorList = new ArrayList<>();
    for (Flavor f : flavors) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("serverHardwareType", ref(f.serverHardwareTypeUri(), f.serverHardwareTypeName()));
      json.put("enclosureGroup", ref(f.enclosureGroupUri(), f.enclosureGroupName()));
      json.put("cpuCores", f.cpuCores() == null ? null : f.cpuCores().longValue());
      json.put("memoryMb", f.memoryMb());
      json.put("localDiskGb", f.localDiskGb());
      json.put("servers", servers(f.servers()));
      flavorList.add(json);
    }
    root.put("flavors", flavorList);
    return Json.toJson(root);
  }

  private static Map<String, Object> ref(String uri, String name) {
    if (uri == null) return null;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("uri", uri);
    json.put("name", name);
    return json;
  }

  private static List<Object> servers(List<Server> servers) {
    List<Object> result = new ArrayList<>();
    for (Server s : servers) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("uri", s.uri());
      json.put("name", s.name());
      json.put("availability", s.availability().wireName());
      json.put("serverProfileUri", s.serverProfileUri());
      json.put("macs", s.macs());
      result.add(json);
    }
    return result;
  }

  /**
   * Lists the five collections concurrently and builds the snapshot; {@code owned} decides which
   * profiles are the caller's. The listings are asynchronous (no thread waits for a page but the caller).
   */
  static Inventory collect(OneView ov, Predicate<ServerProfile> owned) {
    Objects.requireNonNull(owned, "owned == null");
    Pager pager = ov.pager();
    CompletableFuture<List<ServerProfileTemplate>> templates =
        pager.listAsync(RealServerProfileTemplateClient.COLLECTION, Query.all(), ServerProfileTemplate::of);
    CompletableFuture<List<ServerHardwareType>> types =
        pager.listAsync(RealServerHardwareTypeClient.COLLECTION, Query.all(), ModelJson.SERVER_HARDWARE_TYPE);
    CompletableFuture<List<EnclosureGroup>> groups =
        pager.listAsync(RealEnclosureGroupClient.COLLECTION, Query.all(), ModelJson.ENCLOSURE_GROUP);
    CompletableFuture<List<ServerHardware>> hardware =
        pager.listAsync(RealServerHardwareClient.COLLECTION, Query.all(), ModelJson.SERVER_HARDWARE);
    CompletableFuture<List<ServerProfile>> profiles =
        pager.listAsync(RealServerProfileClient.COLLECTION, Query.all(), ServerProfile::of);
    return build(join(templates), join(types), join(groups), join(hardware), join(profiles), owned);
  }

  static Inventory build(
      List<ServerProfileTemplate> templates,
      List<ServerHardwareType> types,
      List<EnclosureGroup> groups,
      List<ServerHardware> hardware,
      List<ServerProfile> profiles,
      Predicate<ServerProfile> owned) {
    Map<String, String> typeNames = names(types, ServerHardwareType::uri, ServerHardwareType::name);
    Map<String, String> groupNames = names(groups, EnclosureGroup::uri, EnclosureGroup::name);
    Map<String, ServerProfile> profilesByUri = new LinkedHashMap<>();
    for (ServerProfile p : profiles) {
      if (p.uri() != null) profilesByUri.put(p.uri(), p);
    }
    // Natural order ("bay 2" before "bay 10"), as people read server names and as the examples list them.
    Comparator<ServerHardware> byName = Comparator.comparing(ServerHardware::name, Comparator.nullsLast(NaturalOrder.INSTANCE));
    List<ServerHardware> sortedHardware = hardware.stream().sorted(byName).toList();
    Map<String, Server> servers = new LinkedHashMap<>();
    for (ServerHardware hw : sortedHardware) {
      servers.put(hw.uri(), new Server(hw.uri(), hw.name(), availability(hw, profilesByUri, owned),
          hw.serverProfileUri(), hw.macs()));
    }

    List<Template> templateEntries = new ArrayList<>();
    for (ServerProfileTemplate t : templates) {
      List<Server> compatible = sortedHardware.stream()
          .filter(hw -> hw.isCompatibleWith(t))
          .map(hw -> servers.get(hw.uri()))
          .toList();
      templateEntries.add(new Template(t.uri(), t.name(), t.serverHardwareTypeUri(),
          typeNames.get(t.serverHardwareTypeUri()), emptyToNull(t.enclosureGroupUri()),
          groupNames.get(emptyToNull(t.enclosureGroupUri())), compatible));
    }
    templateEntries.sort(Comparator.comparing(Template::name, Comparator.nullsLast(Comparator.naturalOrder())));

    // A TreeMap over a composite string key keeps flavor order stable between snapshots.
    Map<String, List<ServerHardware>> byFlavor = new TreeMap<>();
    for (ServerHardware hw : sortedHardware) {
      String key = String.join("\u0000",
          String.valueOf(typeNames.getOrDefault(hw.serverHardwareTypeUri(), hw.serverHardwareTypeUri())),
          String.valueOf(groupNames.getOrDefault(hw.serverGroupUri(), hw.serverGroupUri())),
          String.format("%08d", hw.cpuCores() == null ? 0 : hw.cpuCores()),
          String.format("%012d", hw.memoryMb() == null ? 0 : hw.memoryMb()),
          String.valueOf(hw.serverHardwareTypeUri()), String.valueOf(hw.serverGroupUri()),
          String.valueOf(hw.cpuCores()), String.valueOf(hw.memoryMb()));
      byFlavor.computeIfAbsent(key, k -> new ArrayList<>()).add(hw);
    }
    List<Flavor> flavors = new ArrayList<>();
    for (List<ServerHardware> members : byFlavor.values()) {
      ServerHardware first = members.get(0);
      flavors.add(new Flavor(first.serverHardwareTypeUri(), typeNames.get(first.serverHardwareTypeUri()),
          first.serverGroupUri(), groupNames.get(first.serverGroupUri()), first.cpuCores(), first.memoryMb(), null,
          members.stream().map(hw -> servers.get(hw.uri())).toList()));
    }

    return new Inventory(templateEntries, flavors,
        types.stream().sorted(Comparator.comparing(ServerHardwareType::name, Comparator.nullsLast(Comparator.naturalOrder()))).toList(),
        groups.stream().sorted(Comparator.comparing(EnclosureGroup::name, Comparator.nullsLast(Comparator.naturalOrder()))).toList(),
        sortedHardware);
  }

  static Availability availability(ServerHardware hw, Map<String, ServerProfile> profiles, Predicate<ServerProfile> owned) {
    if (hw.serverProfileUri() != null) {
      ServerProfile profile = profiles.get(hw.serverProfileUri());
      return profile != null && owned.test(profile) ? Availability.OWNED : Availability.USED_BY_OTHERS;
    }
    if (hw.maintenanceMode()) return Availability.MAINTENANCE;
    if (hw.state() != ServerHardwareState.NO_PROFILE_APPLIED || hw.isCritical()) return Availability.UNAVAILABLE;
    return Availability.FREE;
  }

  private static <T> Map<String, String> names(List<T> resources, Function<T, String> uri, Function<T, String> name) {
    return resources.stream().filter(r -> name.apply(r) != null)
        .collect(Collectors.toMap(uri, name, (a, b) -> a));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static <T> T join(CompletableFuture<T> future) {
    return Http.join(future, "taking the inventory");
  }
}
