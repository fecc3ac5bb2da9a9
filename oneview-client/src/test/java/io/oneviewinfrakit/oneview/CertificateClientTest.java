package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class CertificateClientTest {
  private OneViewSimulator sim;

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(1).scmb(true).build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void internalCaIsReadInTheShapeOfEachApiVersion() {
    try (OneView old = sdk(sim).apiVersion(500).build(); OneView current = sdk(sim).apiVersion(800).build()) {
      assertThat(old.certificates().internalCaPem()).isEqualTo(sim.scmbCertificateAuthorityPem());
      assertThat(current.certificates().internalCaPem()).isEqualTo(sim.scmbCertificateAuthorityPem());
    }
    assertThat(sim.requests().matching("GET", "/rest/certificates/ca")).extracting(r -> r.query())
        .containsExactly("", "filter=certType%3AINTERNAL");
  }

  @Test
  void clientCertificateIsMissingThenCreatedThenConflicts() {
    try (LogCapture logs = new LogCapture(); OneView ov = sdk(sim).build()) {
      thrown(ResourceNotFoundException.class, () -> ov.certificates().rabbitMqKeyPair("default"));

      ov.tasks().await(ov.certificates().createRabbitMqClientCertificate("default"), SimulatorSupport.TIMEOUT);
      RabbitMqKeyPair keyPair = ov.certificates().rabbitMqKeyPair("default");

      assertThat(keyPair.alias()).isEqualTo("default");
      assertThat(keyPair.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(keyPair.privateKeyPem()).contains("PRIVATE KEY-----");
      String keyLine = keyPair.privateKeyPem().split("\n")[3];
      assertThat(keyPair.toString()).doesNotContain(keyLine).contains("privateKeyPem=██");
      OneViewException conflict = thrown(OneViewException.class,
          () -> ov.certificates().createRabbitMqClientCertificate("default"));
      assertThat(conflict.httpStatus()).isEqualTo(409);
      assertThat(conflict.error().errorCode()).isEqualTo(CertificateClient.CLIENT_CERTIFICATE_CONFLICT);
      assertThat(logs.text()).contains("keypair/default").doesNotContain(keyLine);
    }
  }
}
