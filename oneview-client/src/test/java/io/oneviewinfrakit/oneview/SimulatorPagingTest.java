package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.RACK_TEMPLATE;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import io.oneviewinfrakit.simulator.ServerHardwareView;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listing a collection larger than the appliance's page cap (150 servers; OneView answers 32 per
 * page by default) through the SDK, with the simulator's request log as the witness of how many
 * round trips it took. The tests only read, so they share one simulator.
 */
final class SimulatorPagingTest {
  private static final int SERVERS = 150;
  private static final String HARDWARE = "/rest/server-hardware";

  private static OneViewSimulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = OneViewSimulator.builder().servers(SERVERS).build().start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void clearLog() {
    sim.requests().clear();
  }

  @Test
  void listReturnsEveryServerFetchingTheRemainingPagesInOneConcurrentWave() {
    List<ServerHardware> all;
    try (OneView ov = sdk(sim).build()) {
      all = ov.serverHardware().list();
    }

    assertThat(all).hasSize(SERVERS);
    assertThat(all).extracting(ServerHardware::uri).doesNotHaveDuplicates()
        .containsExactlyElementsOf(sim.serverHardware().stream().map(ServerHardwareView::uri).toList());
    // One page of 32 reveals total=150; the other four pages, overlapping by one member so every
    // seam is checked (start 31, 62, 93, 124), go out together.
    List<RecordedRequest> gets = pageRequests();
    assertThat(gets).hasSize(5).allMatch(r -> r.status() == 200);
    assertThat(gets.get(0).query()).doesNotContain("start=");
    assertThat(gets.subList(1, 5)).extracting(r -> param(r, "start"))
        .containsExactlyInAnyOrder("31", "62", "93", "124");
    assertThat(gets.subList(1, 5)).allMatch(r -> "32".equals(param(r, "count")));
  }

  @Test
  void boundedConcurrencySplitsTheRemainingPagesIntoWaves() throws Exception {
    // Every page request after the first waits (network interceptor) until its whole wave has been
    // sent, so the test fails (by timeout) if pages went out one by one, and records how many were
    // in flight together.
    WaveProbe probe = new WaveProbe(2);
    try (OneView ov = sdk(sim).client(probe.client()).listConcurrency(2).build()) {
      assertThat(ov.serverHardware().list()).hasSize(SERVERS);
    }

    assertThat(probe.maxInFlight.get()).isEqualTo(2);
    assertThat(probe.timedOut.get()).isZero();
    assertThat(pageRequests()).hasSize(5);
  }

  @Test
  void allPagesOfAWaveAreInFlightAtOnce() throws Exception {
    WaveProbe probe = new WaveProbe(4);
    try (OneView ov = sdk(sim).client(probe.client()).build()) {
      assertThat(ov.serverHardware().list()).hasSize(SERVERS);
    }

    assertThat(probe.maxInFlight.get()).isEqualTo(4);
    assertThat(probe.timedOut.get()).isZero();
  }

  @Test
  void filtersAndSortAreHonouredAcrossPages() {
    List<ServerHardware> racks;
    String rackType;
    try (OneView ov = sdk(sim).build()) {
      rackType = ov.serverProfileTemplates().findByName(RACK_TEMPLATE).orElseThrow().serverHardwareTypeUri();
      sim.requests().clear();
      racks = ov.serverHardware().list(Query.builder()
          .filter(Filter.eq("serverHardwareTypeUri", rackType))
          .sort("name:desc")
          .build());
    }

    List<String> expected = sim.serverHardware().stream()
        .filter(h -> rackType.equals(h.json().get("serverHardwareTypeUri")))
        .map(ServerHardwareView::name)
        .sorted(Comparator.comparing((String n) -> n, String.CASE_INSENSITIVE_ORDER).reversed())
        .toList();
    assertThat(expected).hasSize(37); // more than one page: the sort must hold across pages
    assertThat(racks).extracting(ServerHardware::name).containsExactlyElementsOf(expected);
    assertThat(racks).allMatch(h -> h.serverGroupUri() == null);
    List<RecordedRequest> gets = pageRequests();
    assertThat(gets).hasSize(2).allSatisfy(r -> {
      assertThat(param(r, "sort")).isEqualTo("name:desc");
      assertThat(param(r, "filter")).isEqualTo("\"serverHardwareTypeUri='" + rackType + "'\"");
    });
  }

