package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Validate and Provision check against OneView beyond the properties' own shape: the template
 * exists (by exact name, re-checked against a fresh listing once), the hardware properties match
 * its servers, Networks exist, Boot and InitAttribute are allowed; and the one WARN per group when
 * Spec.Init cannot reach the server.
 */
final class PropertyChecks {

  private static final Logger log = LoggerFactory.getLogger(PropertyChecks.class);
  private static final Duration UNKNOWN_TEMPLATE_REFRESH_WAIT = Duration.ofSeconds(5);

  private final OneViewGateway gateway;
  private final InventoryCache cache;
  private final NetworkCatalog networks;
  /** Per template, how many free powered-on servers were last reported (said again on a change). */
  private final java.util.Map<String, Long> poweredOnWarned = new ConcurrentHashMap<>();
  /** Groups already warned that their Spec.Init is ignored (once per group and reason). */
  private final Set<String> initWarned = ConcurrentHashMap.newKeySet();

  PropertyChecks(OneViewGateway gateway, InventoryCache cache, NetworkCatalog networks) {
    this.gateway = gateway;
    this.cache = cache;
    this.networks = networks;
  }

  /**
   * The checks of instance properties that need OneView: hardware properties against the template and its servers,
   * Networks exist and the template manages connections, Boot and InitAttribute allowed by the
   * template. Throws {@link IllegalArgumentException} naming every problem; returns the network URIs.
   */
  List<String> againstOneView(InstanceProperties p, TemplateView template) {
    List<String> problems = new ArrayList<>(ProfileCustomization.problems(p, template));
    HardwareMatch hardware = p.hardware();
    if (!hardware.isEmpty()) {
      Inventory inventory = cache.usable();
      List<ServerView> compatible = inventory.servers().values().stream()
          .filter(s -> s.isCompatibleWith(template)).toList();
      String typeName = hardware.serverHardwareType() == null ? null
          : gateway.hardwareTypeName(template.hardwareTypeUri());
      String groupName = hardware.enclosureGroup() == null ? null
          : gateway.enclosureGroupName(template.enclosureGroupUri());
      problems.addAll(hardware.check(template, typeName, groupName, compatible,
          inventory.servers().values()));
    }
    List<String> networkUris = List.of();
    if (!p.networks().isEmpty()) {
      try {
        networkUris = networks.resolve(p.networks());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid instance properties for template \""
          + template.name() + "\": " + String.join("; ", problems));
    }
    return networkUris;
  }

  /** The template by exact name; an unknown name is re-checked against a fresh listing once. */
  TemplateView template(String name) {
    Inventory inventory = cache.usable();
    Optional<TemplateView> template = inventory.template(name);
    if (template.isEmpty()) {
      try { // it may have been created since the last refresh
        // Bounded well inside InfraKit's RPC timeout; the cached listing answers if it takes longer.
        inventory = cache.refresh().get(UNKNOWN_TEMPLATE_REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        template = inventory.template(name);
      } catch (ExecutionException | TimeoutException e) {
        inventory = cache.usable();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted while listing templates");
      }
    }
    List<String> names = inventory.templateNames();
    return template.orElseThrow(() -> new IllegalArgumentException("unknown template \""
        + name + "\"; available templates: " + (names.isEmpty() ? "(none)" : String.join(", ", names))));
  }

  /** Spec.Init reaches a server only through an OS deployment plan; say once per group when it does not. */
  void warnIfInitIgnored(InstanceProperties properties, TemplateView template, InstanceSpec spec) {
    if (spec.init().isEmpty() || ProfileCustomization.deliversInit(properties, template, spec.init())) {
      return;
    }
    String group = spec.tags().getOrDefault("infrakit.group", "(no infrakit.group tag)");
    String why = template.osDeploymentPlanUri() == null
        ? "template \"" + template.name() + "\" has no OS deployment plan"
        : "property \"" + InstanceProperties.INIT_ATTRIBUTE + "\" does not name the OS custom attribute "
            + "to pass it in";
    if (initWarned.add(group + "\n" + why)) {
      log.warn("Group {}: Spec.Init (the flavor's boot script, {} characters) is ignored: {}. OneView "
          + "can only hand a script to a server through an OS deployment plan's custom attribute",
          LogText.of(group), spec.init().length(), why);
    }
  }

  /**
   * Validate's word on hardware the plugin leaves alone: free compatible servers that someone
   * powered on are not used without --power-off-free-servers. A WARN once per template and count.
   */
  void warnIfFreeServersAreOn(TemplateView template) {
    Inventory inventory = cache.usable();
    long on = inventory.servers().values().stream()
        .filter(s -> s.isCompatibleWith(template) && s.isFree() && !s.isPoweredOff()).count();
    Long before = poweredOnWarned.put(template.name(), on);
    if (on > 0 && (before == null || before != on)) {
      log.warn("Template \"{}\": {} free compatible server(s) are powered on without a profile "
          + "(someone may be using them bare) and are not used; --power-off-free-servers lets the "
          + "plugin power them off and take them", LogText.of(template.name()), on);
    }
  }
}
