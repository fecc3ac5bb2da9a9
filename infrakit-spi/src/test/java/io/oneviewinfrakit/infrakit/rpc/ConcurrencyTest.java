package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group controller provisions one goroutine per missing instance: calls must run in parallel. */
class ConcurrencyTest {
  private final FakeInstancePlugin plugin = new FakeInstancePlugin();
  private TempPluginsDir dir;
  private PluginServer server;
  private InstancePluginClient client;
  private ExecutorService callers;

  @BeforeEach
  void start() {
    dir = new TempPluginsDir();
    server = PluginServer.builder().name("instance-c").pluginsDirectory(dir.path).instancePlugin(plugin)
        .shutdownHook(false).build().start();
    client = InstancePluginClient.connect(server.socketPath());
    callers = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    client.close();
    server.close();
    dir.close();
  }

  @Test
  void sixtyFourProvisionsAreServedAtTheSameTime() throws Exception {
    int n = 64;
    CountDownLatch allInside = new CountDownLatch(n);
    AtomicInteger counter = new AtomicInteger();
    plugin.doProvision = spec -> {
      allInside.countDown();
      try {
        // Only returns once all 64 are inside the plugin at once; a serialising server would time out here.
        if (!allInside.await(20, TimeUnit.SECONDS)) {
          throw new PluginException("only " + (n - allInside.getCount()) + " provisions ran concurrently");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted");
      }
      return InstanceId.of("i-" + counter.incrementAndGet());
    };
    client.interfaces(); // handshake once, outside the measured burst

    List<Future<InstanceId>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      InstanceSpec spec = InstanceSpec.builder().properties("{}").tag("n", Integer.toString(i)).build();
      results.add(callers.submit(() -> client.provision(spec)));
    }
    HashSet<InstanceId> ids = new HashSet<>();
    for (Future<InstanceId> f : results) {
      ids.add(f.get(30, TimeUnit.SECONDS));
    }
    assertThat(ids).hasSize(n);
  }

  @Test
  void aSlowCallDoesNotBlockOthers() throws Exception {
    CountDownLatch slowEntered = new CountDownLatch(1);
    CountDownLatch releaseSlow = new CountDownLatch(1);
    plugin.doDescribe = (tags, properties) -> {
      slowEntered.countDown();
      try {
        releaseSlow.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of();
    };
    Future<?> slow = callers.submit(() -> client.describeInstances(Map.of(), true));
    assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();

    client.validate(RawJson.EMPTY_OBJECT); // completes while the slow call is still inside the plugin
    assertThat(client.provision(InstanceSpec.builder().build())).isEqualTo(InstanceId.of("i-1"));
    assertThat(slow).isNotDone();

    releaseSlow.countDown();
    slow.get(10, TimeUnit.SECONDS);
  }
}
