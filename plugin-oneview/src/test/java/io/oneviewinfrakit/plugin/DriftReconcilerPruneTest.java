package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftReconcilerPruneTest {

  private static final String ID = "ov-0123456789abcdef";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private final DriftReconciler drift = new DriftReconciler(Clock.fixed(T0, ZoneOffset.UTC),
      Duration.ZERO, Runnable::run, taskUri -> null);

  @Test
  void aProfileUnassignedAndThenDeletedIsForgotten() {
    pass(inventory("/rest/server-hardware/1"));
    pass(inventory(null)); // unassigned by someone else: reported Lost, no longer on a server
    assertThat(drift.rememberedInstances()).containsExactly(ID);

    pass(new Inventory(3, T0, List.of(), Map.of(), Map.of(), Map.of(), 0)); // then deleted

    assertThat(drift.rememberedInstances()).isEmpty();
  }

  private void pass(Inventory inventory) {
    drift.reconcile(inventory, id -> true, id -> false);
  }

  private static Inventory inventory(String serverUri) {
    Map<String, Inventory.OwnedProfile> owned = Map.of(ID, new Inventory.OwnedProfile(
        new ProfileView("/rest/server-profiles/1", "infrakit-" + ID, null, "Normal", "OK", serverUri,
            "/rest/server-profile-templates/1", null),
        new Envelope("default", ID, null, Map.of(), true)));
    return new Inventory(1, T0, List.of(), Map.of(), owned, Map.of(), 1);
  }
}
