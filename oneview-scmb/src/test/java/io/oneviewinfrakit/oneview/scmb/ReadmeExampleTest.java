package io.oneviewinfrakit.oneview.scmb;

import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.oneview.OneView;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Compiles and runs the SCMB example of the README files (keep them in step). */
class ReadmeExampleTest {
  @Test
  void readmeExampleKeepsAProfileMapCurrent() throws Exception {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(4).scmb(true).build().start();
        OneView ov = OneView.builder().url(sim.url())
            .credentials(sim.username(), sim.password().toCharArray())
            .trust(sim.certificatePem()).build()) {
      CountDownLatch created = new CountDownLatch(1);

      // ---- the README example, with the simulator's port ----
      Map<String, String> profileStates = new ConcurrentHashMap<>();   // uri -> state
      Runnable reload = () -> {
        profileStates.clear();
        ov.serverProfiles().list().forEach(p -> profileStates.put(p.uri(), p.state()));
      };
      try (ScmbSubscriber scmb = ScmbSubscriber.builder()
          .oneView(ov)                                 // certificates come through REST
          .port(sim.scmbPort())                        // omit for a real appliance (5671)
          .categories("server-profiles", "server-hardware", "tasks")
          .listener(new ScmbListener() {
            @Override
            public void onEvent(ChangeEvent e) {
              if (e.category().equals("server-profiles")) {
                if (e.changeType() == ChangeType.DELETED) {
                  profileStates.remove(e.resourceUri());
                } else {
                  profileStates.put(e.resourceUri(), e.newState());
                }
                created.countDown(); // (test only)
              }
            }

            @Override
            public void onResyncNeeded() {             // the bus was down: events were lost
              reload.run();
            }
          })
          .build()
          .start()) {                                  // returns once events flow
        reload.run();                                  // then read the initial state
        // ---- end of the README example ----

        var template = ov.serverProfileTemplates().findByName("Docker-Gen8-Template").orElseThrow();
        ServerProfile p = ov.serverProfileTemplates().newProfile(template).withName("readme")
            .withServerHardwareUri(ov.serverHardware().freeCompatibleWith(template).get(0).uri());
        ov.tasks().await(ov.serverProfiles().create(p), Duration.ofSeconds(30));
        assertThat(created.await(20, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(profileStates).hasSize(1);
    }
  }
}
