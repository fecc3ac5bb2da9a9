package io.oneviewinfrakit.plugin;

import static java.util.stream.Collectors.joining;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okio.Buffer;

/**
 * The instance properties of a group's {@code Instance.Properties} section, parsed and checked.
 *
 * <p>Known properties: {@code TemplateName} (required, exact server profile template name),
 * {@code Note} (free text, ignored), {@code PowerOn} (boolean, default true) and
 * {@code ProfileNamePrefix} (default {@value #DEFAULT_PROFILE_NAME_PREFIX}); the optional hardware
 * match ({@link HardwareMatch}), {@code Networks} (network or network-set names), {@code Boot}
 * ({@link BootSettings}) and {@code InitAttribute} (the OS custom attribute that carries
 * {@code Spec.Init}). Anything else is rejected by name, so a typo stops at {@code Instance.Validate}
 * rather than being silently ignored. Checks that need OneView (names exist, the template allows it)
 * are made by the plugin, not here.
 *
 * @param templateName the server profile template to create profiles from
 * @param powerOn whether to power the server on once its profile is applied
 * @param profileNamePrefix prepended to the instance ID to name the profile
 * @param hardware which servers the group may take, {@link HardwareMatch#NONE} for any compatible one
 * @param networks network or network-set names to connect each profile to; empty for none
 * @param boot boot mode and order to set, or null to keep the template's
 * @param initAttribute the OS custom attribute to pass {@code Spec.Init} in, or null
 */
