package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reads and changes the nested sections that profiles and templates share ({@code connections},
 * {@code boot}, {@code bootMode}, {@code firmware}), touching only the fields it is asked to change
 * so every other field, modelled or not, survives. Stateless.
 */
final class Sections {
  private Sections() {}

  /** True when the document keeps its connections at top level, as API 200 did. */
  private static boolean topLevelConnections(Map<String, Object> json) {
    return json.get("connections") instanceof List && !(json.get("connectionSettings") instanceof Map);
  }

  static List<Connection> connections(Map<String, Object> json) {
    List<Map<String, Object>> raw;
    if (topLevelConnections(json)) {
      raw = Json.objects(json, "connections");
    } else {
      Map<String, Object> settings = Json.object(json, "connectionSettings");
      raw = settings == null ? List.of() : Json.objects(settings, "connections");
    }
    return raw.stream().map(Connection::fromJson).toList();
  }

  /**
   * A copy of {@code json} whose connection list is {@code change} applied to the current one.
   * The list stays where the document keeps it: top-level {@code connections} (API 200) when only
   * that exists, else {@code connectionSettings.connections} (API 300 and later).
   */
  static Map<String, Object> withConnections(Map<String, Object> json, UnaryOperator<List<Object>> change) {
    Map<String, Object> copy = new LinkedHashMap<>(json);
    if (topLevelConnections(json)) {
      copy.put("connections", change.apply(new ArrayList<>((List<?>) json.get("connections"))));
      return copy;
    }
    Map<String, Object> settings = Json.object(json, "connectionSettings");
    Map<String, Object> newSettings = settings == null ? new LinkedHashMap<>() : new LinkedHashMap<>(settings);
    Object current = newSettings.get("connections");
    newSettings.put("connections", change.apply(current instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>()));
    copy.put("connectionSettings", newSettings);
    return copy;
  }

  static Map<String, Object> withConnection(Map<String, Object> json, ConnectionSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    return withConnections(json, connections -> {
      long max = 0;
      for (Object element : connections) {
        if (element instanceof Map<?, ?> map) {
          Long id = Json.longValue(Json.asObject(map), "id");
          if (id != null) {
            max = Math.max(max, id);
            if (spec.id() != null && id == spec.id().longValue()) {
              throw new IllegalArgumentException("connection id " + spec.id() + " is already taken");
            }
          }
        }
      }
      connections.add(spec.toJson(spec.id() != null ? spec.id() : nextId(max)));
      return connections;
    });
  }

  /**
   * The id after {@code max}, the highest one taken. Connection ids are ints on the wire; casting a
   * larger one would wrap to a negative or taken id, so that is refused instead.
   */
  private static int nextId(long max) {
    if (max >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("cannot number a new connection: the highest connection id, " + max
          + ", leaves no higher int id; give the connection an explicit id");
    }
    return (int) max + 1;
  }

  /** A copy without the connections {@code remove} matches; the same map if it matches none. */
  static Map<String, Object> withoutConnections(Map<String, Object> json, Predicate<Connection> remove) {
    boolean[] removed = {false};
    Map<String, Object> result = withConnections(json, connections -> {
      removed[0] = connections.removeIf(element ->
          element instanceof Map<?, ?> map && remove.test(Connection.fromJson(Json.asObject(map))));
      return connections;
    });
    return removed[0] ? result : json;
  }

  static BootMode bootMode(Map<String, Object> json) {
    Map<String, Object> section = Json.object(json, "bootMode");
    return section == null ? null : BootMode.fromJson(section);
  }

  static Map<String, Object> withBootMode(Map<String, Object> json, BootMode bootMode) {
    Objects.requireNonNull(bootMode, "bootMode == null");
    if (bootMode.mode() == BootMode.Mode.UNKNOWN) throw new IllegalArgumentException("boot mode UNKNOWN cannot be set");
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("manageMode", bootMode.manageMode());
    changes.put("mode", bootMode.mode().wireName());
    changes.put("pxeBootPolicy", bootMode.pxeBootPolicy());
    return merge(json, "bootMode", changes);
  }

  static List<String> bootOrder(Map<String, Object> json) {
    Map<String, Object> boot = Json.object(json, "boot");
    return boot == null ? List.of() : Json.strings(boot, "order");
  }

  static boolean manageBoot(Map<String, Object> json) {
    Map<String, Object> boot = Json.object(json, "boot");
    return boot != null && Boolean.TRUE.equals(Json.bool(boot, "manageBoot"));
  }

  static Map<String, Object> withBootOrder(Map<String, Object> json, List<String> order) {
    Objects.requireNonNull(order, "order == null");
    for (String device : order) Objects.requireNonNull(device, "order contains null");
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("manageBoot", true); // OneView ignores an order it does not manage.
    changes.put("order", List.copyOf(order));
    return merge(json, "boot", changes);
  }

  static Map<String, Object> withManageBoot(Map<String, Object> json, boolean manageBoot) {
    return merge(json, "boot", Map.of("manageBoot", manageBoot));
  }

  static Firmware firmware(Map<String, Object> json) {
    return Firmware.fromJson(Json.object(json, "firmware"));
  }

  /** A copy of {@code json} whose object field {@code section} has {@code changes} put into it. */
  private static Map<String, Object> merge(Map<String, Object> json, String section, Map<String, Object> changes) {
    Map<String, Object> current = Json.object(json, section);
    Map<String, Object> merged = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
    merged.putAll(changes);
    Map<String, Object> copy = new LinkedHashMap<>(json);
    copy.put(section, merged);
    return copy;
  }
}
