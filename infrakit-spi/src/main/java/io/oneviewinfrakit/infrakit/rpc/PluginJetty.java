package io.oneviewinfrakit.infrakit.rpc;

import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server behind a {@link PluginServer}: its pool, the Unix socket connector (and the TCP one
 * when asked for), the connection limit and idle timeout, and the handler chain that reads bodies
 * first and then dispatches JSON-RPC calls to the plugins.
 */
final class PluginJetty {
  /** Threads Jetty keeps while idle. */
  static final int MIN_THREADS = 4;

  private PluginJetty() {}

  /** A server not yet started; TCP is off when {@code tcpHost} is null. */
  static Server create(String name, Path socket, Map<String, InstancePlugin> plugins, int maxRequestBytes,
      int maxThreads, int maxConnections, String tcpHost, int tcpPort) {
    // Jetty keeps its minimum of threads alive while idle (8 by default). InfraKit calls a plugin a
    // few times per poll: 4 serve that (the acceptor, the selector and two for calls; one of each per
    // connector, not one selector per two CPUs); a burst starts more, let go after a minute idle.
    QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(MIN_THREADS, maxThreads));
    pool.setName("infrakit-" + name);
    Server s = new Server(pool);
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowMessageInTitle(false);
    s.setErrorHandler(errors);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // Jetty builds a header-field cache for every new connection (about 20 KB of tries); InfraKit's
    // clients open a connection per concurrent call, so a burst of 64 made ~1.3 MB of garbage, more
    // young collections during bursts. Our requests carry a handful of headers: no cache.
    http.setHeaderCacheSize(0);
    UnixDomainServerConnector unix = new UnixDomainServerConnector(s, 1, 1, new HttpConnectionFactory(http));
    unix.setUnixDomainPath(socket);
    unix.setAcceptQueueSize(128);
    unix.setIdleTimeout(PluginServer.IDLE_TIMEOUT.toMillis());
    s.addConnector(unix);
    if (tcpHost != null) {
      ServerConnector tcp = new ServerConnector(s, 1, 1, new HttpConnectionFactory(http));
      tcp.setHost(tcpHost);
      tcp.setPort(tcpPort);
      tcp.setIdleTimeout(PluginServer.IDLE_TIMEOUT.toMillis());
      s.addConnector(tcp);
    }
    s.addBean(new ConnectionLimit(maxConnections, s));
    s.setHandler(new BodyFirst(new RpcHandler(new Dispatcher(name, plugins), maxRequestBytes), maxRequestBytes));
    s.setStopAtShutdown(false); // PluginServer's own hook stops it and removes the files
    return s;
  }

  /** The port the TCP connector of a started server {@link #create created} with a TCP host is bound to. */
  static int tcpPort(Server s) {
    return ((ServerConnector) s.getConnectors()[1]).getLocalPort();
  }

  /** How many connections {@code s} holds open now (all connectors). */
  static int openConnections(Server s) {
    int open = 0;
    for (Connector c : s.getConnectors()) {
      open += c.getConnectedEndPoints().size();
    }
    return open;
  }
}
