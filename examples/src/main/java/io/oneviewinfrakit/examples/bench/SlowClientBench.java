package io.oneviewinfrakit.examples.bench;

import io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin;
import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6: normal DescribeInstances calls to a plugin socket while {@code slow} other connections
 * trickle partial requests (complete headers, half a body, then nothing), against the same calls
 * with no slow clients, in one run. Target: the slow clients starve nothing; every call is answered
 * and p99 stays under 100 ms. Before the request body was read ahead of the pool, each such
 * connection held one of the 256 pool threads, so 300 of them left none for normal calls.
 */
public final class SlowClientBench {

  public record Params(int slow, int calls) {
    public static Params full() {
      return new Params(300, 200);
    }

    public static Params smoke() {
      return new Params(20, 10);
    }
  }

  private SlowClientBench() {}

  public static void main(String[] args) {
    Rig.quietLogs();
    System.out.println(run(Params.full()).toMarkdown());
  }

  public static ScenarioResult run(Params p) {
    ScenarioResult result = new ScenarioResult("6. Plugin socket with " + p.slow() + " slow clients");
    result.setup("PluginServer defaults (pool of " + PluginServer.DEFAULT_MAX_THREADS + " threads, "
            + PluginServer.DEFAULT_MAX_CONNECTIONS + " connections, idle timeout "
            + Durations.of(PluginServer.IDLE_TIMEOUT) + ") serving the conformance kit's in-memory plugin")
        .setup("slow clients: " + p.slow() + " Unix-socket connections, each sending complete headers and half of"
            + " a DescribeInstances body, then nothing")
        .setup("normal calls: " + p.calls() + " sequential DescribeInstances through InstancePluginClient, before"
            + " and while the slow clients hang");
    Path dir;
    try {
      dir = Files.createTempDirectory("bench-slow", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<SocketChannel> slow = new ArrayList<>();
    try (PluginServer server = PluginServer.builder().name("instance-bench").pluginsDirectory(dir)
        .instancePlugin(new InMemoryInstancePlugin()).shutdownHook(false).build().start();
        InstancePluginClient client = InstancePluginClient.builder().socket(server.socketPath())
            .timeout(Duration.ofSeconds(15)).build()) {
      calls(client, p.calls()); // warm-up
      Stats quiet = Stats.of(calls(client, p.calls()));
      String body = "{\"jsonrpc\":\"2.0\",\"method\":\"Instance.DescribeInstances\",\"params\":{\"Tags\":{}},\"id\":1}";
      for (int i = 0; i < p.slow(); i++) {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(server.socketPath()));
        c.write(ByteBuffer.wrap(("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length() + "\r\n\r\n" + body.substring(0, body.length() / 2)).getBytes(StandardCharsets.US_ASCII)));
        slow.add(c);
      }
      Stats loaded = Stats.of(calls(client, p.calls()));
      result.info("DescribeInstances, no slow clients", summary(quiet))
          .row("DescribeInstances p99 with " + p.slow() + " slow clients", "every call answered, p99 < 100 ms",
              summary(loaded), loaded.p99Ms() < 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (SocketChannel c : slow) {
        try {
          c.close();
        } catch (IOException ignored) {
          // closing a benchmark socket
        }
      }
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
      } catch (IOException ignored) {
        // temp directory
      }
    }
    return result;
  }

  private static String summary(Stats s) {
    return "p50 " + Stats.ms(s.medianMs()) + " ms, p99 " + Stats.ms(s.p99Ms()) + " ms, max "
        + Stats.ms(s.maxMs()) + " ms (n=" + s.count() + ")";
  }

  private static List<Long> calls(InstancePluginClient client, int n) {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      client.describeInstances(Map.of(), false);
      nanos.add(System.nanoTime() - t0);
    }
    return nanos;
  }
}
