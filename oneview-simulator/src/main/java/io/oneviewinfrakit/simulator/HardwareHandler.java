package io.oneviewinfrakit.simulator;

import static io.oneviewinfrakit.simulator.Appliance.blankToNull;
import static io.oneviewinfrakit.simulator.Appliance.existing;
import static io.oneviewinfrakit.simulator.Listings.find;
import static io.oneviewinfrakit.simulator.Router.methodNotAllowed;
import static io.oneviewinfrakit.simulator.AcceptedTasks.noOutcome;
import static io.oneviewinfrakit.simulator.Router.requireMethod;
import static io.oneviewinfrakit.simulator.Appliance.string;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /rest/server-hardware}: list, get, {@code PUT {id}/powerState} (a power task; refused
 * while a profile is being applied, as OneView holds the power lock) and {@code PATCH {id}}
 * ({@code /maintenanceMode}, {@code /uidState}).
 */
final class HardwareHandler implements Appliance.RestExtension {
  private final Appliance a;
  private final Store hardware;

  HardwareHandler(Appliance a) {
    this.a = a;
    this.hardware = a.hardwareStore();
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    String m = r.method();
    if (seg.length == 4 && seg[3].equals("powerState")) {
      requireMethod(m, "PUT");
      return power(r, find(hardware, "/rest/server-hardware/" + seg[2]), version);
    }
    if (seg.length == 3 && m.equals("PATCH")) {
      return patchHardware(r, find(hardware, "/rest/server-hardware/" + seg[2]), version);
    }
    return a.listings().readOnly(r, m, seg, hardware, version);
  }

  private ApiResponse power(ApiRequest r, Map<String, Object> hw, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    String target = string(body.get("powerState"));
    String control = Objects.requireNonNullElse(string(body.get("powerControl")), "MomentaryPress");
    if (!"On".equals(target) && !"Off".equals(target)) {
      throw SimulatorException.badRequest("INVALID_POWER_STATE", "powerState must be On or Off.");
    }
    if (!Set.of("MomentaryPress", "PressAndHold", "ColdBoot", "Reset").contains(control)) {
      throw SimulatorException.badRequest("INVALID_POWER_CONTROL",
          "powerControl must be MomentaryPress, PressAndHold, ColdBoot or Reset.");
    }
    if (Boolean.TRUE.equals(hw.get("powerLock"))) {
      throw SimulatorException.conflict("POWER_LOCKED",
          "The server hardware " + hw.get("name") + " is locked while a server profile is being"
              + " applied or removed.");
    }
    String before = (String) hw.get("powerState");
    boolean reset = "On".equals(target) && ("ColdBoot".equals(control) || "Reset".equals(control));
    String transitional = reset && "On".equals(before) ? "Resetting"
        : "On".equals(target) ? "PoweringOn" : "PoweringOff";
    String name = reset ? "Reset" : "On".equals(target) ? "Power on" : "Power off";
    if (!target.equals(before) || reset) {
      hw.put("powerState", transitional);
      a.eTags().bump(hw);
    }
    String errorCode = a.acceptedTasks().injectedFailure(TaskKind.POWER);
    String hwName = (String) hw.get("name");
    Tasks.Task t = a.tasks().start(TaskKind.POWER, name, "server-hardware", (String) hw.get("uri"),
        hwName, name + ": " + hwName, name + " completed: " + hwName + ".", errorCode,
        "Simulated failure of the power task.", "Unable to change the power state of " + hwName,
        new Tasks.Outcome() {
          @Override
          public void completed() {
            hw.put("powerState", target);
            a.eTags().bump(hw);
          }

          @Override
          public void failed() {
            hw.put("powerState", before);
            a.eTags().bump(hw);
          }
        });
    return a.acceptedTasks().accepted(r, t, version);
  }

  private ApiResponse patchHardware(ApiRequest r, Map<String, Object> hw, int version) {
    Object parsed = Json.parse(r.body());
    if (!(parsed instanceof List<?> ops)) {
      throw SimulatorException.badRequest("INVALID_PATCH", "The body must be a JSON Patch array.");
    }
    for (Object o : ops) {
      Map<String, Object> op = Json.map(o);
      if (op == null || !"replace".equals(op.get("op"))) {
        throw SimulatorException.badRequest("INVALID_PATCH", "Only replace operations are supported.");
      }
      switch (String.valueOf(op.get("path"))) {
        case "/maintenanceMode" -> hw.put("maintenanceMode", Boolean.parseBoolean(String.valueOf(op.get("value"))));
        case "/uidState" -> hw.put("uidState", String.valueOf(op.get("value")));
        default -> throw SimulatorException.badRequest("INVALID_PATCH",
            "The path " + op.get("path") + " cannot be patched.");
      }
    }
    a.eTags().bump(hw);
    return a.listings().single(r, hw, "server-hardware", version);
  }
}
