package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 300 connections that trickle partial requests (half stop inside the headers, half inside a
 * declared body) must not starve normal calls, even on a pool of 16 threads: slow clients cost a
 * connection each, never a pool thread.
 */
class SlowClientsTest {
  private static final int SLOW = 300;
  private final FakeInstancePlugin plugin = new FakeInstancePlugin();
  private final List<SocketChannel> slow = new ArrayList<>();
  private TempPluginsDir dir;
  private PluginServer server;

  @BeforeEach
  void start() {
    dir = new TempPluginsDir();
    server = PluginServer.builder().name("instance-slow").pluginsDirectory(dir.path).instancePlugin(plugin)
        .maxThreads(16).shutdownHook(false).build().start();
  }

  @AfterEach
  void stop() throws IOException {
    for (SocketChannel c : slow) c.close();
    server.close();
    dir.close();
  }

  private SocketChannel openSlow(String partialRequest) throws IOException {
    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
    c.connect(UnixDomainSocketAddress.of(server.socketPath()));
    c.write(ByteBuffer.wrap(partialRequest.getBytes(StandardCharsets.US_ASCII)));
    slow.add(c);
    return c;
  }

  @Test
  void threeHundredTricklingClientsDoNotStarveANormalCall() throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.DescribeInstances\",\"params\":{\"Tags\":{}},\"id\":1}";
    for (int i = 0; i < SLOW; i++) {
      if (i % 2 == 0) {
        openSlow("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Len"); // stops in the headers
      } else {
        // Complete headers, then half the body: the request is dispatched and waits for the rest.
        openSlow("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
            + "\r\n\r\n" + body.substring(0, body.length() / 2));
      }
    }
    // Every slow connection is accepted and its bytes are in the server before the normal call.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.openConnections() < SLOW && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.openConnections()).isGreaterThanOrEqualTo(SLOW);

    AtomicInteger describes = new AtomicInteger();
    plugin.doDescribe = (tags, properties) -> {
      describes.incrementAndGet();
      return List.of();
    };
    try (InstancePluginClient client = InstancePluginClient.builder().socket(server.socketPath())
        .timeout(Duration.ofSeconds(20)).build()) {
      for (int i = 0; i < 20; i++) {
        assertThat(client.describeInstances(Map.of(), false)).isEmpty();
      }
    }
    assertThat(describes).hasValue(20);

    // A trickler that finally finishes its body is served too.
    SocketChannel last = slow.get(1);
    last.write(ByteBuffer.wrap(body.substring(body.length() / 2).getBytes(StandardCharsets.US_ASCII)));
    ByteBuffer answer = ByteBuffer.allocate(4096);
    while (!new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).contains("\"result\"")) {
      assertThat(last.read(answer)).isNotNegative();
    }
    assertThat(describes).hasValue(21);
  }
}
