package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import java.nio.file.Path;

/** The one line the plugin logs when it serves: what is ready, and what a person can try next. */
final class ReadyLine {
  private ReadyLine() {}

  static String ready(PluginOptions options, PluginServer server, Appliances appliances) {
    // "instance-oneview ready" whatever the socket name: scripts and tests wait for these words.
    return "instance-oneview ready: socket " + server.socketPath() + ", " + appliances.status(options.name());
  }

  /**
   * The one command that shows the plugin answering, and with {@code --simulator} where each
   * simulator's URL, user, password and certificate are, so {@code inventory} and SDK code can reach
   * the same simulator.
   */
  static String nextStep(PluginOptions options, PluginServer server, Appliances appliances) {
    boolean typed = appliances.config().typed();
    String type = typed ? "\"Type\":\"" + appliances.all().get(0).name() + "\"," : "";
    String line = "Try: curl -sS --unix-socket " + server.socketPath()
        + " -H 'Content-Type: application/json' -d '{\"jsonrpc\":\"2.0\",\"method\":"
        + "\"Instance.DescribeInstances\",\"params\":{" + type + "\"Tags\":{}},\"id\":1}' http://h/"
        + "  (or: infrakit local " + options.name()
        + (typed ? "/" + appliances.all().get(0).name() : "") + " describe)";
    for (Appliance appliance : appliances.all()) {
      if (appliance.simulator() == null) {
        continue;
      }
      Path socket = server.socketPath();
      Path dir = SimulatorAccess.directory(socket, typed ? appliance.name() : null);
      line += ". Simulator " + (typed ? appliance.name() + " " : "") + appliance.simulator().url()
          + ", user " + appliance.simulator().username() + "; its password and certificate are in "
          + dir + " (owner-only): java -jar infrakit-instance-oneview.jar inventory --url "
          + appliance.simulator().url() + " --user " + appliance.simulator().username()
          + " --password-file " + dir.resolve("password") + " --ca-cert " + dir.resolve("ca.pem");
    }
    return line;
  }
}
