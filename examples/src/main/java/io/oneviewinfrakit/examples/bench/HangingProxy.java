package io.oneviewinfrakit.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the appliance that can hang: while hung it still accepts connections and
 * reads what clients send, but relays nothing in either direction, as an appliance whose web front
 * end accepts and never answers. TLS passes through untouched (the client still talks to the
 * simulator's certificate on loopback). Its threads are named {@code bench-proxy-*}, so a thread
 * count of the plugin can leave them out.
 */
final class HangingProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger threadNo = new AtomicInteger();
  private final Object gate = new Object();
  private volatile boolean hung;
  private volatile boolean closed;

  HangingProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread("accept", this::acceptLoop).start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The appliance's URL with this relay's port in place of the simulator's. */
  String url(String simulatorUrl) {
    return simulatorUrl.replace(":" + targetPort, ":" + port());
  }

  void hang(boolean hang) {
    synchronized (gate) {
      hung = hang;
      gate.notifyAll();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(upstream);
        thread("up", () -> pump(client, upstream)).start();
        thread("down", () -> pump(upstream, client)).start();
      } catch (IOException e) {
        if (!closed) {
          Rig.sleep(java.time.Duration.ofMillis(10));
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        awaitNotHung();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // a side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private void awaitNotHung() throws InterruptedException {
    synchronized (gate) {
      while (hung && !closed) {
        gate.wait();
      }
    }
  }

  private Thread thread(String role, Runnable body) {
    Thread t = new Thread(body, "bench-proxy-" + role + "-" + threadNo.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }

  @Override
  public void close() {
    closed = true;
    hang(false);
    try {
      listener.close();
    } catch (IOException e) {
      // closing
    }
    sockets.forEach(HangingProxy::closeQuietly);
  }
}
