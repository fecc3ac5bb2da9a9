package io.oneviewinfrakit.plugin;

import static java.util.stream.Collectors.joining;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The optional instance properties that narrow which servers a group may take, as Ironic flavors
 * and node capabilities did: {@code ServerHardwareType}, {@code EnclosureGroup}, {@code MinMemoryMb},
 * {@code MinCpuCores}, {@code Model} (a regular expression that must match the whole model) and
 * {@code ServerHardware} (server names, or for pet groups a map from logical ID to server name).
 *
 * <p>{@code ServerHardwareType} and {@code EnclosureGroup} cannot narrow anything: a template fixes
 * both, so they are assertions checked against the template (a group configured for "Gen10 racks"
 * fails Validate if its template is for Gen8 blades, instead of silently taking Gen8 blades).
 *
 * @param serverHardwareType the hardware type name the template must have, or null
 * @param enclosureGroup the enclosure group name the template must have, or null
 * @param minMemoryMb the least memory in MiB, or null; servers of unknown memory do not match
 * @param minCpuCores the least CPU cores, or null; servers of unknown core count do not match
 * @param model a regular expression the whole model must match, or null
 * @param serverNames the only servers to take, or null
 * @param serverByLogicalId for pet groups: the one server for each logical ID, or null
 */
record HardwareMatch(
    String serverHardwareType,
    String enclosureGroup,
    Long minMemoryMb,
    Integer minCpuCores,
    String model,
    List<String> serverNames,
    Map<String, String> serverByLogicalId) {

  static final HardwareMatch NONE = new HardwareMatch(null, null, null, null, null, null, null);

  HardwareMatch {
    serverNames = serverNames == null ? null : List.copyOf(serverNames);
    serverByLogicalId = serverByLogicalId == null ? null : Map.copyOf(serverByLogicalId);
  }

  /**
   * Which servers an instance with {@code logicalId} may take. With the map form a provision without
   * a logical ID, or with one the map does not name, cannot take any server: {@link
   * #checkLogicalId} says why before a server is chosen.
   */
  Predicate<ServerView> accepts(String logicalId) {
    Pattern pattern = model == null ? null : Pattern.compile(model);
    String pinned = serverByLogicalId == null || logicalId == null ? null
        : serverByLogicalId.get(logicalId);
    return server -> (minMemoryMb == null || (server.memoryMb() != null && server.memoryMb() >= minMemoryMb))
        && (minCpuCores == null || (server.cpuCores() != null && server.cpuCores() >= minCpuCores))
        && (pattern == null || (server.model() != null && pattern.matcher(server.model()).matches()))
        && (serverNames == null || serverNames.contains(server.name()))
        && (serverByLogicalId == null || (pinned != null && pinned.equals(server.name())));
  }

  /** With the map form, a provision must carry a logical ID the map names. */
  void checkLogicalId(String logicalId) {
    if (serverByLogicalId == null) {
      return;
    }
    if (logicalId == null) {
      throw new IllegalArgumentException("\"" + InstanceProperties.SERVER_HARDWARE + "\" maps logical "
          + "IDs to servers, but this instance has no logical ID (use a list of server names for "
          + "groups without LogicalIDs)");
    }
    if (!serverByLogicalId.containsKey(logicalId)) {
      throw new IllegalArgumentException("\"" + InstanceProperties.SERVER_HARDWARE + "\" names no server "
          + "for logical ID \"" + logicalId + "\" (it maps " + quotedList(serverByLogicalId.keySet()) + ")");
    }
  }

  /**
   * Checks the properties against the template and the servers compatible with it; returns every
   * problem found (empty when fine), each naming the property and the value.
   *
   * @param templateTypeName the name of the template's hardware type (null if unknown)
   * @param templateGroupName the name of the template's enclosure group (null for rack templates)
   * @param compatible the servers compatible with the template, in any availability
   * @param allServers every server, to tell "no such server" from "not compatible"
   */
  List<String> check(TemplateView template, String templateTypeName, String templateGroupName,
      Collection<ServerView> compatible, Collection<ServerView> allServers) {
    List<String> problems = new ArrayList<>();
    String t = "template \"" + template.name() + "\"";
    if (serverHardwareType != null && !serverHardwareType.equals(templateTypeName)) {
      problems.add("\"" + InstanceProperties.SERVER_HARDWARE_TYPE + "\" is \"" + serverHardwareType
          + "\" but " + t + " is for server hardware type "
          + (templateTypeName == null ? "(unknown)" : "\"" + templateTypeName + "\""));
    }
    if (enclosureGroup != null && !enclosureGroup.equals(templateGroupName)) {
      problems.add("\"" + InstanceProperties.ENCLOSURE_GROUP + "\" is \"" + enclosureGroup + "\" but "
          + t + (templateGroupName == null ? " has no enclosure group (rack servers)"
              : " is for enclosure group \"" + templateGroupName + "\""));
    }
    Set<String> named = new LinkedHashSet<>();
    if (serverNames != null) {
      named.addAll(serverNames);
    }
    if (serverByLogicalId != null) {
      named.addAll(serverByLogicalId.values());
    }
    List<String> unknown = new ArrayList<>();
    List<String> incompatible = new ArrayList<>();
    for (String name : named) {
      if (compatible.stream().noneMatch(s -> name.equals(s.name()))) {
        (allServers.stream().anyMatch(s -> name.equals(s.name())) ? incompatible : unknown).add(name);
      }
    }
    if (!unknown.isEmpty()) {
      problems.add("\"" + InstanceProperties.SERVER_HARDWARE + "\" names unknown "
          + (unknown.size() == 1 ? "server " : "servers ") + quotedList(unknown));
    }
    if (!incompatible.isEmpty()) {
      problems.add("\"" + InstanceProperties.SERVER_HARDWARE + "\" names "
          + (incompatible.size() == 1 ? "server " : "servers ") + quotedList(incompatible)
          + " not compatible with " + t + " (other hardware type or enclosure group)");
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    String ofThe = "none of the " + compatible.size() + " servers compatible with " + t;
    if (minMemoryMb != null && compatible.stream().noneMatch(only(minMemoryMb, null, null))) {
      problems.add(InstanceProperties.MIN_MEMORY_MB + " " + minMemoryMb + " matches " + ofThe
          + " (largest: " + compatible.stream().map(ServerView::memoryMb).filter(Objects::nonNull)
              .max(Comparator.naturalOrder()).map(m -> m + " MB").orElse("unknown") + ")");
    }
    if (minCpuCores != null && compatible.stream().noneMatch(only(null, minCpuCores, null))) {
      problems.add(InstanceProperties.MIN_CPU_CORES + " " + minCpuCores + " matches " + ofThe
          + " (most: " + compatible.stream().map(ServerView::cpuCores).filter(Objects::nonNull)
              .max(Comparator.naturalOrder()).map(c -> c + " cores").orElse("unknown") + ")");
    }
    if (model != null && compatible.stream().noneMatch(only(null, null, model))) {
      problems.add(InstanceProperties.MODEL + " \"" + model + "\" matches " + ofThe + " (models: "
          + compatible.stream().map(ServerView::model).filter(Objects::nonNull).distinct().sorted()
              .collect(joining(", ")) + ")");
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    if (serverByLogicalId != null) {
      // Each pet's server must pass the other constraints too, or that pet can never be provisioned.
      for (Map.Entry<String, String> pet : serverByLogicalId.entrySet()) {
        Predicate<ServerView> accepts = accepts(pet.getKey());
        if (compatible.stream().noneMatch(accepts)) {
          problems.add("\"" + InstanceProperties.SERVER_HARDWARE + "\" gives logical ID \""
              + pet.getKey() + "\" server \"" + pet.getValue() + "\", which the other hardware "
              + "properties exclude");
        }
      }
    } else if (compatible.stream().noneMatch(accepts(null))) {
      problems.add("the hardware properties together match " + ofThe + " (each alone matches some)");
    }
    return problems;
  }

  private static Predicate<ServerView> only(Long memory, Integer cores, String model) {
    return new HardwareMatch(null, null, memory, cores, model, null, null).accepts(null);
  }

  boolean isEmpty() {
    return equals(NONE);
  }

  private static String quotedList(Collection<String> names) {
    return names.stream().sorted().map(n -> "\"" + n + "\"").collect(joining(", "));
  }
}
