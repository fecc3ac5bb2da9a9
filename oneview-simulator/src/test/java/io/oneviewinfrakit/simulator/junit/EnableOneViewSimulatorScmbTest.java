package io.oneviewinfrakit.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

@EnableOneViewSimulator(servers = 1, scmb = true)
class EnableOneViewSimulatorScmbTest {
  OneViewSimulator sim;

  @Test
  void scmbAttributeStartsTheMessageBus() throws IOException {
    try (Socket s = new Socket("127.0.0.1", sim.scmbPort())) {
      assertThat(s.isConnected()).isTrue();
    }
    assertThat(sim.scmbCertificateAuthorityPem()).startsWith("-----BEGIN CERTIFICATE-----");
  }
}
