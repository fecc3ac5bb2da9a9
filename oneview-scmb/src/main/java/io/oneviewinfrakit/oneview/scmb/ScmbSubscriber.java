package io.oneviewinfrakit.oneview.scmb;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.RabbitMqKeyPair;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the OneView State-Change Message Bus (SCMB) and hands each resource change to a
 * {@link ScmbListener} as a {@link ChangeEvent}, so a tool learns about changes without polling.
 *
 * <p>It gets its credentials through the REST API of the {@link OneView} it is given (the client
 * certificate {@code default}, created when missing; its key; the appliance's internal CA), connects
 * over AMQP 0-9-1 with TLS on port 5671 with SASL EXTERNAL, declares a private server-named queue
 * and binds it to exchange {@code scmb} for the categories asked for. When the connection breaks it
 * reconnects with exponential backoff (re-downloading the credentials when the old ones are
 * refused, as after a CA regeneration) and then calls {@link ScmbListener#onResyncNeeded()}: the
 * bus does not replay what was sent in the gap. Key material is never logged. The session that
 * downloads the certificates needs the Infrastructure administrator role. Thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * try (ScmbSubscriber scmb = ScmbSubscriber.builder()
 *     .oneView(ov)                                        // an OneView client, logged in on demand
 *     .categories("server-profiles", "server-hardware", "tasks")
 *     .listener(new ScmbListener() {
 *       public void onEvent(ChangeEvent e) {
 *         System.out.println(e.changeType() + " " + e.resourceUri() + " " + e.newState());
 *       }
 *       public void onResyncNeeded() {
 *         // messages were lost: re-read what you track with ov.serverProfiles().list() ...
 *       }
 *     })
 *     .build()
 *     .start()) {                                         // returns once the queue is bound
 *   // ... read the initial state through REST, then keep it current from the events
 * }
 * }</pre>
 */
public final class ScmbSubscriber implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScmbSubscriber.class);
  /** The exchange OneView publishes state changes on. */
  public static final String EXCHANGE = "scmb";
  /** The appliance's AMQPS port. */
  public static final int DEFAULT_PORT = 5671;

  private final Builder settings;
  private final String host;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  /** Held around every listener call, so a late delivery of a dead connection never overlaps a resync. */
  private final Object listenerLock = new Object();
  private final AtomicInteger connectionsMade = new AtomicInteger();
  private SSLContext tls;           // guarded by lock
  // Written under lock; volatile so isConnected() never waits for a (re)connection in progress,
  // which calls the listener: a listener that asks isConnected() from another thread under its own
  // lock would otherwise deadlock with it.
  private volatile Connection connection;
  private boolean started;          // guarded by lock
  private boolean closed;           // guarded by lock
  private boolean reconnecting;     // guarded by lock
  private int failedAttempts;       // guarded by lock

  private ScmbSubscriber(Builder b) {
    this.settings = b.copy();
    this.host = b.host != null ? b.host : unbracketed(URI.create(b.oneView.url()).getHost());
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "oneview-scmb-reconnect");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.scheduler = executor;
  }

  private static String unbracketed(String host) {
    return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** A builder; {@link Builder#oneView}, {@link Builder#categories} and {@link Builder#listener} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Gets the credentials, connects and binds the queue; returns this once events flow. Later
   * interruptions are repaired in the background.
   *
   * @throws ScmbException if the first connection cannot be made (the cause says why); nothing
   *     is retried then, and the subscriber is closed
   * @throws io.oneviewinfrakit.oneview.OneViewException if the REST calls for the credentials fail
   */
  public ScmbSubscriber start() {
    synchronized (lock) {
      if (closed) throw new IllegalStateException("closed");
      if (started) return this;
      started = true;
      try {
        connect();
      } catch (RuntimeException e) {
        close();
        throw e;
      } catch (Exception e) {
        close();
        throw new ScmbException("cannot subscribe to the SCMB on " + host + ":" + settings.port + ": " + e, e);
      }
    }
    return this;
  }

  /** Whether the bus connection is open now. */
  public boolean isConnected() {
    Connection c = connection;
    return c != null && c.isOpen();
  }

  /** Connections made so far (the first, then one per successful reconnection). */
  public int connectionCount() {
    return connectionsMade.get();
  }

  /** Closes the connection and stops reconnecting; idempotent. No listener call follows. */
  @Override
  public void close() {
    Connection c;
    synchronized (lock) {
      if (closed) return;
      closed = true;
      c = connection;
      connection = null;
    }
    scheduler.shutdownNow();
    if (c != null) {
      try {
        c.abort(2000);
      } catch (RuntimeException e) {
        log.debug("SCMB connection close failed: {}", e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "ScmbSubscriber{" + host + ":" + settings.port + ", categories=" + settings.categories + "}";
  }

  // ---- connecting ------------------------------------------------------------------------

  /** Connects with the cached credentials, or fresh ones if they are refused; under the lock. */
  private void connect() throws Exception {
    if (tls != null) {
      try {
        open(tls);
        return;
      } catch (IOException | TimeoutException e) {
        if (unreachable(e)) throw e; // nothing listens: the credentials are not the problem
        // A regenerated CA or client certificate makes the old files useless: fetch new ones.
        log.info("SCMB connection to {}:{} refused with the cached credentials ({}); downloading new ones",
            host, settings.port, e.toString());
        tls = null;
      }
    }
    SSLContext fresh = fetchCredentials();
    open(fresh);
    tls = fresh;
  }

  /** Whether {@code e} says the host refused or could not be reached, before any TLS. */
  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  private SSLContext fetchCredentials() {
    OneView ov = settings.oneView;
    RabbitMqKeyPair keyPair = Credentials.keyPair(ov, settings.alias, settings.certificateTimeout);
    String ca = ov.certificates().internalCaPem();
    log.debug("SCMB credentials downloaded from {} (client certificate \"{}\")", ov.url(), settings.alias);
    return Credentials.tls(keyPair, ca);
  }

  private void open(SSLContext context) throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(settings.port);
    factory.useSslProtocol(context);
    factory.setSaslConfig(DefaultSaslConfig.EXTERNAL);
    factory.setAutomaticRecoveryEnabled(false); // we recover ourselves, credentials included
    factory.setTopologyRecoveryEnabled(false);
    factory.setConnectionTimeout((int) settings.connectTimeout.toMillis());
    factory.setHandshakeTimeout((int) settings.connectTimeout.toMillis());
    factory.setRequestedHeartbeat((int) settings.heartbeat.toSeconds());
    Connection c = factory.newConnection("oneview-scmb");
    boolean resync = connectionsMade.get() > 0;
    try {
      Channel channel = c.createChannel();
      String queue = channel.queueDeclare("", false, true, true, null).getQueue();
      for (String key : bindings()) {
        channel.queueBind(queue, EXCHANGE, key);
      }
      if (resync) {
        // Before delivery resumes, so the listener never runs twice at once.
        synchronized (listenerLock) {
          try {
            settings.listener.onResyncNeeded();
          } catch (RuntimeException e) {
            log.warn("SCMB listener failed on resync", e);
          }
        }
      }
      channel.basicConsume(queue, true, new Delivery(channel));
    } catch (IOException | RuntimeException e) {
      c.abort();
      throw e;
    }
    connection = c;
    connectionsMade.incrementAndGet();
    failedAttempts = 0;
    log.info("SCMB subscribed on {}:{} to {}", host, settings.port, bindings());
    // Runs at once if the connection closed already.
    c.addShutdownListener(cause -> lost(c, cause));
  }

  private List<String> bindings() {
    List<String> keys = new ArrayList<>();
    for (String category : settings.categories) {
      // Task messages have the bare key "scmb.tasks" (no change type, no URI).
      keys.add(switch (category) {
        case "#" -> "scmb.#";
        case "tasks" -> "scmb.tasks";
        default -> "scmb." + category + ".#";
      });
    }
    return keys;
  }

  private void lost(Connection lost, ShutdownSignalException cause) {
    synchronized (lock) {
      if (closed || connection != lost) return;
      connection = null;
      if (reconnecting) return;
      reconnecting = true;
      log.warn("SCMB connection to {}:{} lost ({}); reconnecting", host, settings.port,
          cause == null ? "closed" : cause.getMessage());
      schedule(Duration.ZERO);
    }
  }

  private void schedule(Duration delay) {
    try {
      scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void reconnect() {
    synchronized (lock) {
      if (closed) return;
      try {
        connect();
        reconnecting = false;
        if (connection == null) {
          // Lost again while it was being opened (the loss was ignored as a reconnection ran).
          reconnecting = true;
          schedule(backoff(++failedAttempts));
        }
      } catch (Exception e) {
        failedAttempts++;
        Duration delay = backoff(failedAttempts);
        log.warn("SCMB reconnection to {}:{} failed (attempt {}): {}; next in {} ms", host, settings.port,
            failedAttempts, e.toString(), delay.toMillis());
        schedule(delay);
      }
    }
  }

  private Duration backoff(int attempts) {
    long initial = settings.backoffInitial.toMillis();
    long max = settings.backoffMax.toMillis();
    long base = Math.min(max, initial << Math.min(20, attempts - 1));
    long jitter = (long) (base * 0.25 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.min(max, base + jitter));
  }

  // ---- delivering ------------------------------------------------------------------------

  private final class Delivery extends DefaultConsumer {
    Delivery(Channel channel) {
      super(channel);
    }

    /** The broker cancelled the consumer (queue gone): reconnect, which binds a new queue. */
    @Override
    public void handleCancel(String tag) {
      restart("consumer cancelled by the broker");
    }

    /** The channel closed under an open connection: nothing would arrive any more. */
    @Override
    public void handleShutdownSignal(String tag, ShutdownSignalException signal) {
      if (!signal.isHardError()) {
        restart("channel closed: " + signal.getMessage());
      }
    }

    private void restart(String why) {
      Connection c = getChannel().getConnection();
      if (c.isOpen()) {
        log.warn("SCMB subscription on {}:{} stopped ({}); reconnecting", host, settings.port, why);
        c.abort(); // the shutdown listener reconnects and signals the resync
      }
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      ChangeEvent event;
      try {
        event = Messages.event(envelope.getRoutingKey(), body);
      } catch (IOException | RuntimeException e) {
        log.warn("SCMB message with routing key {} ignored: not a change message ({})",
            envelope.getRoutingKey(), e.toString());
        return;
      }
      synchronized (listenerLock) {
        try {
          settings.listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn("SCMB listener failed on {} {}", event.changeType(), event.resourceUri(), e);
        }
      }
    }
  }

  /** Configures a {@link ScmbSubscriber}. Not thread-safe. */
  public static final class Builder {
    private OneView oneView;
    private String host;
    private int port = DEFAULT_PORT;
    private final Set<String> categories = new LinkedHashSet<>();
    private ScmbListener listener;
    private String alias = "default";
    private Duration certificateTimeout = Duration.ofMinutes(2);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration heartbeat = Duration.ofSeconds(30);
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(30);

    private Builder() {}

    /** The appliance's REST client: credentials are downloaded through it. Required. */
    public Builder oneView(OneView oneView) {
      this.oneView = Objects.requireNonNull(oneView, "oneView == null");
      return this;
    }

    /** The bus host; the host of the {@link OneView} URL by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** The bus port, {@value #DEFAULT_PORT} by default. */
    public Builder port(int port) {
      if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
      this.port = port;
      return this;
    }

    /**
     * Resource categories to receive, as in routing keys and URIs: {@code server-profiles},
     * {@code server-hardware}, {@code tasks}, {@code ethernet-networks}, … At least one is
     * required; {@code "#"} receives everything.
     */
    public Builder categories(String... categories) {
      for (String c : categories) {
        Objects.requireNonNull(c, "category == null");
        if (c.isBlank() || (!c.equals("#") && !c.matches("[a-z0-9-]+"))) {
          throw new IllegalArgumentException("not a resource category: \"" + c + "\"");
        }
        this.categories.add(c);
      }
      return this;
    }

    /** Receives the events. Required. */
    public Builder listener(ScmbListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** The client certificate's alias (its {@code commonName}); {@code default}, as every SDK uses. */
    public Builder certificateAlias(String alias) {
      this.alias = Objects.requireNonNull(alias, "alias == null");
      return this;
    }

    /** How long to wait for the appliance to issue a client certificate (2 minutes). */
    public Builder certificateTimeout(Duration timeout) {
      this.certificateTimeout = positive(timeout, "timeout");
      return this;
    }

    /** TCP connect and AMQP handshake timeout (10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "timeout");
      return this;
    }

    /** AMQP heartbeat asked for, so a dead peer is noticed (30 s; rounded down to seconds). */
    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = positive(heartbeat, "heartbeat");
      return this;
    }

    /** Reconnection delays: {@code initial} after the first failed attempt, doubling to {@code max}, plus up to 25 % jitter (500 ms to 30 s). */
    public Builder reconnectBackoff(Duration initial, Duration max) {
      this.backoffInitial = positive(initial, "initial");
      this.backoffMax = positive(max, "max");
      if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max < initial");
      return this;
    }

    /**
     * A subscriber, not yet connected. Does no I/O.
     *
     * @throws IllegalStateException if the OneView client, the categories or the listener are missing
     */
    public ScmbSubscriber build() {
      if (oneView == null) throw new IllegalStateException("oneView required.");
      if (categories.isEmpty()) throw new IllegalStateException("categories required.");
      if (listener == null) throw new IllegalStateException("listener required.");
      return new ScmbSubscriber(this);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.oneView = oneView;
      b.host = host;
      b.port = port;
      b.categories.addAll(categories);
      b.listener = listener;
      b.alias = alias;
      b.certificateTimeout = certificateTimeout;
      b.connectTimeout = connectTimeout;
      b.heartbeat = heartbeat;
      b.backoffInitial = backoffInitial;
      b.backoffMax = backoffMax;
      return b;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
      return d;
    }

    @Override
    public String toString() {
      return "ScmbSubscriber.Builder{host=" + host + ", port=" + port + ", categories=" + categories + "}";
    }
  }
}
