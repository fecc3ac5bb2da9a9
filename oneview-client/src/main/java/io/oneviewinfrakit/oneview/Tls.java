package io.oneviewinfrakit.oneview;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds trust managers for appliances with self-signed or private-CA certificates. Stateless. */
final class Tls {
  private Tls() {}

  /** A key store holding the certificates in {@code pem}. */
  static KeyStore keyStore(String pem) {
    try {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) throw new IllegalArgumentException("No certificate found in the trusted PEM");
      KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
      keyStore.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        keyStore.setCertificateEntry("trusted-" + i++, certificate);
      }
      return keyStore;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("Cannot read the trusted PEM certificates: " + e.getMessage(), e);
    }
  }

  static X509TrustManager trustManager(KeyStore keyStore) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) return x509;
      }
      throw new IllegalArgumentException("No X.509 trust manager for the trusted certificates");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot use the trusted certificates: " + e.getMessage(), e);
    }
  }

  static SSLSocketFactory socketFactory(X509TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
    }
  }

  /** Accepts every certificate: only for {@code insecure()}. */
  static X509TrustManager trustAll() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
  }
}