record InstanceProperties(String templateName, boolean powerOn, String profileNamePrefix,
    HardwareMatch hardware, List<String> networks, BootSettings boot, String initAttribute) {

  static final String TEMPLATE_NAME = "TemplateName";
  static final String NOTE = "Note";
  static final String POWER_ON = "PowerOn";
  static final String PROFILE_NAME_PREFIX = "ProfileNamePrefix";
  static final String DEFAULT_PROFILE_NAME_PREFIX = "infrakit-";
  static final String SERVER_HARDWARE_TYPE = "ServerHardwareType";
  static final String ENCLOSURE_GROUP = "EnclosureGroup";
  static final String MIN_MEMORY_MB = "MinMemoryMb";
  static final String MIN_CPU_CORES = "MinCpuCores";
  static final String MODEL = "Model";
  static final String SERVER_HARDWARE = "ServerHardware";
  static final String NETWORKS = "Networks";
  static final String BOOT = "Boot";
  static final String INIT_ATTRIBUTE = "InitAttribute";
  private static final List<String> KNOWN_IN_ORDER = List.of(TEMPLATE_NAME, NOTE, POWER_ON,
      PROFILE_NAME_PREFIX, SERVER_HARDWARE_TYPE, ENCLOSURE_GROUP, MIN_MEMORY_MB, MIN_CPU_CORES, MODEL,
      SERVER_HARDWARE, NETWORKS, BOOT, INIT_ATTRIBUTE);
  private static final Set<String> KNOWN = Set.copyOf(KNOWN_IN_ORDER);
  /** OneView custom attribute names: letters, digits, '_', '.', '-' (shown in the OneView UI). */
  private static final Pattern ATTRIBUTE_SHAPE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
  /** Generous bounds that still stop a pasted inventory or a typo'd exponent. */
  private static final int MAX_LIST = 64;

  InstanceProperties {
    hardware = hardware == null ? HardwareMatch.NONE : hardware;
    networks = networks == null ? List.of() : List.copyOf(networks);
  }

  /** Only the original plugin's properties. */
  InstanceProperties(String templateName, boolean powerOn, String profileNamePrefix) {
    this(templateName, powerOn, profileNamePrefix, HardwareMatch.NONE, List.of(), null, null);
  }

  /**
   * Profile names are used in OneView filters (which cannot escape {@code '}) and shown to people:
   * letters, digits, {@code . _ -}, starting with a letter or digit, at most 64 characters.
   */
  private static final Pattern PREFIX_SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The profile name of an instance: prefix + instance ID. */
  String profileName(String instanceId) {
    return profileNamePrefix + instanceId;
  }

  /**
   * Parses the raw JSON text of the properties; throws {@link IllegalArgumentException} with a
   * message naming every problem found.
   */
  static InstanceProperties parse(String json) {
    Object tree = readTree(json);
    if (!(tree instanceof Map<?, ?> fields)) {
      throw new IllegalArgumentException("instance properties must be a JSON object with at least "
          + "\"" + TEMPLATE_NAME + "\", got " + describe(tree));
    }
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Object key : fields.keySet()) {
      if (!KNOWN.contains(key)) {
        unknown.add(String.valueOf(key));
      }
    }
    if (!unknown.isEmpty()) {
      problems.add("unknown " + (unknown.size() == 1 ? "property " : "properties ")
          + unknown.stream().map(InstanceProperties::quoted).collect(joining(", "))
          + " (known: " + String.join(", ", KNOWN_IN_ORDER) + "; names are case-sensitive)");
    }
    String templateName = null;
    Object template = fields.get(TEMPLATE_NAME);
    if (template == null) {
      problems.add("\"" + TEMPLATE_NAME + "\" is required (the exact name of a server profile template)");
    } else if (!(template instanceof String name) || name.isBlank()) {
      problems.add("\"" + TEMPLATE_NAME + "\" must be a non-empty string, got " + describe(template));
    } else {
      templateName = name;
    }
    boolean powerOn = true;
    if (fields.containsKey(POWER_ON)) {
      if (fields.get(POWER_ON) instanceof Boolean b) {
        powerOn = b;
      } else {
        problems.add("\"" + POWER_ON + "\" must be a boolean (true or false), got "
            + describe(fields.get(POWER_ON)));
      }
    }
    String prefix = DEFAULT_PROFILE_NAME_PREFIX;
    if (fields.containsKey(PROFILE_NAME_PREFIX)) {
      Object value = fields.get(PROFILE_NAME_PREFIX);
      if (value instanceof String s && PREFIX_SHAPE.matcher(s).matches()) {
        prefix = s;
      } else {
        problems.add("\"" + PROFILE_NAME_PREFIX + "\" must be a string of 1 to 64 letters, digits, "
            + "'.', '_' or '-' starting with a letter or digit, got " + describe(value));
      }
    }
    if (fields.containsKey(NOTE) && fields.get(NOTE) != null && !(fields.get(NOTE) instanceof String)) {
      problems.add("\"" + NOTE + "\" must be a string, got " + describe(fields.get(NOTE)));
    }
    String typeName = name(fields, SERVER_HARDWARE_TYPE, problems);
    String groupName = name(fields, ENCLOSURE_GROUP, problems);
    Long minMemory = positiveWhole(fields, MIN_MEMORY_MB, 1L << 40, problems);
    Long minCores = positiveWhole(fields, MIN_CPU_CORES, 1 << 20, problems);
    String model = name(fields, MODEL, problems);
    if (model != null) {
      try {
        Pattern.compile(model);
      } catch (PatternSyntaxException e) {
        problems.add("\"" + MODEL + "\" is not a valid regular expression: " + quoted(model) + " ("
            + e.getDescription() + " near index " + e.getIndex() + ")");
        model = null;
      }
    }
    List<String> serverNames = null;
    Map<String, String> serverByLogicalId = null;
    if (fields.containsKey(SERVER_HARDWARE)) {
      Object value = fields.get(SERVER_HARDWARE);
      if (value instanceof Map<?, ?> map) {
        serverByLogicalId = stringMap(map, problems);
      } else {
        serverNames = names(fields, SERVER_HARDWARE, "a list of server names, or an object mapping "
            + "logical IDs to server names", problems);
      }
    }
    List<String> networks = fields.containsKey(NETWORKS)
        ? names(fields, NETWORKS, "a list of Ethernet network or network set names", problems) : null;
    BootSettings boot = fields.containsKey(BOOT) ? boot(fields.get(BOOT), problems) : null;
    String initAttribute = null;
    if (fields.containsKey(INIT_ATTRIBUTE)) {
      Object value = fields.get(INIT_ATTRIBUTE);
      if (value instanceof String s && ATTRIBUTE_SHAPE.matcher(s).matches()) {
        initAttribute = s;
      } else {
        problems.add("\"" + INIT_ATTRIBUTE + "\" must be the name of an OS custom attribute (1 to 64 "
            + "letters, digits, '_', '.' or '-'), got " + describe(value));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid instance properties: " + String.join("; ", problems));
    }
    HardwareMatch hardware = new HardwareMatch(typeName, groupName, minMemory,
        minCores == null ? null : minCores.intValue(), model, serverNames, serverByLogicalId);
    return new InstanceProperties(templateName, powerOn, prefix, hardware.isEmpty() ? HardwareMatch.NONE
        : hardware, networks, boot, initAttribute);
  }

  /** An optional non-empty string property, or null. */
  private static String name(Map<?, ?> fields, String key, List<String> problems) {
    if (!fields.containsKey(key)) {
      return null;
    }
    Object value = fields.get(key);
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    problems.add("\"" + key + "\" must be a non-empty string, got " + describe(value));
    return null;
  }

  /** An optional whole number from 1 to {@code max}; JSON numbers arrive as doubles. */
  private static Long positiveWhole(Map<?, ?> fields, String key, long max, List<String> problems) {
    if (!fields.containsKey(key)) {
      return null;
    }
    Object value = fields.get(key);
    if (value instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= max
        && n.doubleValue() == Math.rint(n.doubleValue())) {
      return (long) n.doubleValue();
    }
    problems.add("\"" + key + "\" must be a whole number from 1 to " + max + ", got " + describe(value));
    return null;
  }

  /** A non-empty list of distinct non-empty strings. */
  private static List<String> names(Map<?, ?> fields, String key, String what, List<String> problems) {
    Object value = fields.get(key);
    String problem = "\"" + key + "\" must be " + what + " (1 to " + MAX_LIST + " distinct non-empty "
        + "strings), got ";
    if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST) {
      problems.add(problem + describe(value)
          + (value instanceof List<?> l ? " of " + l.size() + " entries" : ""));
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof String s) || s.isBlank()) {
        problems.add(problem + "an entry that is " + describe(entry));
        return null;
      }
      if (names.contains(s)) {
        problems.add("\"" + key + "\" names " + quoted(s) + " twice");
        return null;
      }
      names.add(s);
    }
    return names;
  }

  private static Map<String, String> stringMap(Map<?, ?> map, List<String> problems) {
    String problem = "\"" + SERVER_HARDWARE + "\" as an object must map each logical ID to a server "
        + "name (1 to " + MAX_LIST + " entries, each server once), got ";
    if (map.isEmpty() || map.size() > MAX_LIST) {
      problems.add(problem + map.size() + " entries");
      return null;
    }
    Map<String, String> result = new java.util.LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String server) || server.isBlank()) {
        problems.add(problem + describe(e.getValue()) + " for logical ID " + quoted(String.valueOf(e.getKey())));
        return null;
      }
      if (result.containsValue(server)) {
        problems.add("\"" + SERVER_HARDWARE + "\" gives server " + quoted(server) + " to two logical IDs");
        return null;
      }
      result.put(String.valueOf(e.getKey()), server);
    }
    return result;
  }

  private static BootSettings boot(Object value, List<String> problems) {
    if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
      problems.add("\"" + BOOT + "\" must be an object with \"Mode\" and/or \"Order\", e.g. "
          + "{\"Mode\": \"UEFI\", \"Order\": [\"PXE\", \"HardDisk\"]}, got " + describe(value));
      return null;
    }
    int before = problems.size();
    for (Object key : map.keySet()) {
      if (!"Mode".equals(key) && !"Order".equals(key)) {
        problems.add("\"" + BOOT + "\" has unknown field " + quoted(String.valueOf(key))
            + " (known: Mode, Order)");
      }
    }
    String mode = null;
    if (map.containsKey("Mode")) {
      Object m = map.get("Mode");
      if (m instanceof String s && BootSettings.MODES.contains(s)) {
        mode = s;
      } else {
        problems.add("\"" + BOOT + ".Mode\" must be one of " + String.join(", ", BootSettings.MODES)
            + ", got " + describe(m));
      }
    }
    List<String> order = null;
    if (map.containsKey("Order")) {
      Map<String, Object> wrapped = new java.util.HashMap<>();
      wrapped.put(BOOT + ".Order", map.get("Order"));
      order = names(wrapped, BOOT + ".Order", "a list of boot devices", problems);
      if (order != null) {
        List<String> unknown = order.stream().filter(d -> !BootSettings.DEVICES.contains(d)).toList();
        if (!unknown.isEmpty()) {
          problems.add("\"" + BOOT + ".Order\" has unknown boot devices " + unknown.stream()
              .map(InstanceProperties::quoted).collect(joining(", ")) + " (known: "
              + BootSettings.DEVICES.stream().sorted().collect(joining(", ")) + ")");
        }
      }
    }
    return problems.size() == before ? new BootSettings(mode, order) : null;
  }

  private static Object readTree(String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("instance properties are missing: expected a JSON object "
          + "such as {\"" + TEMPLATE_NAME + "\": \"<server profile template name>\"}");
    }
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      Object tree = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("instance properties are not valid JSON: trailing data");
      }
      return tree;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("instance")) {
        throw iae;
      }
      throw new IllegalArgumentException("instance properties are not valid JSON: " + e.getMessage());
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "string " + quoted(s);
    }
    if (value instanceof Boolean || value instanceof Number) {
      return (value instanceof Boolean ? "boolean " : "number ") + value;
    }
    return value instanceof Map ? "an object" : value instanceof List ? "an array" : "a value";
  }

  private static String quoted(String s) {
    String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return "\"" + shown + "\"";
  }
}
