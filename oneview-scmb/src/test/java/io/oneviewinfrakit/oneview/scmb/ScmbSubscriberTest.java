package io.oneviewinfrakit.oneview.scmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.PowerControl;
import io.oneviewinfrakit.oneview.PowerState;
import io.oneviewinfrakit.oneview.ServerHardware;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.ServerProfileTemplate;
import io.oneviewinfrakit.oneview.Task;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScmbSubscriberTest {
  private static final Duration TASK = Duration.ofSeconds(30);
  private OneViewSimulator sim;
  private OneView ov;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private void start(int servers) {
    sim = OneViewSimulator.builder().servers(servers).scmb(true).build().start();
    ov = oneView(null);
  }

  private OneView oneView(OkHttpClient client) {
    OneView.Builder b = OneView.builder().url(sim.url())
        .credentials(sim.username(), sim.password().toCharArray())
        .trust(sim.certificatePem())
        .taskPolling(Duration.ofMillis(10), Duration.ofMillis(50));
    if (client != null) {
      b.client(client);
    }
    OneView result = b.build();
    closeables.add(result);
    return result;
  }

  private ScmbSubscriber subscribe(OneView client, ScmbListener listener, String... categories) {
    ScmbSubscriber s = ScmbSubscriber.builder()
        .oneView(client)
        .port(sim.scmbPort())
        .categories(categories)
        .listener(listener)
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(1))
        .build();
    closeables.add(0, s);
    return s.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void profileCreateUpdateDeleteArriveWithTheirRoutingKeysAndBodies() throws Exception {
    start(8);
    Recorder events = new Recorder();
    subscribe(ov, events, "server-profiles", "tasks");
    assertThat(sim.requests().count("POST", "/rest/certificates/client/rabbitmq"))
        .as("the missing client certificate is created").isEqualTo(1);

    ServerHardware hw = freeServerOff();
    String uri = createProfile("web-1", hw);

    ChangeEvent created = events.await("profile created", e -> e.changeType() == ChangeType.CREATED && !e.isTask());
    assertThat(created.routingKey()).isEqualTo("scmb.server-profiles.Created." + uri);
    assertThat(created.category()).isEqualTo("server-profiles");
    assertThat(created.resourceUri()).isEqualTo(uri);
    assertThat(created.newState()).isEqualTo("Creating");
    assertThat(created.eTag()).isNotNull().isEqualTo(created.resource().get("eTag"));
    assertThat(created.resource()).containsEntry("name", "web-1").containsEntry("uri", uri)
        .containsEntry("serverHardwareUri", hw.uri());
    assertThat(created.associatedTask()).startsWith("/rest/tasks/");
    assertThat(created.userInitiatedTask()).isTrue();
    assertThat(created.timestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    ChangeEvent task = events.await("its task", e -> e.isTask() && created.associatedTask().equals(e.resourceUri()));
    assertThat(task.routingKey()).isEqualTo("scmb.tasks");
    assertThat(task.userInitiatedTask()).isTrue();
    assertThat(task.resource()).containsKey("taskState");

    ChangeEvent normal = events.await("profile applied", e -> uri.equals(e.resourceUri()) && "Normal".equals(e.newState()));
    assertThat(normal.changeType()).isEqualTo(ChangeType.UPDATED);
    assertThat(normal.routingKey()).isEqualTo("scmb.server-profiles.Updated." + uri);
    assertThat(normal.changedAttributes()).contains("state");

    ov.tasks().await(ov.serverProfiles().update(ov.serverProfiles().get(uri).withDescription("renamed")), TASK);
    events.await("profile updated", e -> uri.equals(e.resourceUri()) && "renamed".equals(e.resource().get("description")));

    ov.tasks().await(ov.serverProfiles().delete(uri), TASK);
    ChangeEvent deleted = events.await("profile deleted", e -> e.changeType() == ChangeType.DELETED);
    assertThat(deleted.routingKey()).isEqualTo("scmb.server-profiles.Deleted." + uri);
    assertThat(deleted.resourceUri()).isEqualTo(uri);
  }

  @Test
  void hardwarePowerChangesArriveAsUpdatesWithLosslessDocuments() throws Exception {
    start(8);
    Recorder events = new Recorder();
    subscribe(ov, events, "server-hardware");
    ServerHardware hw = freeServerOff();

    ov.tasks().await(ov.serverHardware().powerOn(hw.uri()), TASK);

    ChangeEvent on = events.await("powered on", e -> hw.uri().equals(e.resourceUri()) && "On".equals(e.resource().get("powerState")));
    assertThat(on.routingKey()).isEqualTo("scmb.server-hardware.Updated." + hw.uri());
    assertThat(on.category()).isEqualTo("server-hardware");
    assertThat(on.changedAttributes()).contains("powerState");
    assertThat(on.resource().get("memoryMb")).isInstanceOf(Long.class).isEqualTo(hw.memoryMb());

    ov.tasks().await(ov.serverHardware().powerOff(hw.uri(), PowerControl.PRESS_AND_HOLD), TASK);
    events.await("powered off", e -> hw.uri().equals(e.resourceUri()) && "Off".equals(e.resource().get("powerState")));
  }

  @Test
  void aConflictAnswerToTheCertificateRequestIsSuccess() throws Exception {
    start(2);
    // Someone made the certificate already, but this client's first look is answered 404.
    ov.tasks().await(ov.certificates().createRabbitMqClientCertificate("default"), TASK);
    boolean[] hidden = {false};
    OkHttpClient hideOnce = new OkHttpClient.Builder().addInterceptor(chain -> {
      if (!hidden[0] && chain.request().url().encodedPath().endsWith("/keypair/default")) {
        hidden[0] = true;
        return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(404)
            .message("Not Found").body(ResponseBody.create("{\"errorCode\":\"RESOURCE_NOT_FOUND\"}",
                okhttp3.MediaType.get("application/json"))).build();
      }
      return chain.proceed(chain.request());
    }).build();
    Recorder events = new Recorder();

    subscribe(oneView(hideOnce), events, "server-hardware");
    sim.serverStatus(sim.serverHardware().get(0).uri(), "Warning");

    events.await("an event after a 409 on create", e -> "Warning".equals(e.resource().get("status")));
    assertThat(sim.requests().count("POST", "/rest/certificates/client/rabbitmq")).isEqualTo(2);
  }

  @Test
  void eventsKeepAnInventoryExactUnderACreateUpdateDeleteStorm() throws Exception {
    start(16);
    Map<String, Map<String, Object>> profiles = new ConcurrentHashMap<>();
    Map<String, Map<String, Object>> hardware = new ConcurrentHashMap<>();
    Recorder events = new Recorder().also(e -> {
      Map<String, Map<String, Object>> target = e.category().equals("server-profiles") ? profiles : hardware;
      if (e.changeType() == ChangeType.DELETED) {
        target.remove(e.resourceUri());
      } else {
        target.put(e.resourceUri(), e.resource());
      }
    });
    subscribe(ov, events, "server-profiles", "server-hardware");
    // The initial state, read once the subscription is live.
    ov.serverProfiles().list().forEach(p -> profiles.put(p.uri(), p.json()));
    ov.serverHardware().list().forEach(h -> hardware.put(h.uri(), Map.of(
        "uri", h.uri(), "powerState", h.powerState().wireName(),
        "serverProfileUri", Objects.toString(h.serverProfileUri(), "null"))));

    ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
    List<ServerHardware> free = ov.serverHardware().freeCompatibleWith(template);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < free.size(); i++) {
        ServerHardware hw = free.get(i);
        int n = i;
        done.add(workers.submit(() -> {
          if (hw.powerState() != PowerState.OFF) {
            ov.tasks().await(ov.serverHardware().powerOff(hw.uri(), PowerControl.PRESS_AND_HOLD), TASK);
          }
          for (int round = 0; round < 2; round++) {
            String uri = createProfile("storm-" + n + "-" + round, hw);
            ov.tasks().await(ov.serverProfiles().update(ov.serverProfiles().get(uri).withDescription("r" + round)), TASK);
            if (n % 3 == 0 && round == 1) {
              ov.tasks().await(ov.serverHardware().powerOn(hw.uri()), TASK); // keep this one
            } else {
              ov.tasks().await(ov.serverProfiles().delete(uri), TASK);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    assertThat(sim.pendingTasks()).isZero();
    // A last change: once its event is here, every earlier one is (the queue is FIFO).
    String marker = sim.serverHardware().get(sim.serverHardware().size() - 1).uri();
    sim.serverStatus(marker, "Warning");
    events.await("the marker", e -> marker.equals(e.resourceUri()) && "Warning".equals(e.resource().get("status")));

    Map<String, Object> listedProfiles = new TreeMap<>();
    ov.serverProfiles().list().forEach(p -> listedProfiles.put(p.uri(), p.json().get("eTag")));
    Map<String, Object> fromEvents = new TreeMap<>();
    profiles.forEach((uri, doc) -> fromEvents.put(uri, doc.get("eTag")));
    assertThat(fromEvents).isEqualTo(listedProfiles).hasSize(free.size() / 3 + (free.size() % 3 == 0 ? 0 : 1));

    Map<String, String> listedHardware = new TreeMap<>();
    ov.serverHardware().list().forEach(h -> listedHardware.put(h.uri(),
        h.powerState().wireName() + " " + h.serverProfileUri()));
    Map<String, String> hardwareFromEvents = new TreeMap<>();
    hardware.forEach((uri, doc) -> hardwareFromEvents.put(uri, doc.get("powerState") + " "
        + ("null".equals(doc.get("serverProfileUri")) ? null : doc.get("serverProfileUri"))));
    assertThat(hardwareFromEvents).isEqualTo(listedHardware);
  }

  @Test
  void aDroppedConnectionTriggersExactlyOneResyncAndReconnects() throws Exception {
    start(4);
    Recorder events = new Recorder();
    ScmbSubscriber scmb = subscribe(ov, events, "server-hardware");
    assertThat(scmb.connectionCount()).isEqualTo(1);
    int downloads = sim.requests().count("GET", "/rest/certificates/client/rabbitmq/keypair/default");

    sim.dropScmbConnections();
    events.awaitResync();

    String uri = sim.serverHardware().get(0).uri();
    sim.serverStatus(uri, "Warning");
    events.await("an event after the reconnection", e -> uri.equals(e.resourceUri()));
    assertThat(events.resyncs.get()).isEqualTo(1);
    assertThat(scmb.connectionCount()).isEqualTo(2);
    assertThat(scmb.isConnected()).isTrue();
    assertThat(sim.requests().count("GET", "/rest/certificates/client/rabbitmq/keypair/default"))
        .as("the cached credentials still work").isEqualTo(downloads);
  }

  @Test
  void aRegeneratedCaIsRecoveredByDownloadingTheCredentialsAgain() throws Exception {
    start(4);
    Recorder events = new Recorder();
    ScmbSubscriber scmb = subscribe(ov, events, "server-hardware");
    int downloads = sim.requests().count("GET", "/rest/certificates/client/rabbitmq/keypair/default");

    sim.regenerateCertificateAuthority();
    events.awaitResync();

    String uri = sim.serverHardware().get(1).uri();
    sim.serverStatus(uri, "Warning");
    events.await("an event with the new credentials", e -> uri.equals(e.resourceUri()));
    assertThat(events.resyncs.get()).isEqualTo(1);
    assertThat(scmb.connectionCount()).isEqualTo(2);
    assertThat(sim.requests().count("GET", "/rest/certificates/client/rabbitmq/keypair/default"))
        .as("the key pair is downloaded again").isEqualTo(downloads + 1);
  }

  @Test
  void keyMaterialNeverAppearsInLogs() throws Exception {
    start(2);
    String firstKey;
    String secondKey;
    String logged;
    try (LogCapture logs = new LogCapture()) {
      Recorder events = new Recorder();
      ScmbSubscriber scmb = subscribe(ov, events, "server-hardware");
      firstKey = keyBody();
      sim.regenerateCertificateAuthority();
      events.awaitResync();
      secondKey = keyBody();
      String uri = sim.serverHardware().get(0).uri();
      sim.serverStatus(uri, "Warning");
      events.await("an event", e -> uri.equals(e.resourceUri()));
      logged = logs.text() + scmb + ov.certificates().rabbitMqKeyPair("default");
    }
    assertThat(firstKey).isNotEqualTo(secondKey).hasSizeGreaterThan(40);
    assertThat(logged).contains("SCMB").contains("keypair/default").contains("secret body not logged")
        .doesNotContain(firstKey).doesNotContain(secondKey).doesNotContain("PRIVATE KEY");
  }

  @Test
  void startFailsClearlyWhenTheBusIsUnreachable() {
    start(1);
    ScmbSubscriber s = ScmbSubscriber.builder().oneView(ov).port(1).categories("tasks")
        .listener(e -> {}).connectTimeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(s::start).isInstanceOf(ScmbException.class).hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void builderNamesWhatIsMissing() {
    assertThatThrownBy(() -> ScmbSubscriber.builder().build()).hasMessage("oneView required.");
    assertThatThrownBy(() -> ScmbSubscriber.builder().categories("Bad Category"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A line from the middle of the current private key's PEM body. */
  private String keyBody() {
    String[] lines = ov.certificates().rabbitMqKeyPair("default").privateKeyPem().split("\n");
    return lines[lines.length / 2];
  }

  private ServerHardware freeServerOff() {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
    return ov.serverHardware().freeCompatibleWith(template).stream()
        .filter(h -> h.powerState() == PowerState.OFF).findFirst().orElseThrow();
  }

  private String createProfile(String name, ServerHardware hw) {
    ServerProfileTemplate template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
    ServerProfile profile = ov.serverProfileTemplates().newProfile(template).withName(name).withServerHardwareUri(hw.uri());
    Task done = ov.tasks().await(ov.serverProfiles().create(profile), TASK);
    return done.associatedResourceUri();
  }
}
