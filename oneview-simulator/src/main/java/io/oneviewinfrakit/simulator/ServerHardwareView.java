package io.oneviewinfrakit.simulator;

import java.util.Map;

/**
 * A read-only snapshot of one simulated server hardware, for assertions.
 *
 * @param serverProfileUri null when no profile is assigned
 * @param json the whole stored document (unmodifiable)
 */
public record ServerHardwareView(String uri, String name, String powerState, String state,
    String serverProfileUri, boolean maintenanceMode, Map<String, Object> json) {

  static ServerHardwareView of(Map<String, Object> d) {
    return new ServerHardwareView((String) d.get("uri"), (String) d.get("name"),
        (String) d.get("powerState"), (String) d.get("state"), (String) d.get("serverProfileUri"),
        Boolean.TRUE.equals(d.get("maintenanceMode")), d);
  }
}
