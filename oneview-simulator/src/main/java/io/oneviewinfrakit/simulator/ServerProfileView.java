package io.oneviewinfrakit.simulator;

import java.util.Map;

/**
 * A read-only snapshot of one simulated server profile, for assertions.
 *
 * @param description stored verbatim as the client sent it
 * @param serverHardwareUri null for an unassigned profile
 * @param state {@code Creating}, {@code Updating}, {@code Deleting} or {@code Normal}
 * @param json the whole stored document (unmodifiable)
 */
public record ServerProfileView(String uri, String name, String description,
    String serverHardwareUri, String state, Map<String, Object> json) {

  static ServerProfileView of(Map<String, Object> d) {
    return new ServerProfileView((String) d.get("uri"), (String) d.get("name"),
        d.get("description") == null ? null : String.valueOf(d.get("description")),
        (String) d.get("serverHardwareUri"), (String) d.get("state"), d);
  }
}
