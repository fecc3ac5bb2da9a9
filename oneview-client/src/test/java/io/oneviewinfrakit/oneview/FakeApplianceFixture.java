package io.oneviewinfrakit.oneview;

import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Serves a fresh {@link FakeAppliance} from a {@link MockWebServer} around each test, for the tests
 * that script the appliance's answers. Subclasses' own {@code @BeforeEach} methods run after the
 * server started.
 */
abstract class FakeApplianceFixture {
  final MockWebServer server = new MockWebServer();
  final FakeAppliance appliance = new FakeAppliance();

  @BeforeEach
  void startAppliance() throws Exception {
    configure(server);
    server.setDispatcher(appliance);
    server.start();
  }

  /** Runs before the server starts, for settings it only reads then (such as HTTPS). */
  void configure(MockWebServer server) throws Exception {}

  @AfterEach
  void stopAppliance() throws Exception {
    server.shutdown();
  }
}
