package io.oneviewinfrakit.examples;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import java.io.IOException;
import java.util.Map;

/**
 * Reads the {@code Properties} the OneView plugin lists with an instance (when asked with
 * {@code properties=true}): {@code {"phase":"Running","server":{"name":...},"profile":{"name":...},...}}.
 * Missing or unreadable fields read as "-": these are for printing, never for deciding.
 */
final class PluginProperties {

  private static final JsonAdapter<Map<String, Object>> ADAPTER = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private PluginProperties() {}

  /** The instance's phase, such as {@code CreatingProfile} or {@code Running}. */
  static String phase(InstanceDescription instance) {
    return field(instance, "phase", null);
  }

  /** The name of the server the instance is on (or reserved), or "-". */
  static String serverName(InstanceDescription instance) {
    return field(instance, "server", "name");
  }

  /** The name of the instance's server profile, or "-". */
  static String profileName(InstanceDescription instance) {
    return field(instance, "profile", "name");
  }

  private static String field(InstanceDescription instance, String name, String nested) {
    if (instance.properties() == null || !instance.properties().isObject()) {
      return "-";
    }
    try {
      Object value = ADAPTER.fromJson(instance.properties().json()).get(name);
      if (nested != null) {
        value = value instanceof Map<?, ?> object ? object.get(nested) : null;
      }
      return value == null ? "-" : value.toString();
    } catch (IOException | RuntimeException e) {
      return "-";
    }
  }
}
