package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The plugin side of a scenario in a JVM of its own, as it runs beside InfraKit: an embedded
 * simulator, the SDK, the plugin and its server on a Unix socket (a {@link Rig} whose client is not
 * used). Started by {@link ChildJvm}; prints {@code ready SOCKET}, answers {@code pending-tasks}
 * with {@code pending-tasks N}, and stops when its stdin closes.
 *
 * <p>Arguments: servers, seconds every simulator task takes, the plugin's {@code --max-backlog}.
 */
public final class PluginSideMain {
  private PluginSideMain() {}

  public static void main(String[] args) throws IOException {
    Rig.quietLogs();
    int servers = Integer.parseInt(args[0]);
    Duration task = Duration.ofSeconds(Long.parseLong(args[1]));
    int backlog = Integer.parseInt(args[2]);
    try (Rig rig = Rig.start(OneViewSimulator.builder().servers(servers).taskDurations(task),
        b -> {}, b -> b.maxBacklog(backlog))) {
      System.out.println("ready " + rig.socket());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("pending-tasks")) {
          System.out.println("pending-tasks " + rig.sim.pendingTasks());
          System.out.flush();
        }
      }
    }
    System.exit(0);
  }
}
