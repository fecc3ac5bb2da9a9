package io.oneviewinfrakit.simulator;

import org.junit.jupiter.api.AfterEach;

/**
 * A simulator on a {@link ManualClock}, with a logged-in {@link TestClient}, closed after each test.
 * Tests start it themselves, so each can pick the inventory and settings it needs.
 */
abstract class SimulatorFixture {
  final ManualClock clock = new ManualClock();
  OneViewSimulator sim;
  TestClient ov;

  /** Starts {@code builder} on {@link #clock} and logs in. */
  void start(OneViewSimulator.Builder builder) {
    sim = builder.clock(clock).build().start();
    ov = new TestClient(sim).login();
  }

  /** Starts the eight-server inventory most tests are written against. */
  void start() {
    start(OneViewSimulator.builder().servers(8));
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }
}
