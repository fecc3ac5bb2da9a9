package io.oneviewinfrakit.oneview;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback that tunnels HTTPS as a corporate proxy does: it reads {@code CONNECT
 * host:port HTTP/1.1} and its headers, connects to the target, answers {@code 200 Connection
 * established} and then pipes bytes both ways without looking into them. It records each CONNECT
 * target and every byte it carried, in both directions, which is all such a proxy can see.
 *
 * <p>{@link Mode#REFUSE} answers 407 to every CONNECT; {@link Mode#HANG_UP} closes the connection
 * without answering. MockWebServer's {@code useHttps(factory, true)} only plays proxy and origin in
 * one, it cannot forward to another server, hence this class. One thread per connection and
 * direction; {@link #close()} ends them all.
 */
final class TunnelProxy implements Closeable {
  enum Mode { TUNNEL, REFUSE, HANG_UP }

  private final Mode mode;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> connects = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream carried = new ByteArrayOutputStream();

  private TunnelProxy(Mode mode) throws IOException {
    this.mode = mode;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tunnel-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static TunnelProxy start(Mode mode) throws IOException {
    return new TunnelProxy(mode);
  }

  /** This proxy as {@link OneView.Builder#proxy} takes it. */
  Proxy proxy() {
    return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
  }

  /** The {@code host:port} of every CONNECT received, in order. */
  List<String> connects() {
    return List.copyOf(connects);
  }

  /** Every byte the proxy carried (CONNECT heads, its answers and tunnelled bytes), as ISO-8859-1 text. */
  String carried() {
    synchronized (carried) {
      return carried.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      sockets.add(client);
      thread("tunnel-proxy-connection", () -> serve(client));
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        client.close();
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      connects.add(requestLine.length > 1 ? requestLine[1] : "");
      OutputStream out = client.getOutputStream();
      switch (mode) {
        case HANG_UP -> client.close();
        case REFUSE -> {
          answer(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
              + "Content-Length: 0\r\nConnection: close\r\n\r\n");
          client.close();
        }
        case TUNNEL -> tunnel(client, requestLine[1]);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
    }
  }

  private void tunnel(Socket client, String target) throws IOException {
    int colon = target.lastIndexOf(':');
    Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    sockets.add(upstream);
    answer(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
    thread("tunnel-proxy-up", () -> pipe(client, upstream));
    pipe(upstream, client);
  }

  /** Copies {@code from} to {@code to}, recording each chunk before passing it on, until either closes. */
  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) != -1; ) {
        record(buffer, n);
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // One side went away: end the tunnel.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** The request line and headers up to the blank line, each line without its CRLF; empty at end of stream. */
  private List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) != -1; ) {
      record(new byte[] {(byte) b}, 1);
      if (b == '\n') {
        String text = line.toString().stripTrailing();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
    return List.of();
  }

  private void answer(OutputStream out, String response) throws IOException {
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    record(bytes, bytes.length);
    out.write(bytes);
    out.flush();
  }

  private void record(byte[] bytes, int n) {
    synchronized (carried) {
      carried.write(bytes, 0, n);
    }
  }

  private static void thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already gone.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TunnelProxy::closeQuietly);
  }
}
