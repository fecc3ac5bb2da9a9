package io.oneviewinfrakit.oneview.scmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private final HeldCertificate held = new HeldCertificate.Builder().rsa2048().build();

  @Test
  void readsPkcs8AndPkcs1AndPkcs8UnderAnRsaHeader() throws Exception {
    PrivateKey expected = held.keyPair().getPrivate();
    String pkcs8 = held.privateKeyPkcs8Pem();
    String pkcs8UnderRsaHeader = pkcs8.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
        .replace("END PRIVATE KEY", "END RSA PRIVATE KEY");

    assertThat(Credentials.privateKey(pkcs8).getEncoded()).isEqualTo(expected.getEncoded());
    assertThat(Credentials.privateKey(held.privateKeyPkcs1Pem()).getEncoded()).isEqualTo(expected.getEncoded());
    assertThat(Credentials.privateKey(pkcs8UnderRsaHeader).getEncoded()).isEqualTo(expected.getEncoded());
  }

  @Test
  void noKeyIsAnErrorThatShowsNoInput() {
    assertThatThrownBy(() -> Credentials.privateKey(held.certificatePem()))
        .isInstanceOf(InvalidKeySpecException.class).hasMessage("no PEM private key found");
  }
}
