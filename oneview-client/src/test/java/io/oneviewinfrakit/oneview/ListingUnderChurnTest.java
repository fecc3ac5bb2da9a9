package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.ServerProfileView;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Listing server profiles while hundreds are created and some deleted, against the simulator (whose
 * default order, like the appliance's, is creation time). The churn is injected deterministically:
 * before every page request of the listing client reaches the simulator, another client creates
 * profiles (and deletes one every other page), so every listing spans changes.
 */
final class ListingUnderChurnTest {
  private static final String PROFILES = "/rest/server-profiles";

  /** Runs {@code churn} before each page request of the profile collection. */
  private static final class ChurnBeforeEachPage implements Interceptor {
    volatile Runnable churn = () -> {};
    final AtomicInteger pages = new AtomicInteger();

    @Override
    public Response intercept(Chain chain) throws IOException {
      if (chain.request().url().encodedPath().equals(PROFILES)) {
        pages.incrementAndGet();
        churn.run();
      }
      return chain.proceed(chain.request());
    }
  }

  private static Set<String> uris(List<ServerProfileView> views) {
    Set<String> uris = new HashSet<>();
    views.forEach(v -> uris.add(v.uri()));
    return uris;
  }

  @Test
  void listingsConvergeWhileHundredsOfProfilesAreCreatedAndSomeDeleted() {
    ChurnBeforeEachPage probe = new ChurnBeforeEachPage();
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4).build().start();
        OneView creator = sdk(sim).build();
        OneView lister = sdk(sim).client(new OkHttpClient.Builder().addNetworkInterceptor(probe).build())
            .listConcurrency(4).build()) {
      Deque<String> deletable = new ArrayDeque<>();
      AtomicInteger created = new AtomicInteger();
      String type = creator.serverHardwareTypes().list().get(0).uri();
      Runnable create = () -> {
        String name = "churn-" + created.incrementAndGet();
        ServerProfile profile = ServerProfile.fromJson("{\"name\":\"" + name + "\",\"serverHardwareTypeUri\":\"" + type + "\"}");
        creator.tasks().await(creator.serverProfiles().create(profile), TIMEOUT);
      };
      for (int i = 0; i < 200; i++) create.run();
      sim.serverProfiles().forEach(p -> deletable.add(p.uri()));

      AtomicInteger pageCount = new AtomicInteger();
      probe.churn = () -> {
        for (int i = 0; i < 3; i++) create.run();
        if (pageCount.incrementAndGet() % 2 == 0) {
          String victim = deletable.pollFirst(); // the oldest: every later page shifts
          creator.tasks().await(creator.serverProfiles().delete(victim), TIMEOUT);
        }
      };
      int listings = 0;
      while (created.get() < 600) {
        Set<String> before = uris(sim.serverProfiles());
        List<ServerProfile> listed = lister.serverProfiles().list();
        Set<String> after = uris(sim.serverProfiles());
        listings++;

        List<String> listedUris = listed.stream().map(ServerProfile::uri).toList();
        assertThat(listedUris).doesNotHaveDuplicates();
        Set<String> existedThroughout = new HashSet<>(before);
        existedThroughout.retainAll(after);
        assertThat(listedUris).containsAll(existedThroughout);
        Set<String> everSeen = new HashSet<>(before);
        everSeen.addAll(after);
        // Anything else listed was created and deleted during the listing: it has the churn's name.
        assertThat(listed).filteredOn(p -> !everSeen.contains(p.uri()))
            .allSatisfy(p -> assertThat(p.name()).startsWith("churn-"));
      }
      assertThat(listings).isGreaterThan(5);
      assertThat(probe.pages.get()).isGreaterThan(listings); // several pages per listing, churn before each
    }
  }
}
