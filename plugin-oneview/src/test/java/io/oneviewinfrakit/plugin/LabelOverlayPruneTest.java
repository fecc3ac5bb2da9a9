package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule for Label overlays, the same as for in-flight and hidden entries: an overlay goes only when
 * a listing that started after ITS OWN write finished shows ITS tags (or no longer lists the instance,
 * or the listing grace passed), and an earlier Label's bookkeeping never touches a later overlay.
 */
class LabelOverlayPruneTest {

  private static final String ID = "ov-aaaaaaaaaaaaaaaa";
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private final InstanceRegistry registry = new InstanceRegistry();
  private final ServerReservations reservations = new ServerReservations(Clock.systemUTC());

  @Test
  void anOverlayStaysUntilAListingStartedAfterItsWriteFinishedShowsItsTags() {
    InstanceRegistry.LabelOverlay first = new InstanceRegistry.LabelOverlay(Map.of("l", "first"));
    registry.labelOverlays.put(ID, first);
    first.written(1, T0);
    InstanceRegistry.LabelOverlay second = new InstanceRegistry.LabelOverlay(Map.of("l", "second"));
    registry.labelOverlays.put(ID, second);

    // Listings that show the first label, even ones started after the first write finished, and
    // any listing while the second write's task still runs: the second overlay stays.
    prune(2, Map.of("l", "first"));
    prune(3, Map.of("l", "second"));
    assertThat(registry.labelOverlays).containsEntry(ID, second);

    second.written(3, T0.plusSeconds(1)); // refresh 3 started before this write finished
    prune(3, Map.of("l", "second"));
    prune(4, Map.of("l", "first")); // started after, but shows an older label
    assertThat(registry.labelOverlays).containsEntry(ID, second);

    prune(5, Map.of("l", "second"));
    assertThat(registry.labelOverlays).isEmpty();
  }

  @Test
  void anOverlayGoesOnceTheInstanceIsNoLongerListedOrTheGraceHasPassed() {
    InstanceRegistry.LabelOverlay overlay = new InstanceRegistry.LabelOverlay(Map.of("l", "mine"));
    registry.labelOverlays.put(ID, overlay);
    overlay.written(1, T0);
    prune(2, Map.of("l", "someone else's"), T0.plusSeconds(10));
    assertThat(registry.labelOverlays).containsEntry(ID, overlay);
    prune(3, Map.of("l", "someone else's"), T0.plus(GRACE).plusSeconds(1));
    assertThat(registry.labelOverlays).isEmpty();

    registry.labelOverlays.put(ID, overlay);
    registry.prune(inventory(4, T0.plusSeconds(1), null), reservations, GRACE);
    assertThat(registry.labelOverlays).isEmpty();
  }

  @Test
  void anEarlierLabelsFailureDropsOnlyItsOwnOverlayEvenWithTheSameTags() {
    InstanceRegistry.LabelOverlay earlier = new InstanceRegistry.LabelOverlay(Map.of("l", "same"));
    InstanceRegistry.LabelOverlay later = new InstanceRegistry.LabelOverlay(Map.of("l", "same"));
    registry.labelOverlays.put(ID, earlier);
    registry.labelOverlays.put(ID, later);
    registry.labelOverlays.remove(ID, earlier); // what a failed await of the earlier Label does
    assertThat(registry.labelOverlays).containsEntry(ID, later);
  }

  private void prune(long seq, Map<String, String> listedTags) {
    prune(seq, listedTags, T0.plusSeconds(1));
  }

  private void prune(long seq, Map<String, String> listedTags, Instant startedAt) {
    registry.prune(inventory(seq, startedAt, listedTags), reservations, GRACE);
  }

  private static Inventory inventory(long seq, Instant startedAt, Map<String, String> tags) {
    Map<String, Inventory.OwnedProfile> owned = tags == null ? Map.of() : Map.of(ID,
        new Inventory.OwnedProfile(new ProfileView("/rest/server-profiles/1", "infrakit-" + ID, null,
            "Normal", "OK", "/rest/server-hardware/1", "/rest/server-profile-templates/1", null),
            new Envelope("default", ID, null, tags, true)));
    return new Inventory(seq, startedAt, List.of(), Map.of(), owned, Map.of(), 1);
  }
}
