package io.oneviewinfrakit.oneview.scmb;

import io.oneviewinfrakit.oneview.CertificateClient;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.OneViewException;
import io.oneviewinfrakit.oneview.RabbitMqKeyPair;
import io.oneviewinfrakit.oneview.ResourceNotFoundException;
import io.oneviewinfrakit.oneview.Task;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the message bus credentials through REST (client certificate: download, or create and
 * download; internal CA) and turns them into a TLS context. Key material stays in memory and is
 * never logged. Stateless.
 */
final class Credentials {
  private static final Logger log = LoggerFactory.getLogger(Credentials.class);
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** DER prefix turning a PKCS#1 RSA key of length {@code n} into PKCS#8 (lengths patched in). */
  private static final byte[] RSA_ALGORITHM_ID = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private Credentials() {}

  /** Downloads the key pair {@code alias}, creating the certificate first when there is none. */
  static RabbitMqKeyPair keyPair(OneView ov, String alias, Duration taskTimeout) {
    CertificateClient certificates = ov.certificates();
    try {
      return certificates.rabbitMqKeyPair(alias);
    } catch (ResourceNotFoundException missing) {
      log.info("No SCMB client certificate \"{}\" on {}: asking the appliance for one", alias, ov.url());
    }
    try {
      Task task = certificates.createRabbitMqClientCertificate(alias);
      ov.tasks().await(task, taskTimeout);
    } catch (OneViewException e) {
      boolean conflict = e.httpStatus() == 409 && e.error() != null
          && CertificateClient.CLIENT_CERTIFICATE_CONFLICT.equals(e.error().errorCode());
      if (!conflict) throw e;
      // It exists already (made by someone else meanwhile): still valid, download it.
      log.debug("SCMB client certificate exists already ({})", CertificateClient.CLIENT_CERTIFICATE_CONFLICT);
    }
    return certificates.rabbitMqKeyPair(alias);
  }

  /** A TLS context presenting {@code keyPair} and trusting only the certificates in {@code caPem}. */
  static SSLContext tls(RabbitMqKeyPair keyPair, String caPem) {
    char[] password = new char[24];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) password[i] = (char) ('a' + random.nextInt(26));
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> chain = x509.generateCertificates(
          new ByteArrayInputStream(keyPair.certificatePem().getBytes(StandardCharsets.US_ASCII)));
      Collection<? extends Certificate> cas = x509.generateCertificates(
          new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
      if (chain.isEmpty()) throw new IllegalArgumentException("the client certificate PEM holds no certificate");
      if (cas.isEmpty()) throw new IllegalArgumentException("the CA PEM holds no certificate");

      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("scmb", privateKey(keyPair.privateKeyPem()), password, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);

      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate ca : cas) trust.setCertificateEntry("ca-" + i++, ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);

      SSLContext context = SSLContext.getInstance("TLSv1.2");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      // The message names the failing step only: never any key material.
      throw new IllegalStateException("cannot build the SCMB TLS context: " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * The RSA key in {@code pem}: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA
   * PRIVATE KEY}); PKCS#8 inside an RSA header (which some appliances send) is accepted too.
   */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      if (!m.group(1).endsWith("PRIVATE KEY")) continue;
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      try {
        return rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException notPkcs8) {
        return rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
      } finally {
        Arrays.fill(der, (byte) 0);
      }
    }
    throw new InvalidKeySpecException("no PEM private key found");
  }

  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    // PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
    byte[] body = concat(version, RSA_ALGORITHM_ID, octets);
    return concat(new byte[] {0x30}, length(body.length), body);
  }

  private static byte[] length(int n) {
    if (n < 0x80) return new byte[] {(byte) n};
    if (n < 0x100) return new byte[] {(byte) 0x81, (byte) n};
    if (n < 0x10000) return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] p : parts) size += p.length;
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
