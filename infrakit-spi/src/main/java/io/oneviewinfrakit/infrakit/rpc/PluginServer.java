package io.oneviewinfrakit.infrakit.rpc;

import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link InstancePlugin}s to InfraKit: JSON-RPC 2.0 over HTTP/1.1 on a Unix socket in InfraKit's
 * plugin directory, with the handshakes of every InfraKit release (Instance 0.5.0, 0.6.0 and 0.6.1).
 *
 * <p>{@link #start()} creates the directory (0700) when missing, refuses a world-writable one, refuses to
 * start when a live plugin already answers on the socket and replaces a stale socket file. It then binds
 * the socket (0600) and writes {@code NAME.pid} (and {@code NAME.listen} when TCP is on). {@link #close()}
 * removes them again, and so does a JVM shutdown (SIGTERM, SIGINT) or a failed start.
 *
 * <p>Calls run in parallel on a thread pool; plugins must be thread-safe. Request bodies are read
 * before a call takes a pool thread, so clients that trickle partial requests cost a connection each
 * (at most {@value #DEFAULT_MAX_CONNECTIONS} by default, closed after {@link #IDLE_TIMEOUT} of
 * silence), never a thread. This class is thread-safe.
 *
 * <p>For example:
 * <pre>{@code
 * try (PluginServer server = PluginServer.builder()
 *     .name("instance-example")              // socket ~/.infrakit/plugins/instance-example
 *     .instancePlugin(new MyPlugin())        // Type ""
 *     .instancePlugin("gpu", new GpuPlugin()) // Type "gpu": group plugin name "instance-example/gpu"
 *     .build()
 *     .start()) {
 *   server.join();
 * }
 * }</pre>
 */
public final class PluginServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PluginServer.class);

  /** Default largest request body: far above any real InfraKit request, far below a memory problem. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

  /** Default pool size; the group controller provisions one goroutine per missing instance. */
  public static final int DEFAULT_MAX_THREADS = 256;

  /**
   * Default most open connections. Slow clients hold no pool thread (bodies are read asynchronously,
   * headers by Jetty's parser), only a connection; past this many, new connections wait in the
   * accept queue instead of exhausting file descriptors.
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  /** A connection that sends nothing (a stalled request, or an idle keep-alive) for this long is closed. */
  public static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofSeconds(30);

  private final String name;
  private final PluginFiles files;
  private final Map<String, InstancePlugin> plugins;
  private final int maxRequestBytes;
  private final int maxThreads;
  private final int maxConnections;
  private final String tcpHost;
  private final int tcpPort;
  private final boolean shutdownHook;

  private final Object lock = new Object();
  private Server server;
  private Thread hook;
  private InetSocketAddress tcpAddress;
  private boolean started;
  private boolean closed;

  private PluginServer(Builder b) {
    this.name = b.name;
    this.files = new PluginFiles(name, PluginFiles.directory(b.directory, b.environment));
    this.plugins = Collections.unmodifiableMap(new LinkedHashMap<>(b.plugins));
    this.maxRequestBytes = b.maxRequestBytes;
    this.maxThreads = b.maxThreads;
    this.maxConnections = b.maxConnections;
    this.tcpHost = b.tcpHost;
    this.tcpPort = b.tcpPort;
    this.shutdownHook = b.shutdownHook;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The plugin's lookup name, the socket's file name. */
  public String name() {
    return name;
  }

  /** The directory holding the socket, pid and listen files. */
  public Path pluginsDirectory() {
    return files.directory;
  }

  /** The Unix socket path, what {@link InstancePluginClient#connect(Path)} takes. */
  public Path socketPath() {
    return files.socket;
  }

  /** {@code NAME.pid}, holding this process's pid while the server runs. */
  public Path pidFile() {
    return files.pidFile;
  }

  /** The bound TCP address when TCP listening was asked for and the server is started. */
  public Optional<InetSocketAddress> tcpAddress() {
    synchronized (lock) {
      return Optional.ofNullable(tcpAddress);
    }
  }

  /**
   * Checks what {@link #start()} would check about the files (a usable plugins directory, a short enough
   * socket path, no live plugin on it) without binding anything, so an executable whose setup is slow
   * (listing a backend first) can refuse at once. The directory is created when missing.
   *
   * @param pluginsDirectory the directory, or null for InfraKit's default from {@code environment}
   * @return the socket path {@link #start()} would bind
   * @throws IllegalStateException with the reason, e.g. a live plugin answering on the socket
   * @throws UncheckedIOException when the directory cannot be read or created
   */
  public static Path preflight(Path pluginsDirectory, String name, Function<String, String> environment) {
    return PluginFiles.preflight(pluginsDirectory, name, environment);
  }

  /**
   * Starts serving. Returns this server for chaining.
   *
   * @throws IllegalStateException when the directory is unsafe, a live plugin owns the socket, or this
   *     server was already started
   * @throws UncheckedIOException when the files cannot be created or the socket bound
   */
  public PluginServer start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("plugin server " + name + " was already started");
      }
      started = true;
      try {
        files.makeWay();
        // From here on the socket path is ours: any failure must leave no file behind.
        if (shutdownHook) {
          hook = new Thread(this::closeFromHook, "infrakit-plugin-" + name + "-shutdown");
          Runtime.getRuntime().addShutdownHook(hook);
        }
        server = PluginJetty.create(name, files.socket, plugins, maxRequestBytes, maxThreads, maxConnections,
            tcpHost, tcpPort);
        server.start();
        files.socketBound();
        if (tcpHost != null) {
          int port = PluginJetty.tcpPort(server);
          tcpAddress = new InetSocketAddress(tcpHost, port);
          files.writeListenFile("tcp://" + hostForUrl(tcpHost) + ":" + port);
        }
        files.writePidFile();
      } catch (RuntimeException | IOException e) {
        boolean ownsSocket = server != null;
        stopQuietly(ownsSocket);
        if (e instanceof IOException) {
          throw new UncheckedIOException("cannot start plugin " + name + " on " + files.socket + ": " + e.getMessage(), (IOException) e);
        }
        throw (RuntimeException) e;
      } catch (Exception e) { // Jetty's start() declares Exception
        stopQuietly(true);
        throw new IllegalStateException("cannot start plugin " + name + " on " + files.socket + ": " + e.getMessage(), e);
      }
      log.info("Instance plugin {} listening on {}{} (types {})", name, files.socket,
          tcpAddress == null ? "" : " and tcp://" + hostForUrl(tcpHost) + ":" + tcpAddress.getPort(),
          plugins.keySet().stream().map(t -> t.isEmpty() ? "\"\"" : t).toList());
      return this;
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** How many connections the server holds open now (all connectors). */
  int openConnections() {
    Server s;
    synchronized (lock) {
      s = server;
    }
    if (s == null) {
      return 0;
    }
    return PluginJetty.openConnections(s);
  }

  /** Blocks until the server is closed. */
  public void join() throws InterruptedException {
    Server s;
    synchronized (lock) {
      s = server;
    }
    if (s != null) {
      s.join();
    }
  }

  /** Stops serving and removes the socket, pid and listen files. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed || !started) {
        closed = true;
        return;
      }
      closed = true;
      stopQuietly(true);
      log.info("Instance plugin {} stopped", name);
    }
  }

  private void closeFromHook() {
    synchronized (lock) {
      hook = null; // cannot be removed while the JVM runs hooks
    }
    close();
  }

  private void stopQuietly(boolean ownsSocket) {
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        log.warn("Instance plugin {}: stopping Jetty failed: {}", name, e.toString());
      }
    }
    files.remove(ownsSocket);
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook runs (or ran) close() itself.
      }
      hook = null;
    }
  }

  /** Configures a {@link PluginServer}; {@code name} and at least one plugin are required. */
  public static final class Builder {
    private String name;
    private Path directory;
    private Function<String, String> environment = System::getenv;
    private final Map<String, InstancePlugin> plugins = new LinkedHashMap<>();
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int maxThreads = DEFAULT_MAX_THREADS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private String tcpHost;
    private int tcpPort;
    private boolean shutdownHook = true;

    private Builder() {}

    /** The plugin's lookup name: the socket's file name and the part of a group's plugin name before '/'. */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException("plugin name must be a plain file name without '/': \"" + name + "\"");
      }
      this.name = name;
      return this;
    }

    /** The discovery directory; by default from the environment (see {@link #environment(Function)}). */
    public Builder pluginsDirectory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /**
     * Where {@code INFRAKIT_PLUGINS_DIR} and {@code INFRAKIT_HOME} are looked up when no directory is set;
     * {@link System#getenv(String)} by default.
     */
    public Builder environment(Function<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment == null");
      return this;
    }

    /** The default plugin, served for requests with {@code Type ""}. */
    public Builder instancePlugin(InstancePlugin plugin) {
      return instancePlugin("", plugin);
    }

    /** A typed plugin, served for requests whose {@code Type} is {@code type} (group plugin name {@code NAME/type}). */
    public Builder instancePlugin(String type, InstancePlugin plugin) {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(plugin, "plugin == null");
      if (type.equals(".")) {
        throw new IllegalArgumentException("type \".\" is reserved for the default plugin; use \"\"");
      }
      if (plugins.containsKey(type)) {
        throw new IllegalArgumentException("a plugin is already registered for type \"" + type + "\"");
      }
      plugins.put(type, plugin);
      return this;
    }

    /** Largest request body accepted; larger ones get a JSON-RPC error. Default 1 MiB. */
    public Builder maxRequestBytes(int maxRequestBytes) {
      if (maxRequestBytes < 1024) {
        throw new IllegalArgumentException("maxRequestBytes must be at least 1024: " + maxRequestBytes);
      }
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /** Largest number of pool threads, hence of calls in progress at once (minus a few for I/O). Default 256. */
    public Builder maxThreads(int maxThreads) {
      if (maxThreads < 16) {
        throw new IllegalArgumentException("maxThreads must be at least 16: " + maxThreads);
      }
      this.maxThreads = maxThreads;
      return this;
    }

    /**
     * Most connections open at once (all connectors together); more wait to be accepted. Default
     * {@value #DEFAULT_MAX_CONNECTIONS}.
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 16) {
        throw new IllegalArgumentException("maxConnections must be at least 16: " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Also listens on TCP and advertises it in {@code NAME.listen} ({@code tcp://host:port}) for remote
     * managers. There is no authentication: bind to a trusted network only. Port 0 picks a free port.
     */
    public Builder listen(String host, int port) {
      Objects.requireNonNull(host, "host == null");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.tcpHost = host;
      this.tcpPort = port;
      return this;
    }

    /** Whether a JVM shutdown hook closes the server (SIGTERM, SIGINT); on by default. */
    public Builder shutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    public PluginServer build() {
      if (name == null) {
        throw new IllegalStateException("name required");
      }
      if (plugins.isEmpty()) {
        throw new IllegalStateException("at least one instance plugin required");
      }
      return new PluginServer(this);
    }
  }
}
