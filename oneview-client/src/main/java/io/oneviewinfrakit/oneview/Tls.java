package io.oneviewinfrakit.oneview;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;

/**
 * The certificates an appliance with a self-signed or private-CA certificate is trusted by, built
 * with okhttp-tls {@link HandshakeCertificates}. Stateless.
 */
final class Tls {
  private static final Pattern PEM_CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", Pattern.DOTALL);

  private Tls() {}

  /**
   * Trusts only the certificates in {@code pem}, PEM text with one or more certificates.
   *
   * @throws IllegalArgumentException if {@code pem} holds no certificate or a malformed one.
   */
  static HandshakeCertificates trusting(String pem) {
    Matcher matcher = PEM_CERTIFICATE.matcher(pem);
    HandshakeCertificates.Builder builder = new HandshakeCertificates.Builder();
    int count = 0;
    while (matcher.find()) {
      X509Certificate certificate;
      try {
        certificate = Certificates.decodeCertificatePem(matcher.group());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Cannot read the trusted PEM certificates: certificate " + (count + 1) + " is malformed", e);
      }
      builder.addTrustedCertificate(certificate);
      count++;
    }
    if (count == 0) {
      throw new IllegalArgumentException("Cannot read the trusted PEM certificates: not a PEM certificate"
          + " (no -----BEGIN CERTIFICATE----- block)");
    }
    return builder.build();
  }

  /** Trusts only the certificates in {@code trustStore}. */
  static HandshakeCertificates trusting(KeyStore trustStore) {
    HandshakeCertificates.Builder builder = new HandshakeCertificates.Builder();
    try {
      List<String> aliases = new ArrayList<>(Collections.list(trustStore.aliases()));
      int count = 0;
      for (String alias : aliases) {
        Certificate certificate = trustStore.getCertificate(alias);
        if (certificate instanceof X509Certificate x509) {
          builder.addTrustedCertificate(x509);
          count++;
        }
      }
      if (count == 0) throw new IllegalArgumentException("The trust store holds no X.509 certificate");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot use the trust store: " + e.getMessage(), e);
    }
    return builder.build();
  }

  /**
   * Accepts any certificate: only for {@code insecure()}, against test appliances and the
   * simulator. The client it is given to connects to its one configured appliance only, so "any
   * certificate" means "any certificate from that host". (okhttp-tls's {@code addInsecureHost}
   * cannot serve here: it matches the TLS session's peer host, which the JDK leaves unset when the
   * URL names an IP address, the usual way to reach a lab appliance.)
   */
  static X509TrustManager trustingAnyCertificate() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client side only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // insecure(): every certificate of the one configured appliance is accepted
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
  }

  /** A socket factory that trusts through {@code trustManager}. */
  static SSLSocketFactory socketFactory(X509TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
    }
  }
}
