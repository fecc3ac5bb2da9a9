package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerReservationsTest {

  private static final TemplateView TEMPLATE = new TemplateView("/t", "web", "/sht/blade", "/eg/1");
  private final MutableClock clock = new MutableClock();
  private final ServerReservations reservations = new ServerReservations(clock, true,
      Duration.ofSeconds(30));

  @Test
  void byDefaultAFreeServerThatIsPoweredOnIsNeverChosenAndTheCountsSaySo() {
    ServerReservations safe = new ServerReservations(clock);
    List<ServerView> servers = List.of(blade("b1", "On"), blade("b2", "Off"), blade("b3", "On"));
    assertThat(safe.reserve("i1", TEMPLATE, servers, Set.of()).server().map(ServerView::uri))
        .contains("/hw/b2");
    ServerReservations.Choice none = safe.reserve("i2", TEMPLATE, servers, Set.of());
    assertThat(none.server()).isEmpty();
    assertThat(none.counts().poweredOn()).isEqualTo(2);
    assertThat(none.counts().explain()).isEqualTo("1 reserved by in-flight provisions, 2 free but "
        + "powered on, not taken without --power-off-free-servers");
  }

  @Test
  void aServerSeenTakenIsNotOfferedAgainUntilItsMemoryPasses() {
    List<ServerView> servers = List.of(blade("b1", "Off"), blade("b2", "Off"));
    reservations.markTaken("/hw/b1"); // the cached listing still shows it free
    assertThat(reserve("i1", servers)).isEqualTo("/hw/b2");
    assertThat(reservations.reserve("i2", TEMPLATE, servers, Set.of()).counts().inUse()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(31));
    assertThat(reserve("i3", servers)).isEqualTo("/hw/b1");
  }

  @Test
  void eachListingIsOrderedByItsOwnPowerStates() {
    List<ServerView> first = List.of(blade("b1", "On"), blade("b2", "Off"), blade("b3", "On"));
    assertThat(reserve("i1", first)).isEqualTo("/hw/b2");
    // The next listing: b3 was powered off meanwhile, and is now preferred to b1.
    List<ServerView> next = List.of(blade("b1", "On"), blade("b2", "Off"), blade("b3", "Off"));
    assertThat(reserve("i2", next)).isEqualTo("/hw/b3");
    assertThat(reserve("i3", first)).isEqualTo("/hw/b1");
  }

  @Test
  void groupsOfDifferentTemplatesReservingFromOneListingEachGetTheirOwnServers() {
    TemplateView rackTemplate = new TemplateView("/t2", "rack", "/sht/rack", null);
    List<ServerView> servers = new ArrayList<>(List.of(blade("b1", "On"), blade("b2", "Off")));
    servers.add(new ServerView("/hw/r1", "r1", null, null, "/sht/rack", null, null, "NoProfileApplied",
        "On", false, List.of()));
    servers.add(new ServerView("/hw/r2", "r2", null, null, "/sht/rack", null, null, "NoProfileApplied",
        "Off", false, List.of()));
    List<ServerView> listing = List.copyOf(servers);
    for (String[] expected : new String[][] {{"/hw/b2", "/hw/r2"}, {"/hw/b1", "/hw/r1"}}) {
      assertThat(reservations.reserve("blade-" + expected[0], TEMPLATE, listing, Set.of()).server()
          .map(ServerView::uri)).contains(expected[0]);
      assertThat(reservations.reserve("rack-" + expected[1], rackTemplate, listing, Set.of()).server()
          .map(ServerView::uri)).contains(expected[1]);
    }
  }

  @Test
  void aPoweredOffServerIsPreferredAndNoServerIsGivenTwice() {
    List<ServerView> servers = List.of(blade("b1", "On"), blade("b2", "Off"), blade("b3", "On"));
    assertThat(reserve("i1", servers)).isEqualTo("/hw/b2");
    assertThat(reserve("i2", servers)).isEqualTo("/hw/b1");
    assertThat(reserve("i3", servers)).isEqualTo("/hw/b3");
    assertThat(reservations.reserve("i4", TEMPLATE, servers, Set.of()).server()).isEmpty();
    reservations.release("/hw/b1", "other-instance"); // only the holder releases
    assertThat(reservations.isReserved("/hw/b1")).isTrue();
    reservations.release("/hw/b1", "i2");
    assertThat(reserve("i5", servers)).isEqualTo("/hw/b1");
  }

  @Test
  void theCountsSayWhyNoServerIsFree() {
    List<ServerView> servers = new ArrayList<>();
    servers.add(new ServerView("/hw/used", "used", null, null, "/sht/blade", "/eg/1", "/profiles/x",
        "ProfileApplied", "On", false, List.of()));
    servers.add(new ServerView("/hw/maint", "maint", null, null, "/sht/blade", "/eg/1", null,
        "NoProfileApplied", "Off", true, List.of()));
    servers.add(blade("cool", "Off"));
    servers.add(blade("held", "Off"));
    servers.add(new ServerView("/hw/rack", "rack", null, null, "/sht/rack", null, null,
        "NoProfileApplied", "Off", false, List.of()));
    reservations.coolDown("/hw/cool", Duration.ofMinutes(5), "failed");
    assertThat(reserve("i1", servers)).isEqualTo("/hw/held");
    ServerReservations.Choice none = reservations.reserve("i2", TEMPLATE, servers, Set.of());
    assertThat(none.server()).isEmpty();
    assertThat(none.counts()).isEqualTo(new ServerReservations.Counts(4, 1, 1, 1, 1, 0));
    assertThat(none.counts().explain()).isEqualTo("1 in use, 1 reserved by in-flight provisions, "
        + "1 in maintenance, 1 cooling down after a failure");

    clock.advance(Duration.ofMinutes(6));
    assertThat(reserve("i3", servers)).isEqualTo("/hw/cool");
  }

  @Test
  void aReservedServerCountsAsReservedEvenOnceAListingShowsItsProfileBeingApplied() {
    List<ServerView> servers = List.of(blade("b1", "Off"));
    assertThat(reserve("i1", servers)).isEqualTo("/hw/b1");
    // The next listing shows the profile the in-flight provision is applying.
    List<ServerView> later = List.of(new ServerView("/hw/b1", "b1", null, null, "/sht/blade", "/eg/1",
        "/profiles/p1", "ApplyingProfile", "Off", false, List.of()));
    ServerReservations.Choice none = reservations.reserve("i2", TEMPLATE, later, Set.of());
    assertThat(none.server()).isEmpty();
    assertThat(none.counts().explain()).isEqualTo("1 reserved by in-flight provisions");
  }

  @Test
  void aBurstReservingFromOneListingDoesNotPassEveryServerReservedBeforeItAgain() {
    List<ServerView> servers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      servers.add(blade(String.format("b%02d", i), i == 3 ? "On" : "Off"));
    }
    reservations.markTaken("/hw/b10"); // not settled: offered again once its memory passes
    for (int i = 0; i < 47; i++) {
      reserve("i" + i, servers);
    }
    ServerReservations.Choice next = reservations.reserve("i47", TEMPLATE, servers, Set.of());
    assertThat(next.server().map(ServerView::uri)).contains("/hw/b49");
    // Passed over: the server seen taken and the 38 reserved after it, not the 9 before it.
    assertThat(next.counts().inUse()).isEqualTo(1);
    assertThat(next.counts().reserved()).isEqualTo(38);

    assertThat(reserve("i48", servers)).isEqualTo("/hw/b03"); // powered on: last
    ServerReservations.Choice none = reservations.reserve("i49", TEMPLATE, servers, Set.of());
    assertThat(none.server()).isEmpty();
    assertThat(none.counts()).isEqualTo(new ServerReservations.Counts(50, 1, 49, 0, 0, 0));

    reservations.release("/hw/b05", "i4");
    assertThat(reserve("i50", servers)).isEqualTo("/hw/b05");
    clock.advance(Duration.ofSeconds(31));
    assertThat(reserve("i51", servers)).isEqualTo("/hw/b10");
  }

  @Test
  void concurrentReservationsNeverShareAServer() throws Exception {
    List<ServerView> servers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      servers.add(blade("b" + i, i % 2 == 0 ? "On" : "Off"));
    }
    List<Thread> threads = new ArrayList<>();
    List<String> chosen = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 8; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 12; i++) {
          reservations.reserve("i" + thread + "-" + i, TEMPLATE, servers, Set.of()).server()
              .ifPresent(s -> chosen.add(s.uri()));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(chosen).hasSize(96).doesNotHaveDuplicates();
  }

  private String reserve(String id, List<ServerView> servers) {
    return reservations.reserve(id, TEMPLATE, servers, Set.of()).server().orElseThrow().uri();
  }

  private static ServerView blade(String name, String power) {
    return new ServerView("/hw/" + name, name, "SN-" + name, "BL460c", "/sht/blade", "/eg/1", null,
        "NoProfileApplied", power, false, List.of());
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
