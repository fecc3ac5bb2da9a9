package io.oneviewinfrakit.plugin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import picocli.CommandLine;

/**
 * Reads the configuration file of {@code --config} ({@code INFRAKIT_ONEVIEW_CONFIG}): YAML 1.2, so
 * JSON too. It is read as a node tree (snakeyaml-engine's composer) rather than bound to objects so
 * that every error names the file, the line and the key; unknown keys are refused, not ignored, since
 * a misspelt {@code insecure} or {@code namespace} would otherwise silently change what the plugin
 * does. Secrets are not read here: {@link PasswordSource} reads them when the plugin connects.
 */
final class ConfigFile {

  static final List<String> TOP_KEYS = List.of("appliances", "default");
  static final List<String> APPLIANCE_KEYS = List.of("name", "url", "user", "password-env",
      "password-file", "password", "ca-cert", "insecure", "api-version", "namespace",
      "refresh-interval", "failure-cooldown", "profile-task-timeout", "power-task-timeout",
      "reconcile-interval", "power-off-free-servers", "scmb", "max-backlog", "power-on-grace");
  private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path file;
  private final Tuning defaults;
  private final String defaultNamespace;

  private ConfigFile(Path file, Tuning defaults, String defaultNamespace) {
    this.file = file;
    this.defaults = defaults;
    this.defaultNamespace = defaultNamespace;
  }

