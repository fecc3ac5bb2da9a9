package io.oneviewinfrakit.oneview;

import java.util.Objects;

/**
 * A RabbitMQ client certificate and its private key as the appliance hands them out, PEM-encoded.
 * {@link #toString()} never shows the key.
 *
 * @param alias the certificate's alias (the {@code commonName} it was created with)
 * @param certificatePem the client certificate ({@code base64SSLCertData})
 * @param privateKeyPem the RSA private key ({@code base64SSLKeyData}), PKCS#8 or PKCS#1 in PEM
 */
public record RabbitMqKeyPair(String alias, String certificatePem, String privateKeyPem) {
  public RabbitMqKeyPair {
    Objects.requireNonNull(alias, "alias == null");
    Objects.requireNonNull(certificatePem, "certificatePem == null");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem == null");
  }

  @Override
  public String toString() {
    return "RabbitMqKeyPair[alias=" + alias + ", certificatePem=(" + certificatePem.length()
        + " chars), privateKeyPem=██]";
  }
}
