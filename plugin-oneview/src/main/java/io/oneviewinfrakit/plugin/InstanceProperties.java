package io.oneviewinfrakit.plugin;

import static java.util.stream.Collectors.joining;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * The instance properties of a group's {@code Instance.Properties} section, parsed and checked.
 *
 * <p>Known properties: {@code TemplateName} (required, exact server profile template name),
 * {@code Note} (free text, ignored), {@code PowerOn} (boolean, default true) and
 * {@code ProfileNamePrefix} (default {@value #DEFAULT_PROFILE_NAME_PREFIX}). Anything else is
 * rejected by name, so a typo stops at {@code Instance.Validate} rather than being silently ignored.
 *
 * @param templateName the server profile template to create profiles from
 * @param powerOn whether to power the server on once its profile is applied
 * @param profileNamePrefix prepended to the instance ID to name the profile
 */
record InstanceProperties(String templateName, boolean powerOn, String profileNamePrefix) {

  static final String TEMPLATE_NAME = "TemplateName";
  static final String NOTE = "Note";
  static final String POWER_ON = "PowerOn";
  static final String PROFILE_NAME_PREFIX = "ProfileNamePrefix";
  static final String DEFAULT_PROFILE_NAME_PREFIX = "infrakit-";
  private static final Set<String> KNOWN = Set.of(TEMPLATE_NAME, NOTE, POWER_ON, PROFILE_NAME_PREFIX);
  private static final List<String> KNOWN_IN_ORDER = List.of(TEMPLATE_NAME, NOTE, POWER_ON, PROFILE_NAME_PREFIX);

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
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid instance properties: " + String.join("; ", problems));
    }
    return new InstanceProperties(templateName, powerOn, prefix);
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
