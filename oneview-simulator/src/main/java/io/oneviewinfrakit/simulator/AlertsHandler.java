package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /rest/alerts}: the inventory's alerts (the standard one has a few on its first server and
 * enclosure), listed with the usual parameters ({@code filter="alertState='Active'"},
 * {@code filter="severity='Critical'"}, ...), read, changed and deleted.
 *
 * <ul>
 *   <li>{@code PUT {id}} with any of {@code alertState} ({@code Active} or {@code Cleared}, the two
 *       states a user may set: Set-HPOVAlert's -Active / -Cleared), {@code assignedToUser} and
 *       {@code notes} (added to {@code changeLog}); an eTag, when sent, must be current. A
 *       {@code Locked} alert's state belongs to the appliance: changing it is refused.
 *   <li>{@code DELETE {id}} (204) and {@code DELETE ?filter=...} (an {@link TaskKind#ALERT} task);
 *       a Locked alert cannot be deleted (oneview-sdk-ruby's alerts example).
 * </ul>
 */
final class AlertsHandler extends ResourceHandler {
  private static final Set<String> USER_STATES = Set.of("Active", "Cleared");
  private final Store store = new Store("alerts", 64);
  private long changeLogIds;

  AlertsHandler(Appliance a) {
    super(a);
    a.register(store);
  }

  @Override
  public void reset() {
    store.clear();
    changeLogIds = 0;
    a.seed(store, a.inventory().documents("alerts"));
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    String m = r.method();
    if (seg.length == 2) {
      return switch (m) {
        case "GET" -> a.listings().list(r, store, version);
        case "DELETE" -> a.acceptedTasks().deleteMatching(r, store, TaskKind.ALERT, version, this::requireUnlocked,
            d -> store.remove((String) d.get("uri")));
        default -> throw Router.methodNotAllowed(m);
      };
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    Map<String, Object> alert = Listings.find(store, "/rest/alerts/" + seg[2]);
    return switch (m) {
      case "GET" -> a.listings().single(r, alert, "alerts", version);
      case "PUT" -> update(r, alert, version);
      case "DELETE" -> {
        requireUnlocked(alert);
        store.remove((String) alert.get("uri"));
        yield ApiResponse.empty(204);
      }
      default -> throw Router.methodNotAllowed(m);
    };
  }

  private void requireUnlocked(Map<String, Object> alert) {
    if ("Locked".equals(alert.get("alertState"))) {
      throw SimulatorException.conflict("ALERT_LOCKED", "The alert " + alert.get("uri")
          + " is Locked: the appliance clears it when its cause is resolved.");
    }
  }

  private ApiResponse update(ApiRequest r, Map<String, Object> alert, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    if (r.header("If-Match") != null || body.get("eTag") != null) {
      ETags.requireCurrentETag(r, body, alert);
    }
    String state = Appliance.string(body.get("alertState"));
    if (state != null && !state.equals(alert.get("alertState"))) {
      if (!USER_STATES.contains(state)) {
        throw SimulatorException.badRequest("INVALID_ALERT_STATE",
            "alertState can be set to Active or Cleared (got " + state + ").");
      }
      requireUnlocked(alert);
    }
    String now = Ids.timestamp(a.clock().instant());
    String user = a.username();
    if (state != null && !state.equals(alert.get("alertState"))) {
      alert.put("alertState", state);
      alert.put("clearedByUser", state.equals("Cleared") ? user : null);
      alert.put("clearedTime", state.equals("Cleared") ? now : null);
    }
    if (body.containsKey("assignedToUser")) {
      alert.put("assignedToUser", body.get("assignedToUser"));
    }
    String notes = Appliance.string(body.get("notes"));
    if (notes != null && !notes.isBlank()) {
      List<Object> log = new ArrayList<>(Json.list(alert.getOrDefault("changeLog", List.of())));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("uri", alert.get("uri") + "/changeLog/" + (++changeLogIds));
      entry.put("notes", notes);
      entry.put("username", user);
      entry.put("userEntered", true);
      entry.put("created", now);
      log.add(entry);
      alert.put("changeLog", log);
    }
    a.eTags().bump(alert);
    return a.listings().single(r, alert, "alerts", version);
  }
}
