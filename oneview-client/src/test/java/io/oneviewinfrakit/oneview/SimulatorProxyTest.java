package io.oneviewinfrakit.oneview;

import static io.oneviewinfrakit.oneview.SimulatorSupport.TIMEOUT;
import static io.oneviewinfrakit.oneview.SimulatorSupport.sdk;
import static io.oneviewinfrakit.oneview.SimulatorSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK talking HTTPS to the simulator through an HTTP proxy ({@link TunnelProxy}): everything
 * goes through a CONNECT tunnel, the proxy sees nothing but the CONNECT head in cleartext, and a
 * proxy that refuses fails fast with an error saying so.
 */
final class SimulatorProxyTest {
  private OneViewSimulator sim;
  private TunnelProxy proxy;
  /** The session tokens the SDK sent, read inside the tunnel by a network interceptor. */
  private final Set<String> tokens = new CopyOnWriteArraySet<>();

  @BeforeEach
  void start() {
    sim = OneViewSimulator.builder().servers(2).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) proxy.close();
    sim.close();
  }

  private OneView.Builder throughProxy(TunnelProxy.Mode mode) throws Exception {
    proxy = TunnelProxy.start(mode);
    OkHttpClient base = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
      String token = chain.request().header("auth");
      if (token != null) tokens.add(token);
      return chain.proceed(chain.request());
    }).build();
    return sdk(sim).client(base).proxy(proxy.proxy());
  }

  private String simulatorHostPort() {
    URI url = URI.create(sim.url());
    return url.getHost() + ":" + url.getPort();
  }

  @Test
  void loginListingAndATaskGoThroughTheTunnelWithNoSecretInCleartext() throws Exception {
    try (OneView ov = throughProxy(TunnelProxy.Mode.TUNNEL).build()) {
      assertThat(ov.serverHardware().list()).hasSize(2);
      String created = ov.fcoeNetworks().create(FcoeNetwork.builder("FCoE-Proxy", 1002).build())
          .awaitResourceUri(TIMEOUT);
      assertThat(ov.fcoeNetworks().get(created).name()).isEqualTo("FCoE-Proxy");
    }

    assertThat(proxy.connects()).isNotEmpty().containsOnly(simulatorHostPort());
    assertThat(tokens).isNotEmpty();
    String carried = proxy.carried();
    assertThat(carried).startsWith("CONNECT " + simulatorHostPort() + " HTTP/1.1\r\n")
        .doesNotContain(sim.password())
        .doesNotContain("login-sessions")
        .doesNotContain("FCoE-Proxy");
    tokens.forEach(token -> assertThat(carried).doesNotContain(token));
  }

  @Test
  void aProxyAskingForCredentialsFailsTheLoginSayingSo() throws Exception {
    try (OneView ov = throughProxy(TunnelProxy.Mode.REFUSE).build()) {
      OneViewException failed = thrown(OneViewException.class, () -> ov.serverHardware().list());

      assertThat(failed).hasMessageContaining("the HTTP proxy did not open a tunnel to the appliance")
          .hasMessageContaining("Failed to authenticate with proxy").hasMessageNotContaining(sim.password());
    }
    assertThat(proxy.connects()).isNotEmpty().containsOnly(simulatorHostPort());
    assertThat(sim.requests().size()).isZero();
  }

  @Test
  void aProxyThatHangsUpFailsTheLoginSayingSo() throws Exception {
    try (OneView ov = throughProxy(TunnelProxy.Mode.HANG_UP).build()) {
      OneViewException failed = thrown(OneViewException.class, () -> ov.serverHardware().list());

      assertThat(failed).hasMessageContaining("the HTTP proxy did not open a tunnel to the appliance")
          .hasMessageNotContaining(sim.password());
    }
    assertThat(proxy.connects()).isNotEmpty().containsOnly(simulatorHostPort());
    assertThat(sim.requests().size()).isZero();
  }
}
