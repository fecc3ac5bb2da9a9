package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 2,000 servers and 2,000 profiles still list quickly (no per-request work worse than linear). */
class ScaleTest {
  @Test
  void twoThousandServersAndProfilesListResponsively() {
    try (OneViewSimulator sim = OneViewSimulator.builder().servers(2000).build().start()) {
      TestClient ov = new TestClient(sim).login();
      List<String> free = new ArrayList<>();
      for (ServerHardwareView hw : sim.serverHardware()) {
        sim.powerState(hw.uri(), "Off");
        free.add(hw.uri());
      }
      Map<String, Object> blade = ov.newProfile("Docker-Gen8-Template", "x", null);
      Map<String, Object> rack = ov.newProfile("Rack-DL360-Template", "x", null);
      for (int i = 0; i < free.size(); i++) {
        ServerHardwareView hw = sim.serverHardware().get(0);  // touch the views too
        assertThat(hw).isNotNull();
        Map<String, Object> body = new java.util.LinkedHashMap<>(i < 1500 ? blade : rack);
        body.put("name", "p-" + i);
        body.put("serverHardwareUri", free.get(i));
        assertThat(ov.post("/rest/server-profiles", body).code()).isEqualTo(202);
        if (i == 10) {
          break;  // the view above is O(n); the bulk goes below without it
        }
      }
      for (int i = 11; i < free.size(); i++) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(i < 1500 ? blade : rack);
        body.put("name", "p-" + i);
        body.put("serverHardwareUri", free.get(i));
        assertThat(ov.post("/rest/server-profiles", body).code()).isEqualTo(202);
      }
      ov.get("/rest/version");  // completes the last task

      long t0 = System.nanoTime();
      int profiles = 0;
      for (String next = "/rest/server-profiles?sort=name:desc"; next != null; ) {
        TestClient.Resp page = ov.get(next);
        profiles += page.members().size();
        next = page.string("nextPageUri");
      }
      int hardware = 0;
      for (String next = "/rest/server-hardware?filter=" + TestClient.enc("state='ProfileApplied'")
          + "&filter=" + TestClient.enc("name matches 'Encl%'"); next != null; ) {
        TestClient.Resp page = ov.get(next);
        hardware += page.members().size();
        next = page.string("nextPageUri");
      }
      TestClient.Resp byName = ov.get("/rest/server-profiles?filter=" + TestClient.enc("name='p-1999'"));
      long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

      assertThat(profiles).isEqualTo(2000);
      assertThat(hardware).isEqualTo(1500);
      assertThat(byName.members()).singleElement().satisfies(p -> assertThat(p.get("state")).isEqualTo("Normal"));
      // 32 + 47 pages of full documents; generous for 2 shared cores, far below an O(n^2) listing.
      assertThat(elapsedMs).isLessThan(15_000);
    }
  }
}
