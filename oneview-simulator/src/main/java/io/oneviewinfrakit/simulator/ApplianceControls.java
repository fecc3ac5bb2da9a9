package io.oneviewinfrakit.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The appliance as a test sees it through {@link OneViewSimulator}: frozen snapshots of what is
 * stored, and changes made directly rather than by request, each under the appliance's lock.
 */
final class ApplianceControls {
  private final Appliance a;

  ApplianceControls(Appliance a) {
    this.a = a;
  }

  List<Map<String, Object>> snapshot(String category) {
    // Views do not advance tasks: only requests do, so a test's assertions cannot change outcomes.
    return a.locked(() -> {
      Store store = switch (category) {
        case "server-hardware", "server-profiles", "server-profile-templates", "ethernet-networks",
            "network-sets" -> a.store(category);
        default -> throw new IllegalArgumentException(category);
      };
      List<Map<String, Object>> out = new ArrayList<>();
      store.all().forEach(d -> out.add(Frozen.of(d)));
      return out;
    });
  }

  List<Map<String, Object>> taskSnapshot() {
    return a.locked(() -> {
      List<Map<String, Object>> out = new ArrayList<>();
      a.tasks().all().forEach(t -> out.add(Frozen.of(t.doc)));
      return out;
    });
  }

  int sessionCount() {
    return a.locked(() -> a.sessions().count(a.clock().instant()));
  }

  void setHardware(String hardwareUri, String field, Object value) {
    a.locked(() -> {
      Map<String, Object> hw = a.hardwareStore().get(hardwareUri);
      if (hw == null) {
        throw new IllegalArgumentException("no server hardware " + hardwareUri);
      }
      hw.put(field, value);
      a.eTags().bump(hw);
    });
  }

  void holdTasks(Set<TaskKind> kinds) {
    a.locked(() -> a.tasks().hold(kinds));
  }

  void releaseTasks() {
    a.locked(() -> a.tasks().release());
  }

  void taskDuration(TaskKind kind, Duration duration) {
    a.locked(() -> a.tasks().duration(kind, duration));
  }

  void listingLag(Duration lag) {
    a.locked(() -> {
      a.profileState().listingLag = lag;
    });
  }

  int pendingTasks() {
    // Unlike the views, this settles tasks already due: "pending" means not due yet, or held.
    return a.locked(() -> {
      a.tasks().advance();
      return a.tasks().pendingCount();
    });
  }
}