  @Test
  void repeatedFiltersAreAndedAndMatchesNotAndQuotedValuesWork() {
    try (OneView ov = sdk(sim).build()) {
      List<ServerHardware> poweredOnEnclosure2 = ov.serverHardware().list(Query.builder()
          .filter(Filter.matches("name", "Encl2, bay %"))
          .filter(Filter.not(Filter.eq("powerState", "Off")))
          .build());
      List<ServerHardware> byName = ov.serverHardware().list(Query.builder()
          .filter(Filter.eq("name", "Encl3, bay 7")).build());
      List<ServerHardware> notOff = ov.serverHardware().list(Query.builder()
          .filter(Filter.ne("powerState", "Off")).sort("name:asc").build());

      assertThat(poweredOnEnclosure2).isNotEmpty().allSatisfy(h -> {
        assertThat(h.name()).startsWith("Encl2, bay ");
        assertThat(h.powerState()).isEqualTo(PowerState.ON);
      });
      assertThat(poweredOnEnclosure2).hasSize((int) sim.serverHardware().stream()
          .filter(h -> h.name().startsWith("Encl2, bay ") && h.powerState().equals("On")).count());
      assertThat(byName).singleElement().returns("Encl3, bay 7", ServerHardware::name);
      assertThat(notOff).hasSize((int) sim.serverHardware().stream().filter(h -> h.powerState().equals("On")).count())
          .hasSizeGreaterThan(32);
    }
  }

  @Test
  void streamFetchesOnlyThePagesItConsumes() {
    try (OneView ov = sdk(sim).build();
        Stream<ServerHardware> stream = ov.serverHardware().stream(Query.all())) {
      assertThat(stream.limit(10).toList()).hasSize(10);
    }
    assertThat(pageRequests()).hasSize(1);
  }

  @Test
  void explicitStartAndCountReturnExactlyThatSlice() {
    try (OneView ov = sdk(sim).build()) {
      List<ServerHardware> all = ov.serverHardware().list(Query.builder().sort("name:asc").build());
      List<ServerHardware> slice = ov.serverHardware().list(Query.builder().sort("name:asc").start(140).count(5).build());

      // From start 140 the SDK follows the collection to its end: 10 servers.
      assertThat(slice).extracting(ServerHardware::uri)
          .containsExactlyElementsOf(all.subList(140, SERVERS).stream().map(ServerHardware::uri).toList());
    }
  }

  private static List<RecordedRequest> pageRequests() {
    return sim.requests().matching(r -> r.method().equals("GET") && r.path().equals(HARDWARE));
  }

  private static String param(RecordedRequest r, String name) {
    return okhttp3.HttpUrl.get("http://x/?" + r.query()).queryParameter(name);
  }

  /**
   * Blocks page requests (those with {@code start}) until {@code wave} of them are in flight, so
   * that pages sent one at a time would time out instead of passing.
   */
  private static final class WaveProbe implements Interceptor {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger timedOut = new AtomicInteger();
    private final int wave;
    private CountDownLatch current;
    private int joined;

    WaveProbe(int wave) {
      this.wave = wave;
      this.current = new CountDownLatch(wave);
    }

    OkHttpClient client() {
      return new OkHttpClient.Builder().addNetworkInterceptor(this).build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      if (!chain.request().url().encodedPath().equals(HARDWARE) || chain.request().url().queryParameter("start") == null) {
        return chain.proceed(chain.request());
      }
      CountDownLatch latch;
      synchronized (this) {
        latch = current;
        if (++joined == wave) {
          joined = 0;
          current = new CountDownLatch(wave);
        }
      }
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      latch.countDown();
      try {
        if (!latch.await(5, TimeUnit.SECONDS)) timedOut.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } finally {
        inFlight.decrementAndGet();
      }
      return chain.proceed(chain.request());
    }
  }
}
