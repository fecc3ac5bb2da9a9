package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --simulator 4,2}: a newcomer tries several appliances with no appliance at all. */
class SeveralSimulatorsTest {

  @Test
  void eachSimulatorIsATypedPluginWithItsOwnAccessFiles() {
    Path dir = PrivateDirectory.create("ovs");
    try (PluginProcess plugin = new PluginProcess(dir, "instance-oneview",
        List.of("--simulator", "4,2", "--refresh-interval", "200ms", "--no-scmb")).start();
        InstancePluginClient sim2 = InstancePluginClient.connect(plugin.socket(), "sim2")) {
      assertThat(SeveralAppliancesTest.post(plugin.socket(),
          "{\"jsonrpc\":\"2.0\",\"method\":\"Handshake.Types\",\"params\":{},\"id\":1}"))
          .contains("\"Instance/0.6.1\":[\".\",\"sim1\",\"sim2\"]");
      assertThat(sim2.describeInstances(Map.of(), false)).isEmpty();
      sim2.validate(PluginHarness.BLADE_PROPERTIES);
      PluginHarness.await("the ready line", java.time.Duration.ofSeconds(30),
          () -> plugin.log().contains(" ready: socket "));
      assertThat(plugin.log()).contains("2 appliances (groups use instance-oneview/sim1, instance-oneview/sim2; "
          + "plain instance-oneview serves sim1)", "sim1 (up): embedded simulator",
          "(4 servers)", "sim2 (up): embedded simulator", "(2 servers)");
      for (String name : List.of("sim1", "sim2")) {
        Path access = SimulatorAccess.directory(plugin.socket(), name);
        assertThat(access.resolve("password")).isRegularFile();
        assertThat(access.resolve("ca.pem")).isRegularFile();
        assertThat(plugin.log()).contains("--password-file " + access.resolve("password"));
      }
    } finally {
      PrivateDirectory.delete(dir);
    }
  }
}
