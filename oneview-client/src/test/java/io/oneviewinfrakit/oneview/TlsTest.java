package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TlsTest extends FakeApplianceFixture {
  private HeldCertificate certificate;

  @Override
  void configure(MockWebServer server) {
    certificate = new HeldCertificate.Builder()
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .build();
    HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
        .heldCertificate(certificate)
        .build();
    server.useHttps(serverCertificates.sslSocketFactory(), false);
  }

  @Test
  void selfSignedApplianceIsRejectedByDefault() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(ov::apiVersion)
          .isInstanceOf(OneViewException.class)
          .hasCauseInstanceOf(SSLException.class);
    }
  }

  @Test
  void trustedPemTextAcceptsTheAppliance() {
    try (OneView ov = FakeAppliance.builder(server).trust(certificate.certificatePem()).build()) {
      assertThat(ov.apiVersion()).isEqualTo(8600);
    }
  }

  @Test
  void trustedPemFileAcceptsTheAppliance(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("appliance.pem");
    Files.writeString(pem, certificate.certificatePem());
    try (OneView ov = FakeAppliance.builder(server).trust(pem).build()) {
      assertThat(ov.apiVersion()).isEqualTo(8600);
    }
  }

  @Test
  void trustedKeyStoreAcceptsTheAppliance() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("appliance", certificate.certificate());
    try (OneView ov = FakeAppliance.builder(server).trust(store).build()) {
      assertThat(ov.apiVersion()).isEqualTo(8600);
    }
  }

  @Test
  void otherCertificateIsNotTrusted() {
    String other = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build().certificatePem();
    try (OneView ov = FakeAppliance.builder(server).trust(other).build()) {
      assertThatThrownBy(ov::apiVersion).isInstanceOf(OneViewException.class).hasCauseInstanceOf(SSLException.class);
    }
  }

  @Test
  void insecureAcceptsAnyCertificateAndWarns() {
    try (LogCapture logs = new LogCapture(); OneView ov = FakeAppliance.builder(server).insecure().build()) {
      assertThat(logs.events()).anySatisfy(e -> {
        assertThat(e.getLevel()).isEqualTo(Level.WARN);
        assertThat(e.getFormattedMessage()).contains("verification is disabled");
      });
      assertThat(ov.apiVersion()).isEqualTo(8600);
    }
  }

  @Test
  void insecureConnectsToAnApplianceAddressedByItsIpAddress() {
    // Lab appliances (and the simulator) are usually reached by IP: no host name to match.
    try (io.oneviewinfrakit.simulator.OneViewSimulator sim =
             io.oneviewinfrakit.simulator.OneViewSimulator.builder().servers(2).build().start();
         OneView ov = OneView.builder().url(sim.url()).credentials(sim.username(), sim.password().toCharArray())
             .insecure().build()) {
      assertThat(sim.url()).startsWith("https://127.0.0.1:");
      assertThat(ov.serverHardware().list()).hasSize(2);
    }
  }

  @Test
  void unreadableTrustIsRejectedAtBuild(@TempDir Path dir) {
    assertThatThrownBy(() -> FakeAppliance.builder(server).trust(dir.resolve("missing.pem")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
    assertThatThrownBy(() -> FakeAppliance.builder(server).trust("not a certificate").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read the trusted PEM certificates: not a PEM certificate"
            + " (no -----BEGIN CERTIFICATE----- block)");
  }

  @Test
  void malformedPemCertificateIsRejectedAtBuild() {
    String broken = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
    assertThatThrownBy(() -> FakeAppliance.builder(server).trust(broken).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read the trusted PEM certificates: certificate 1 is malformed");
  }

  @Test
  void pemBundleTrustsEveryCertificateInIt() {
    String other = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build().certificatePem();
    try (OneView ov = FakeAppliance.builder(server).trust(other + certificate.certificatePem()).build()) {
      assertThat(ov.apiVersion()).isEqualTo(8600);
    }
  }

  @Test
  void emptyTrustStoreIsRejectedAtBuild() throws Exception {
    KeyStore empty = KeyStore.getInstance(KeyStore.getDefaultType());
    empty.load(null, null);
    assertThatThrownBy(() -> FakeAppliance.builder(server).trust(empty).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The trust store holds no X.509 certificate");
  }
}
