package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.DeliverCallback;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScmbTest extends SimulatorFixture {
  record Delivery(String routingKey, Map<String, Object> body, String contentType) {}

  @BeforeEach
  void startWithTheBus() {
    start(OneViewSimulator.builder().servers(4).scmb(true));
  }

  @Test
  void theBusIsOffByDefault() {
    try (OneViewSimulator plain = OneViewSimulator.builder().servers(1).build().start()) {
      assertThat(new TestClient(plain).login().get("/rest/certificates/ca").code()).isEqualTo(404);
      assertThatThrownBy(plain::scmbPort).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("scmb(true)");
    }
  }

  @Test
  void clientCertificateIsCreatedByATaskThenConflicts() {
    TestClient.Resp missing = ov.get("/rest/certificates/client/rabbitmq/keypair/default");
    assertThat(missing.code()).isEqualTo(404);

    TestClient.Resp created = ov.post("/rest/certificates/client/rabbitmq",
        Map.of("commonName", "default", "type", "RabbitMqClientCertV2"));
    assertThat(created.code()).isEqualTo(202);
    assertThat(ov.task(created.location()).string("taskState")).isEqualTo("Completed");

    TestClient.Resp keyPair = ov.get("/rest/certificates/client/rabbitmq/keypair/default");
    assertThat(keyPair.code()).isEqualTo(200);
    assertThat(keyPair.string("base64SSLCertData")).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(keyPair.string("base64SSLKeyData")).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(ov.get("/rest/certificates/client/rabbitmq/default").map())
        .containsEntry("base64SSLKeyData", null);

    TestClient.Resp again = ov.post("/rest/certificates/client/rabbitmq",
        Map.of("commonName", "default", "type", "RabbitMqClientCertV2"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.string("errorCode")).isEqualTo("RABBITMQ_CLIENTCERT_CONFLICT");
  }

  @Test
  void caIsAStringBeforeApi600AndACollectionFrom600() {
    String pem = sim.scmbCertificateAuthorityPem();

    TestClient.Resp old = ov.version("500").get("/rest/certificates/ca");
    assertThat(old.json()).isEqualTo(pem);

    TestClient.Resp bare = ov.version("800").get("/rest/certificates/ca?filter=certType:INTERNAL");
    assertThat(bare.members()).hasSize(1);
    assertThat(bare.members().get(0)).containsEntry("certificateDetails", null);

    TestClient.Resp detailed = ov.version("800").get("/rest/certificates/ca?filter=certType:INTERNAL",
        "If-Req-CertDetails", "true");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) detailed.members().get(0).get("certificateDetails");
    assertThat(details).containsEntry("base64Data", pem);
  }

  @Test
  void profileLifecycleAndPowerArePublishedWithTheirRoutingKeys() throws Exception {
    BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    try (Connection c = connect(credentials())) {
      subscribe(c, received, "scmb.server-profiles.#", "scmb.server-hardware.#", "scmb.tasks.#");
      Map<String, Object> hw = ov.hardware("Encl1, bay 3");
      String hwUri = (String) hw.get("uri");

      Map<String, Object> profile = ov.createProfile("Docker-Gen8-Template", "web-1", "Encl1, bay 3");
      String profileUri = (String) profile.get("uri");

      Delivery created = next(received, d -> d.routingKey().startsWith("scmb.server-profiles."));
      assertThat(created.routingKey()).isEqualTo("scmb.server-profiles.Created." + profileUri);
      assertThat(created.contentType()).isEqualTo("application/json");
      assertThat(created.body()).containsEntry("resourceUri", profileUri)
          .containsEntry("changeType", "Created").containsEntry("newState", "Creating")
          .containsEntry("newSubState", null).containsEntry("data", null)
          .containsKeys("eTag", "timestamp", "associatedTask", "userInitiatedTask", "changedAttributes");
      assertThat((String) created.body().get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(created.body().get("associatedTask")).asString().startsWith("/rest/tasks/");
      @SuppressWarnings("unchecked")
      Map<String, Object> resource = (Map<String, Object>) created.body().get("resource");
      assertThat(resource).containsEntry("uri", profileUri).containsEntry("name", "web-1")
          .containsEntry("category", "server-profiles").containsEntry("eTag", created.body().get("eTag"));

      Delivery task = next(received, d -> d.routingKey().equals("scmb.tasks"));
      assertThat(task.body()).containsEntry("changeType", "Created").containsEntry("userInitiatedTask", true);

      Delivery hwUpdated = next(received, d -> d.routingKey().startsWith("scmb.server-hardware."));
      assertThat(hwUpdated.routingKey()).isEqualTo("scmb.server-hardware.Updated." + hwUri);
      assertThat(hwUpdated.body()).containsEntry("newState", "ApplyingProfile");

      Delivery normal = next(received, d -> d.routingKey().startsWith("scmb.server-profiles.")
          && "Normal".equals(d.body().get("newState")));
      assertThat(normal.routingKey()).isEqualTo("scmb.server-profiles.Updated." + profileUri);
      assertThat(normal.body().get("changedAttributes")).asList().contains("state");

      ov.put(hwUri + "/powerState", Map.of("powerState", "On", "powerControl", "MomentaryPress"));
      Delivery poweringOn = next(received, d -> d.routingKey().startsWith("scmb.server-hardware.")
          && "PoweringOn".equals(resource(d).get("powerState")));
      assertThat(poweringOn.body().get("changedAttributes")).asList().contains("powerState");
      ov.get(hwUri); // the power task ends on the next request
      next(received, d -> d.routingKey().startsWith("scmb.server-hardware.")
          && "On".equals(resource(d).get("powerState")));

      ov.put(hwUri + "/powerState", Map.of("powerState", "Off", "powerControl", "PressAndHold"));
      ov.get(hwUri);
      next(received, d -> d.routingKey().startsWith("scmb.server-hardware.")
          && "Off".equals(resource(d).get("powerState")));
      ov.delete(profileUri);
      ov.get("/rest/version");
      ov.get(hwUri);
      Delivery deleted = next(received, d -> d.routingKey().startsWith("scmb.server-profiles.Deleted."));
      assertThat(deleted.routingKey()).isEqualTo("scmb.server-profiles.Deleted." + profileUri);
      assertThat(deleted.body()).containsEntry("changeType", "Deleted").containsEntry("resourceUri", profileUri);
    }
  }

  @Test
  void networksAndResetArePublishedToo() throws Exception {
    BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    try (Connection c = connect(credentials())) {
      subscribe(c, received, "scmb.ethernet-networks.#", "scmb.*.Deleted.#");
      TestClient.Resp created = ov.post("/rest/ethernet-networks", Map.of("type", "ethernet-networkV4",
          "name", "Prod-VLAN-200", "vlanId", 200, "purpose", "General", "smartLink", false,
          "privateNetwork", true, "ethernetNetworkType", "Tagged"));
      String uri = (String) ov.task(created.location()).object("associatedResource").get("resourceUri");

      Delivery network = next(received, d -> d.routingKey().contains(".Created."));
      assertThat(network.routingKey()).isEqualTo("scmb.ethernet-networks.Created." + uri);
      assertThat(resource(network)).containsEntry("name", "Prod-VLAN-200");

      sim.reset(); // the created network goes: the appliance state changed, so it is announced
      Delivery gone = next(received, d -> d.routingKey().contains(".Deleted."));
      assertThat(gone.routingKey()).isEqualTo("scmb.ethernet-networks.Deleted." + uri);
    }
  }

  @Test
  void droppedConnectionsAreClosedByTheBroker() throws Exception {
    Connection c = connect(credentials());
    try {
      CountDownLatch closed = new CountDownLatch(1);
      c.addShutdownListener(cause -> closed.countDown());

      sim.dropScmbConnections();

      assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(c.isOpen()).isFalse();
    } finally {
      c.abort();
    }
  }

  @Test
  void aRegeneratedCaInvalidatesOldCredentialsAndIssuesNewOnes() throws Exception {
    HandshakeCertificates old = credentials();
    String oldCa = sim.scmbCertificateAuthorityPem();
    connect(old).close();

    sim.regenerateCertificateAuthority();

    assertThat(sim.scmbCertificateAuthorityPem()).isNotEqualTo(oldCa);
    assertThatThrownBy(() -> connect(old)).isInstanceOf(Exception.class);
    try (Connection fresh = connect(credentials())) {
      assertThat(fresh.isOpen()).isTrue();
    }
  }

  @Test
  void restDeleteOfTheDefaultCaRegeneratesIt() throws Exception {
    String oldCa = sim.scmbCertificateAuthorityPem();
    assertThat(ov.delete("/rest/certificates/ca/default").code()).isEqualTo(204);
    assertThat(sim.scmbCertificateAuthorityPem()).isNotEqualTo(oldCa);
  }

  @Test
  void aClientCertificateFromAnotherCaIsRefused() {
    HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).rsa2048().build();
    HeldCertificate stranger = new HeldCertificate.Builder().commonName("default").signedBy(otherCa).rsa2048().build();
    HandshakeCertificates creds = new HandshakeCertificates.Builder()
        .heldCertificate(stranger)
        .addTrustedCertificate(Certificates.decodeCertificatePem(sim.scmbCertificateAuthorityPem()))
        .build();
    assertThatThrownBy(() -> connect(creds)).isInstanceOf(Exception.class);
  }

  // ---- helpers ---------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resource(Delivery d) {
    return (Map<String, Object>) d.body().get("resource");
  }

  /** Creates the client certificate if needed and returns TLS material from the REST answers. */
  private HandshakeCertificates credentials() {
    TestClient.Resp created = ov.post("/rest/certificates/client/rabbitmq",
        Map.of("commonName", "default", "type", "RabbitMqClientCertV2"));
    if (created.code() == 202) {
      ov.task(created.location());
    }
    TestClient.Resp keyPair = ov.get("/rest/certificates/client/rabbitmq/keypair/default");
    HeldCertificate client = HeldCertificate.decode(keyPair.string("base64SSLCertData")
        + keyPair.string("base64SSLKeyData"));
    String ca = (String) ov.version("500").get("/rest/certificates/ca").json();
    ov.version("8600");
    return new HandshakeCertificates.Builder().heldCertificate(client)
        .addTrustedCertificate(Certificates.decodeCertificatePem(ca)).build();
  }

  private Connection connect(HandshakeCertificates creds) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost("127.0.0.1");
    f.setPort(sim.scmbPort());
    f.useSslProtocol(creds.sslContext());
    f.setSaslConfig(DefaultSaslConfig.EXTERNAL);
    f.setAutomaticRecoveryEnabled(false);
    f.setConnectionTimeout(10_000);
    return f.newConnection();
  }

  private static void subscribe(Connection c, BlockingQueue<Delivery> into, String... bindings) throws Exception {
    Channel ch = c.createChannel();
    String queue = ch.queueDeclare().getQueue();
    for (String b : bindings) {
      ch.queueBind(queue, "scmb", b);
    }
    DeliverCallback cb = (tag, m) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> body = (Map<String, Object>) TestClient.JSON.fromJson(
          new String(m.getBody(), StandardCharsets.UTF_8));
      into.add(new Delivery(m.getEnvelope().getRoutingKey(), body, m.getProperties().getContentType()));
    };
    ch.basicConsume(queue, true, cb, tag -> {});
  }

  private final List<Delivery> seen = new java.util.ArrayList<>();

  /** The first message (received earlier or now) matching {@code wanted} not returned before. */
  private Delivery next(BlockingQueue<Delivery> q, java.util.function.Predicate<Delivery> wanted)
      throws InterruptedException {
    for (java.util.Iterator<Delivery> it = seen.iterator(); it.hasNext(); ) {
      Delivery d = it.next();
      if (wanted.test(d)) {
        it.remove();
        return d;
      }
    }
    while (true) {
      Delivery d = q.poll(10, TimeUnit.SECONDS);
      assertThat(d).as("an SCMB message matching the expectation").isNotNull();
      if (wanted.test(d)) {
        return d;
      }
      seen.add(d);
    }
  }
}
