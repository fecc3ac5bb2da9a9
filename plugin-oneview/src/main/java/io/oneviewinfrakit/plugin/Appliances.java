package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every appliance of a {@link PluginConfig}: connected in order, probed and started side by side (the
 * slowest appliance, not the sum of them, bounds the start), and served as typed sub-plugins.
 */
final class Appliances implements AutoCloseable {
  private final PluginConfig config;
  private final List<Appliance> appliances;

  private Appliances(PluginConfig config, List<Appliance> appliances) {
    this.config = config;
    this.appliances = appliances;
  }

  /** Builds every appliance's OneView client (reading its password); nothing is sent yet. */
  static Appliances connect(PluginConfig config, OneViewConnector connector) {
    List<Appliance> connected = new ArrayList<>();
    try {
      for (ApplianceConfig appliance : config.appliances()) {
        connected.add(Appliance.connect(appliance, connector));
      }
    } catch (RuntimeException e) {
      connected.forEach(Appliance::close);
      throw e;
    }
    return new Appliances(config, connected);
  }

  /**
   * Probes every appliance and starts its plugin, each on its own thread; throws the first (in
   * configuration order) {@link StartupException}: one appliance that can never work stops the start.
   */
  void probeAndStart() throws InterruptedException {
    if (appliances.size() == 1) {
      appliances.get(0).probe();
      appliances.get(0).start();
      return;
    }
    ExecutorService starts = Executors.newFixedThreadPool(appliances.size(), r -> {
      Thread t = new Thread(r, "appliance-start");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> started = new ArrayList<>();
      for (Appliance appliance : appliances) {
        started.add(starts.submit(() -> {
          appliance.probe();
          appliance.start();
        }));
      }
      for (Future<?> f : started) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      starts.shutdownNow();
    }
  }

  /** Serves the default appliance untyped and, unless the configuration is the implicit one, each by name. */
  PluginServer.Builder register(PluginServer.Builder server) {
    if (!config.typed()) {
      return server.instancePlugin(defaultAppliance().plugin());
    }
    Appliance main = defaultAppliance();
    server.instancePlugin(new NamedAppliancePlugin(main.config().label(), main.plugin()));
    appliances.forEach(a -> server.instancePlugin(a.name(),
        new NamedAppliancePlugin(a.config().label(), a.plugin())));
    return server;
  }

  List<Appliance> all() {
    return appliances;
  }

  PluginConfig config() {
    return config;
  }

  Appliance defaultAppliance() {
    return appliances.stream().filter(a -> a.name().equals(config.defaultName())).findFirst().orElseThrow();
  }

  /** The ready line's part on the appliances of plugin {@code name}: each with its state. */
  String status(String name) {
    if (!config.typed()) {
      return appliances.get(0).status();
    }
    StringBuilder s = new StringBuilder(appliances.size() + " appliances (groups use "
        + String.join(", ", appliances.stream().map(a -> name + "/" + a.name()).toList()) + "; plain "
        + name + " serves " + config.defaultName() + "): ");
    for (int i = 0; i < appliances.size(); i++) {
      Appliance a = appliances.get(i);
      s.append(i == 0 ? "" : "; ").append(a.name()).append(" (").append(a.state()).append("): ")
          .append(a.status());
    }
    return s.toString();
  }

  @Override
  public void close() {
    appliances.forEach(Appliance::close);
  }
}
