package io.oneviewinfrakit.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@EnableOneViewSimulator(servers = 4, http = true)
class EnableOneViewSimulatorTest {
  private static final List<Integer> ports = new ArrayList<>();

  OneViewSimulator sim;

  @Test
  void injectsAStartedSimulatorConfiguredByTheAnnotation() throws IOException {
    assertThat(sim.serverHardware()).hasSize(4);
    assertThat(sim.url()).startsWith("http://127.0.0.1:");
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      assertThat(s.isConnected()).isTrue();
    }
    ports.add(sim.port());
  }

  @Test
  void eachTestGetsItsOwnSimulator() {
    assertThat(sim.serverProfiles()).isEmpty();
    ports.add(sim.port());
  }

  @AfterAll
  static void simulatorsAreClosedAfterEachTest() {
    assertThat(ports).hasSize(2);
    for (int port : ports) {
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }
  }
}
