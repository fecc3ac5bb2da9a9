package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An untrusted appliance certificate is reported as such, not as a bare PKIX stack of words. */
final class SecurityTlsMessageTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    HeldCertificate certificate = new HeldCertificate.Builder()
        .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build()
        .sslSocketFactory(), false);
    server.setDispatcher(new FakeAppliance());
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  @Test
  void aSelfSignedApplianceWithoutTrustFailsWithACertificateMessage() {
    try (OneView ov = FakeAppliance.builder(server).build()) {
      assertThatThrownBy(ov::apiVersion).isInstanceOf(OneViewException.class)
          .hasCauseInstanceOf(SSLException.class)
          .hasMessageContaining("the appliance's TLS certificate is not trusted")
          .hasMessageContaining("trust the appliance's CA certificate");
    }
  }

  @Test
  void anotherCertificateTrustedInsteadFailsWithTheSameMessage() {
    String other = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build().certificatePem();
    try (OneView ov = FakeAppliance.builder(server).trust(other).build()) {
      assertThatThrownBy(ov::apiVersion).hasMessageContaining("TLS certificate is not trusted");
    }
  }
}
