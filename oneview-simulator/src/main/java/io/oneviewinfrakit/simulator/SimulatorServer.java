package io.oneviewinfrakit.simulator;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What a {@link OneViewSimulator} runs: Jetty on loopback (HTTPS with a self-signed certificate
 * made for this instance, or plain HTTP), then the message bus and the admin endpoint when asked
 * for; stopped in the reverse order.
 */
final class SimulatorServer {
  private final HeldCertificate certificate;
  private final Server server;
  private volatile String url;
  private volatile Scmb scmb;
  private volatile AdminServer admin;

  SimulatorServer(boolean https) {
    this.certificate = https ? new HeldCertificate.Builder()
        .commonName("oneview-simulator")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .duration(365, TimeUnit.DAYS)
        .build() : null;
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("oneview-simulator");
    threads.setDaemon(true);
    this.server = new Server(threads);
  }

  /**
   * Binds loopback and starts serving {@code handler}, then the bus and the admin endpoint for
   * {@code sim}; a part that fails to start stops the ones started before it.
   *
   * @param adminPort negative for no admin endpoint
   */
  void start(OneViewSimulator sim, SimulatorHandler handler, int port, Appliance appliance,
      boolean withScmb, int adminPort) {
    ServerConnector connector = certificate == null
        ? new ServerConnector(server)
        : new ServerConnector(server, new SslConnectionFactory(sslContextFactory(), "http/1.1"),
            new HttpConnectionFactory(httpsConfiguration()));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    try {
      server.start();
    } catch (Exception e) {
      LifeCycle.stop(server);
      throw new IllegalStateException("cannot start the OneView simulator on port " + port, e);
    }
    if (withScmb) {
      try {
        scmb = new Scmb(appliance, sim.clock());
      } catch (RuntimeException e) {
        LifeCycle.stop(server);
        throw e;
      }
    }
    if (adminPort >= 0) {
      try {
        admin = new AdminServer(sim, adminPort);
      } catch (RuntimeException e) {
        stop();
        throw e;
      }
    }
    url = (certificate == null ? "http" : "https") + "://127.0.0.1:" + connector.getLocalPort();
    handler.baseUrl(url);
  }

  private SslContextFactory.Server sslContextFactory() {
    try {
      char[] password = "simulator".toCharArray();
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("simulator", certificate.keyPair().getPrivate(), password,
          new Certificate[] {certificate.certificate()});
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(keyStore);
      ssl.setKeyStorePassword(new String(password));
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the simulator's TLS key store", e);
    }
  }

  private static HttpConfiguration httpsConfiguration() {
    HttpConfiguration config = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Clients connect to 127.0.0.1; no SNI name is sent, so Jetty must not insist on one.
    secure.setSniHostCheck(false);
    config.addCustomizer(secure);
    return config;
  }

  /** Stops serving; idempotent. */
  void stop() {
    AdminServer a = admin;
    if (a != null) {
      a.stop();
    }
    LifeCycle.stop(server);
    Scmb bus = scmb;
    if (bus != null) {
      bus.close();
    }
  }

  /** The base URL, or null before a successful start. */
  String url() {
    return url;
  }

  /** The certificate served, or null when serving plain HTTP. */
  HeldCertificate certificate() {
    return certificate;
  }

  /** The message bus, or null when off or not started. */
  Scmb scmb() {
    return scmb;
  }

  /** The admin endpoint, or null when off or not started. */
  AdminServer admin() {
    return admin;
  }
}
