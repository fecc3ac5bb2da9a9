package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.BootMode;
import io.oneviewinfrakit.oneview.ConnectionSpec;
import io.oneviewinfrakit.oneview.ServerProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the bare-metal properties change in the new-profile document before it is POSTed: a connection
 * to each of {@code Networks}, the {@code Boot} mode and order, and {@code Spec.Init} as the OS
 * custom attribute {@code InitAttribute}. Everything else comes from the template unchanged.
 *
 * <p>The checks against the template live here too, so Validate and Provision refuse exactly what
 * OneView would refuse (or silently ignore), with the reason.
 */
final class ProfileCustomization {

  private ProfileCustomization() {}

  /** Problems of the properties against the template (empty when fine). */
  static List<String> problems(InstanceProperties p, TemplateView t) {
    List<String> problems = new ArrayList<>();
    String template = "template \"" + t.name() + "\"";
    if (!p.networks().isEmpty() && !t.manageConnections()) {
      problems.add("\"" + InstanceProperties.NETWORKS + "\" needs a template that manages connections, "
          + "but " + template + " does not (connectionSettings.manageConnections is false); enable it "
          + "in the template or remove \"" + InstanceProperties.NETWORKS + "\"");
    }
    if (p.boot() != null && p.boot().mode() != null && !t.manageBootMode()) {
      problems.add("\"" + InstanceProperties.BOOT + ".Mode\" needs a template that manages the boot mode, "
          + "but " + template + " does not (bootMode.manageMode is false)");
    }
    if (p.boot() != null && p.boot().order() != null && !t.manageBootOrder()) {
      problems.add("\"" + InstanceProperties.BOOT + ".Order\" needs a template that manages the boot "
          + "order, but " + template + " does not (boot.manageBoot is false)");
    }
    if (p.initAttribute() != null && t.osDeploymentPlanUri() == null) {
      problems.add("\"" + InstanceProperties.INIT_ATTRIBUTE + "\" passes Spec.Init to an OS deployment "
          + "plan, but " + template + " has none (osDeploymentSettings.osDeploymentPlanUri is not set)");
    }
    return problems;
  }

  /** Whether {@code init} reaches the server: the template deploys an OS and InitAttribute names where. */
  static boolean deliversInit(InstanceProperties p, TemplateView t, String init) {
    return init != null && !init.isEmpty() && p.initAttribute() != null && t.osDeploymentPlanUri() != null;
  }

  /** The change to the new-profile document. */
  static UnaryOperator<ServerProfile> of(InstanceProperties p, TemplateView t, List<String> networkUris,
      String init) {
    return profile -> {
      ServerProfile result = profile;
      for (String uri : networkUris) {
        result = result.withConnection(ConnectionSpec.to(uri));
      }
      BootSettings boot = p.boot();
      if (boot != null && boot.mode() != null) {
        BootMode.Mode mode = switch (boot.mode()) {
          case "BIOS" -> BootMode.Mode.BIOS;
          case "UEFIOptimized" -> BootMode.Mode.UEFI_OPTIMIZED;
          default -> BootMode.Mode.UEFI;
        };
        result = result.withBootMode(BootMode.of(mode));
      }
      if (boot != null && boot.order() != null) {
        result = result.withBootOrder(boot.order());
      }
      if (deliversInit(p, t, init)) {
        result = withCustomAttribute(result, p.initAttribute(), init);
      }
      return result;
    };
  }

  /** Sets (replacing one of the same name) an OS custom attribute, keeping the others. */
  static ServerProfile withCustomAttribute(ServerProfile profile, String name, String value) {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (profile.json().get("osDeploymentSettings") instanceof Map<?, ?> existing) {
      existing.forEach((k, v) -> settings.put(String.valueOf(k), v));
    }
    List<Object> attributes = new ArrayList<>();
    if (settings.get("osCustomAttributes") instanceof List<?> list) {
      for (Object a : list) {
        if (!(a instanceof Map<?, ?> m && name.equals(m.get("name")))) {
          attributes.add(a);
        }
      }
    }
    Map<String, Object> attribute = new LinkedHashMap<>();
    attribute.put("name", name);
    attribute.put("value", value);
    attributes.add(attribute);
    settings.put("osCustomAttributes", attributes);
    return profile.with("osDeploymentSettings", settings);
  }
}
