package io.oneviewinfrakit.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageReference;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.internal.InternalMessage;
import org.apache.qpid.server.message.internal.InternalMessageHeader;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Connection;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.KeyStore;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.TrustStore;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.store.MessageStore;
import org.apache.qpid.server.txn.AutoCommitTransaction;
import org.apache.qpid.server.virtualhost.AbstractVirtualHost;

/**
 * An in-memory Apache Qpid Broker-J speaking AMQP 0-9-1 over TLS on loopback, as the appliance's
 * RabbitMQ does on port 5671: client certificate required (signed by the simulator's internal CA),
 * SASL EXTERNAL with the certificate's CN as the user, vhost {@code /}, topic exchanges {@code
 * scmb} and {@code msmb}. Nothing is written to disk. Thread-safe.
 */
final class ScmbBroker implements AutoCloseable {
  private static final String KEY_STORE = "scmbKeyStore";
  private static final String TRUST_STORE = "scmbTrustStore";

  private final AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
  private final SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
    @Override
    public void onContainerResolve(SystemConfig<?> config) {
      system.set(config);
    }
  });
  private final Port<?> port;
  private final Exchange<?> scmb;
  private final MessageStore store;
  private final KeyStore<?> keyStore;
  private final TrustStore<?> trustStore;

  /** Starts a broker presenting {@code server} and trusting client certificates signed by {@code ca}. */
  ScmbBroker(HeldCertificate ca, HeldCertificate server) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("type", "Memory");
    attributes.put("initialConfigurationLocation", "data:;base64,"
        + Base64.getEncoder().encodeToString(Json.write(initialConfiguration(ca, server))
            .getBytes(StandardCharsets.UTF_8)));
    attributes.put("startupLoggedToSystemOut", false);
    attributes.put("preferenceStoreAttributes", Map.of("type", "Noop"));
    try {
      launcher.startup(attributes);
      Broker<?> broker = (Broker<?>) system.get().getContainer(Broker.class);
      this.port = broker.getChildByName(Port.class, "AMQP");
      this.keyStore = broker.getChildByName(KeyStore.class, KEY_STORE);
      this.trustStore = broker.getChildByName(TrustStore.class, TRUST_STORE);
      VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, "default");
      VirtualHost<?> host = node.getVirtualHost();
      this.store = ((AbstractVirtualHost<?>) host).getMessageStore();
      this.scmb = host.createChild(Exchange.class, Map.of("name", "scmb", "type", "topic"));
      host.createChild(Exchange.class, Map.of("name", "msmb", "type", "topic"));
    } catch (Exception e) {
      launcher.shutdown();
      throw new IllegalStateException("cannot start the embedded SCMB broker: " + e, e);
    }
  }

  private static Map<String, Object> initialConfiguration(HeldCertificate ca, HeldCertificate server) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "oneview-simulator-scmb");
    config.put("modelVersion", "9.1");
    Map<String, Object> context = new LinkedHashMap<>();
    // Small pools: the simulator is a test double, not a production broker.
    context.put("qpid.broker.housekeepingThreadCount", "1");
    context.put("qpid.port.amqp.threadPool.size", "2");
    context.put("qpid.port.amqp.threadPool.numberOfSelectors", "1");
    context.put("virtualhost.housekeepingThreadCount", "1");
    context.put("virtualhost.connectionThreadPool.size", "2");
    context.put("virtualhost.connectionThreadPool.numberOfSelectors", "1");
    config.put("context", context);
    config.put("authenticationproviders", List.of(Json.obj(
        "name", "external", "type", "External", "useFullDN", false)));
    config.put("keystores", List.of(keyStoreAttributes(server)));
    config.put("truststores", List.of(trustStoreAttributes(ca)));
    Map<String, Object> amqp = new LinkedHashMap<>();
    amqp.put("name", "AMQP");
    amqp.put("type", "AMQP");
    amqp.put("port", 0L);
    amqp.put("bindingAddress", "127.0.0.1");
    amqp.put("authenticationProvider", "external");
    amqp.put("transports", List.of("SSL"));
    amqp.put("protocols", List.of("AMQP_0_9_1"));
    amqp.put("keyStore", KEY_STORE);
    amqp.put("trustStores", List.of(TRUST_STORE));
    amqp.put("needClientAuth", true);
    amqp.put("virtualhostaliases", List.of(
        Json.obj("name", "nameAlias", "type", "nameAlias"),
        Json.obj("name", "defaultAlias", "type", "defaultAlias")));
    config.put("ports", List.of(amqp));
    config.put("virtualhostnodes", List.of(Json.obj(
        "name", "default", "type", "Memory", "defaultVirtualHostNode", "true",
        "virtualHostInitialConfiguration", "{\"type\":\"Memory\"}")));
    return config;
  }

  private static Map<String, Object> keyStoreAttributes(HeldCertificate server) {
    return Json.obj("name", KEY_STORE, "type", "NonJavaKeyStore",
        "certificateUrl", dataUrl(server.certificatePem()),
        "privateKeyUrl", dataUrl(server.privateKeyPkcs8Pem()));
  }

  private static Map<String, Object> trustStoreAttributes(HeldCertificate ca) {
    return Json.obj("name", TRUST_STORE, "type", "NonJavaTrustStore",
        "certificatesUrl", dataUrl(ca.certificatePem()));
  }

  private static String dataUrl(String pem) {
    return "data:;base64," + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  /** The bound TLS port on 127.0.0.1. */
  int port() {
    return port.getBoundPort();
  }

  /** Routes one message through exchange {@code scmb} with this routing key. */
  void publish(String routingKey, byte[] body) {
    InternalMessageHeader header = new InternalMessageHeader(Map.of(), null, 0L, null, null, null,
        "application/json", "UTF-8", (byte) 4, System.currentTimeMillis(), 0L, null, null,
        System.currentTimeMillis());
    InternalMessage message = InternalMessage.createMessage(store, header, body, false,
        "scmb/" + routingKey);
    try (MessageReference<?> ignored = message.newReference()) {
      RoutingResult<InternalMessage> result = scmb.route(message, routingKey, InstanceProperties.EMPTY);
      result.send(new AutoCommitTransaction(store), null);
    }
  }

  /** Closes every client connection, as an appliance restart or a network cut would. */
  void dropConnections() {
    List<Connection<?>> open = new ArrayList<>();
    for (Object c : port.getConnections()) {
      open.add((Connection<?>) c);
    }
    for (Connection<?> c : open) {
      c.delete();
    }
  }

  /**
   * Presents {@code server} and trusts only clients signed by {@code ca} from now on, and drops
   * every connection (they were made with the old certificates).
   */
  void replaceCertificates(HeldCertificate ca, HeldCertificate server) {
    Map<String, Object> keys = new HashMap<>(keyStoreAttributes(server));
    keys.remove("name");
    keys.remove("type");
    keyStore.setAttributes(keys);
    Map<String, Object> trust = new HashMap<>(trustStoreAttributes(ca));
    trust.remove("name");
    trust.remove("type");
    trustStore.setAttributes(trust);
    port.updateTLS();
    dropConnections();
  }

  @Override
  public void close() {
    launcher.shutdown();
  }
}