  /**
   * The appliances of {@code file}; flags give each appliance the tuning and namespace it does not set.
   * Throws {@link StartupException} with one line naming the file, line and key.
   */
  static PluginConfig read(Path file, Tuning defaults, String defaultNamespace) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new StartupException("config " + file + ": "
          + (Files.exists(file) ? "not a readable file" : "no such file"), null);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StartupException("config " + file + ": " + e.getMessage(), e);
    }
    return new ConfigFile(file, defaults, defaultNamespace).parse(text);
  }

  private PluginConfig parse(String text) {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new StartupException("config " + file + (line > 0 ? " line " + line : "")
          + ": not valid YAML or JSON: " + e.getProblem(), e);
    } catch (YamlEngineException e) {
      throw new StartupException("config " + file + ": not valid YAML or JSON: " + e.getMessage(), e);
    }
    if (root.isEmpty() || isNull(root.get())) {
      throw new StartupException("config " + file + " is empty; it must list appliances "
          + "(appliances: [{name: ..., url: ..., user: ..., password-env: ...}])", null);
    }
    Map<String, NodeTuple> top = mapping(root.get(), "the file", TOP_KEYS);
    NodeTuple list = top.get("appliances");
    if (list == null) {
      throw error(root.get(), "no key \"appliances\": the file must list the appliances");
    }
    if (!(list.getValueNode() instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      throw error(list.getValueNode(), "key \"appliances\" must be a list of at least one appliance");
    }
    List<ApplianceConfig> appliances = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (Node entry : sequence.getValue()) {
      ApplianceConfig appliance = appliance(entry);
      Integer earlier = names.putIfAbsent(appliance.name(), line(entry));
      if (earlier != null) {
        throw error(entry, "appliance name \"" + appliance.name() + "\" is used twice (first on line "
            + earlier + "); names must be unique, groups address an appliance by it");
      }
      appliances.add(appliance);
    }
    String defaultName = appliances.get(0).name();
    NodeTuple defaultKey = top.get("default");
    if (defaultKey != null) {
      defaultName = scalar(defaultKey, "default");
      if (!names.containsKey(defaultName)) {
        throw error(defaultKey.getValueNode(), "key \"default\": no appliance is named \"" + defaultName
            + "\" (appliances: " + String.join(", ", names.keySet().stream().sorted().toList()) + ")");
      }
    }
    return new PluginConfig(appliances, defaultName, true);
  }

  private ApplianceConfig appliance(Node entry) {
    Map<String, NodeTuple> keys = mapping(entry, "an appliance", APPLIANCE_KEYS);
    Map<String, Integer> lines = new LinkedHashMap<>();
    lines.put("-", line(entry));
    keys.forEach((k, t) -> lines.put(k, line(t.getKeyNode())));
    String name = required(entry, keys, "name", "the appliance");
    if (!name.matches(NAME_PATTERN)) {
      throw error(keys.get("name").getValueNode(), "key \"name\": \"" + name + "\" is not a valid "
          + "appliance name: 1 to 32 letters, digits, '-' or '_' (groups use instance-oneview/NAME)");
    }
    String what = "appliance \"" + name + "\"";
    String url = required(entry, keys, "url", what);
    checkUrl(keys.get("url"), url, what);
    String user = required(entry, keys, "user", what);
    PasswordSource password = password(entry, keys, name, what);
    Path caCert = path(keys.get("ca-cert"), what);
    boolean insecure = bool(keys.get("insecure"), what, false);
    if (insecure && caCert != null) {
      throw error(keys.get("insecure").getKeyNode(), what + ": use either \"ca-cert\" (verify the "
          + "appliance) or \"insecure: true\" (do not), not both");
    }
    Integer apiVersion = keys.containsKey("api-version")
        ? integer(keys.get("api-version"), what, 1) : null;
    String namespace = keys.containsKey("namespace") ? scalar(keys.get("namespace"), what) : defaultNamespace;
    try {
      PluginSettings.checkNamespace(namespace);
    } catch (IllegalArgumentException e) {
      throw error(keys.get("namespace").getValueNode(), what + ", key \"namespace\": " + e.getMessage());
    }
    Tuning tuning = new Tuning(
        duration(keys.get("refresh-interval"), what, defaults.refreshInterval()),
        duration(keys.get("failure-cooldown"), what, defaults.failureCooldown()),
        duration(keys.get("profile-task-timeout"), what, defaults.profileTaskTimeout()),
        duration(keys.get("power-task-timeout"), what, defaults.powerTaskTimeout()),
        duration(keys.get("reconcile-interval"), what, defaults.reconcileInterval()),
        bool(keys.get("power-off-free-servers"), what, defaults.powerOffFreeServers()),
        bool(keys.get("scmb"), what, defaults.stateChangeBus()),
        keys.containsKey("max-backlog") ? integer(keys.get("max-backlog"), what, 1) : defaults.maxBacklog(),
        duration(keys.get("power-on-grace"), what, defaults.powerOnGrace()));
    return new ApplianceConfig(name, url, user, password, caCert, insecure, apiVersion, namespace,
        tuning, null, file, lines);
  }

  private PasswordSource password(Node entry, Map<String, NodeTuple> keys, String name, String what) {
    List<String> given = List.of("password-env", "password-file", "password").stream()
        .filter(keys::containsKey).toList();
    if (given.isEmpty()) {
      throw error(entry, what + " has no password: set \"password-env\" (an environment variable "
          + "holding it) or \"password-file\" (a file holding it)");
    }
    if (given.size() > 1) {
      throw error(keys.get(given.get(1)).getKeyNode(), what + ": give one of " + String.join(", ", given)
          + ", not several");
    }
    NodeTuple key = keys.get(given.get(0));
    String where = "config " + file + " line " + line(key.getKeyNode()) + ": " + what + ", key \""
        + given.get(0) + "\"";
    switch (given.get(0)) {
      case "password-env": {
        String variable = scalar(key, what);
        return PasswordSource.variable(variable, where + ": environment variable " + variable
            + " is not set or empty");
      }
      case "password-file":
        return PasswordSource.file(path(key, what), where + ":");
      default: {
        Set<PosixFilePermission> permissions;
        try {
          permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
          throw new StartupException(where + ": cannot check that only the owner may read " + file
              + " (" + e + "); use \"password-env\" or \"password-file\" instead", e);
        }
        if (!OWNER_ONLY.containsAll(permissions)) {
          throw new StartupException(where + " holds the password inline, which is allowed only when "
              + "the file is readable by its owner alone (mode 0600, now "
              + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file
              + ", or use \"password-env\" or \"password-file\" instead", null);
        }
        return PasswordSource.inline(scalar(key, what).toCharArray(), where);
      }
    }
  }

  private void checkUrl(NodeTuple key, String url, String what) {
    try {
      URI uri = new URI(url);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw error(key.getValueNode(), what + ", key \"url\": \"" + url + "\" is not an appliance URL "
        + "such as https://oneview.example.com");
  }

  // ---------------------------------------------------------------- node readers

  /** The keys of a mapping node, refusing duplicates and keys not in {@code known}. */
  private Map<String, NodeTuple> mapping(Node node, String what, List<String> known) {
    if (!(node instanceof MappingNode map)) {
      throw error(node, what + " must be a mapping of keys (" + String.join(", ", known) + ")");
    }
    Map<String, NodeTuple> keys = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode k)) {
        throw error(tuple.getKeyNode(), "keys must be plain names");
      }
      String key = k.getValue();
      if (!known.contains(key)) {
        throw error(k, "unknown key \"" + key + "\" in " + what + " (known keys: "
            + String.join(", ", known) + ")");
      }
      if (keys.put(key, tuple) != null) {
        throw error(k, "key \"" + key + "\" is given twice in " + what);
      }
    }
    return keys;
  }

  private String required(Node entry, Map<String, NodeTuple> keys, String key, String what) {
    NodeTuple tuple = keys.get(key);
    if (tuple == null) {
      throw error(entry, what + " has no \"" + key + "\"");
    }
    String value = scalar(tuple, what);
    if (value.isBlank()) {
      throw error(tuple.getValueNode(), what + ", key \"" + key + "\" is empty");
    }
    return value;
  }

  private String scalar(NodeTuple tuple, String what) {
    Node value = tuple.getValueNode();
    String key = ((ScalarNode) tuple.getKeyNode()).getValue();
    if (!(value instanceof ScalarNode s) || isNull(value)) {
      throw error(value, what + ", key \"" + key + "\" must have a single value");
    }
    return s.getValue();
  }

  private Path path(NodeTuple tuple, String what) {
    if (tuple == null) {
      return null;
    }
    Path path = Path.of(scalar(tuple, what));
    // Relative to the file, so a config directory can be moved whole.
    return path.isAbsolute() ? path : file.toAbsolutePath().resolveSibling(path).normalize();
  }

  private boolean bool(NodeTuple tuple, String what, boolean absent) {
    if (tuple == null) {
      return absent;
    }
    String value = scalar(tuple, what);
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw error(tuple.getValueNode(), what + ", key \"" + ((ScalarNode) tuple.getKeyNode()).getValue()
        + "\" must be true or false, got \"" + value + "\"");
  }

  private int integer(NodeTuple tuple, String what, int min) {
    String value = scalar(tuple, what);
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw error(tuple.getValueNode(), what + ", key \"" + ((ScalarNode) tuple.getKeyNode()).getValue()
        + "\" must be a whole number of at least " + min + ", got \"" + value + "\"");
  }

  private Duration duration(NodeTuple tuple, String what, Duration absent) {
    if (tuple == null) {
      return absent;
    }
    String value = scalar(tuple, what);
    try {
      Duration d = new DurationConverter().convert(value);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (CommandLine.TypeConversionException e) {
      // refused below
    }
    throw error(tuple.getValueNode(), what + ", key \"" + ((ScalarNode) tuple.getKeyNode()).getValue()
        + "\": \"" + value + "\" is not a positive duration (examples: 500ms, 5s, 2m, 1h, PT30S)");
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private StartupException error(Node node, String message) {
    int line = line(node);
    return new StartupException("config " + file + (line > 0 ? " line " + line : "") + ": " + message, null);
  }
}
