package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One appliance the process serves, with everything of its own: its OneView client (or embedded
 * simulator) and its {@link OneViewInstancePlugin} (inventory cache, reservations, background work).
 * Nothing is shared with another appliance, so one that is down or slow never holds up another.
 */
final class Appliance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Appliance.class);

  private final ApplianceConfig config;
  private final OneViewSimulator simulator;
  private final OneView oneView;
  private volatile OneViewInstancePlugin plugin;

  private Appliance(ApplianceConfig config, OneViewSimulator simulator, OneView oneView) {
    this.config = config;
    this.simulator = simulator;
    this.oneView = oneView;
  }

  /** Builds the OneView client (starting the simulator first for a simulated appliance); no request yet. */
  static Appliance connect(ApplianceConfig config, OneViewConnector connector) {
    if (config.simulator()) {
      OneViewSimulator simulator = OneViewConnector.startSimulator(config.simulatorServers(),
          config.tuning().stateChangeBus());
      try {
        return new Appliance(config, simulator, OneViewConnector.connect(simulator));
      } catch (RuntimeException e) {
        simulator.close();
        throw e;
      }
    }
    return new Appliance(config, null, connector.connect(config));
  }

  /** Refuses ({@link StartupException}) a configuration that can never work with this appliance. */
  void probe() {
    StartupProbe.check(oneView, config);
  }

  /** Builds and starts this appliance's plugin: lists OneView once, then works in the background. */
  OneViewInstancePlugin start() {
    OneViewInstancePlugin.Builder builder = OneViewInstancePlugin.builder();
    if (simulator != null && config.tuning().stateChangeBus() && simulator.scmbPort() > 0) {
      builder.stateChangeBusPort(simulator.scmbPort());
    }
    plugin = config.tuning().applyTo(builder).oneView(oneView).namespace(config.namespace()).build().start();
    return plugin;
  }

  ApplianceConfig config() {
    return config;
  }

  String name() {
    return config.name();
  }

  OneView oneView() {
    return oneView;
  }

  /** The embedded simulator, or null for a real appliance. */
  OneViewSimulator simulator() {
    return simulator;
  }

  OneViewInstancePlugin plugin() {
    return plugin;
  }

  /** "up" when the appliance answered at start, else "unreachable now" (the plugin keeps trying). */
  String state() {
    try {
      oneView.apiVersion();
      return "up";
    } catch (RuntimeException e) {
      return "unreachable now";
    }
  }

  /** What the ready line says of this appliance: where it is, its API, namespace and state. */
  String status() {
    String where = simulator != null
        ? "embedded simulator " + oneView.url() + " (" + config.simulatorServers() + " servers)"
        : "OneView " + oneView.url();
    String api;
    try {
      api = "API " + oneView.apiVersion();
    } catch (RuntimeException e) {
      api = "API version not negotiated yet (appliance unreachable)";
    }
    List<String> templates = plugin.templateNames();
    return where + ", " + api + ", namespace \"" + plugin.namespace() + "\", changes: "
        + plugin.changeFeed() + ", " + (templates.isEmpty() ? "no templates found yet"
            : templates.size() + " templates: " + String.join(", ", templates));
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {plugin, oneView, simulator}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Shutdown of appliance {}: closing {} failed: {}", config.name(),
            c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
