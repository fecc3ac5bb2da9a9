package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.FakeAppliance.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * Connections survive between bursts of parallel requests, so a later burst pays no new TLS
 * handshakes. A request with sequence number 0 is the first on its connection: a new connection.
 */
final class ConnectionPoolTest extends FakeApplianceFixture {
  private static final int PAGE = 32;
  private HeldCertificate certificate;

  @Override
  void configure(MockWebServer server) {
    certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory(), false);
    // HTTP/2 would multiplex every request over one connection; appliances answer HTTP/1.1.
    server.setProtocols(List.of(Protocol.HTTP_1_1));
  }

  /** Holds requests until {@code parties} of them are in flight, so each burst needs that many connections. */
  private static final class Gate {
    final CyclicBarrier barrier;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    Gate(int parties) {
      barrier = new CyclicBarrier(parties);
    }

    void pass() {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        barrier.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (BrokenBarrierException | TimeoutException e) {
        // The burst never became that wide; maxInFlight tells.
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  private static String page(int start, int end, int total) {
    String members = IntStream.range(start, end)
        .mapToObj(i -> "{\"uri\":\"/rest/server-hardware/" + i + "\",\"name\":\"bay " + i + "\"}")
        .collect(Collectors.joining(","));
    return "{\"uri\":\"/rest/server-hardware\",\"total\":" + total + ",\"start\":" + start + ",\"count\":"
        + (end - start) + ",\"members\":[" + members + "]}";
  }

  private static long newConnections(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> r.getSequenceNumber() == 0).count();
  }

  @Test
  void secondConcurrentListingReusesTheFirstListingsConnections() {
    int wave = 16;
    int total = (PAGE - 1) * wave + PAGE; // the first page, then one wave of 16 pages overlapping by one
    Gate gate = new Gate(wave);
    appliance.handler = request -> {
      String start = request.getRequestUrl().queryParameter("start");
      String count = request.getRequestUrl().queryParameter("count");
      int from = start == null ? 0 : Integer.parseInt(start);
      if (start != null) gate.pass();
      return json(200, page(from, Math.min(total, from + (count == null ? PAGE : Integer.parseInt(count))), total));
    };
    try (OneView ov = FakeAppliance.builder(server).trust(certificate.certificatePem()).listConcurrency(wave).build()) {
      assertThat(ov.serverHardware().list()).hasSize(total);
      int firstListing = appliance.resourceRequests.size();
      assertThat(gate.maxInFlight).hasValue(wave);

      assertThat(ov.serverHardware().list()).hasSize(total);

      List<RecordedRequest> second = appliance.resourceRequests.subList(firstListing, appliance.resourceRequests.size());
      assertThat(second).hasSize(wave + 1);
      assertThat(gate.maxInFlight).hasValue(wave);
      // OkHttp's default pool would have kept 5 of the 16 connections: 11 new handshakes.
      assertThat(newConnections(second)).isZero();
    }
  }

  @Test
  void maxIdleConnectionsKeepsAConnectionPerCallingThread() throws Exception {
    int threads = 24; // more than the default pool of max(16, 2 x 1) for listConcurrency 1
    Gate gate = new Gate(threads);
    appliance.handler = request -> {
      gate.pass();
      return json(200, "{\"uri\":\"/rest/tasks/T1\",\"taskState\":\"Running\"}");
    };
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    try (OneView ov = FakeAppliance.builder(server).trust(certificate.certificatePem())
        .listConcurrency(1).maxIdleConnections(threads).build()) {
      ov.apiVersion();
      burst(callers, threads, () -> ov.tasks().get("/rest/tasks/T1"));
      int first = appliance.resourceRequests.size();
      assertThat(gate.maxInFlight).hasValue(threads);

      burst(callers, threads, () -> ov.tasks().get("/rest/tasks/T1"));

      List<RecordedRequest> second = appliance.resourceRequests.subList(first, appliance.resourceRequests.size());
      assertThat(second).hasSize(threads);
      assertThat(newConnections(second)).isZero();
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void suppliedClientKeepsItsOwnConnectionPool() {
    appliance.handler = request -> json(200, page(0, 1, 1));
    ConnectionPool pool = new ConnectionPool(3, 1, TimeUnit.MINUTES);
    OkHttpClient mine = new OkHttpClient.Builder().connectionPool(pool).build();
    try (OneView ov = FakeAppliance.builder(server).trust(certificate.certificatePem()).client(mine)
        .maxIdleConnections(50).build()) {
      assertThat(ov.serverHardware().list()).hasSize(1);
      assertThat(pool.connectionCount()).isPositive();
    }
  }

  private static void burst(ExecutorService callers, int n, Runnable call) throws Exception {
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) calls.add(callers.submit(call));
    for (Future<?> f : calls) f.get(30, TimeUnit.SECONDS);
  }
}
