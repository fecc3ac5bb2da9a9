package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InterfaceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against plugins of each InfraKit era, played by a scripted server answering as the Go
 * plugins did (text/plain content type included).
 */
class OlderPluginHandshakeTest {
  private static final Pattern METHOD = Pattern.compile("\"method\":\"([^\"]+)\"");
  private final TempPluginsDir dir = new TempPluginsDir();
  private final List<String> methods = new CopyOnWriteArrayList<>();
  private Server server;

  @AfterEach
  void stop() throws Exception {
    server.stop();
    dir.close();
  }

  /** Serves {@code results} by method; other methods get gorilla's "can't find method" error. */
  private InstancePluginClient scripted(Map<String, String> results) throws Exception {
    server = new Server();
    UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
    connector.setUnixDomainPath(dir.resolve("go"));
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Matcher m = METHOD.matcher(body);
        String method = m.find() ? m.group(1) : "";
        methods.add(method);
        String result = results.get(method);
        String answer = result != null
            ? "{\"jsonrpc\":\"2.0\",\"result\":" + result + ",\"id\":1}"
            : "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"rpc: can't find method \\\"" + method
                + "\\\"\",\"data\":null},\"id\":1}";
        response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    });
    server.start();
    return InstancePluginClient.connect(dir.resolve("go"));
  }

  private static final String DESCRIBE = "{\"Type\":\"\",\"Descriptions\":[{\"ID\":\"i-1\",\"LogicalID\":null,\"Tags\":{\"a\":\"b\"}}]}";

  @Test
  void instance061PluginIsDrivenAfterHello() throws Exception {
    try (InstancePluginClient c = scripted(Map.of(
        "Handshake.Hello", "{\"Objects\":{\"Instance/0.6.1\":[{\"Name\":\".\",\"ProxyFor\":\"\"}]}}",
        "Instance.DescribeInstances", DESCRIBE))) {
      assertThat(c.describeInstances(Map.of(), false))
          .containsExactly(InstanceDescription.of(InstanceId.of("i-1"), Map.of("a", "b")));
      assertThat(methods).containsExactly("Handshake.Hello", "Instance.DescribeInstances");
    }
  }

  @Test
  void instance060PluginIsDrivenAfterFallingBackToImplements() throws Exception {
    try (InstancePluginClient c = scripted(Map.of(
        "Handshake.Implements", "{\"APIs\":[{\"Name\":\"Instance\",\"Version\":\"0.6.0\",\"Sub\":\"\"}]}",
        "Instance.DescribeInstances", DESCRIBE))) {
      assertThat(c.describeInstances(Map.of(), true)).hasSize(1);
      assertThat(c.interfaces()).containsExactly(new InterfaceSpec("Instance", "0.6.0"));
      assertThat(methods).containsExactly("Handshake.Hello", "Handshake.Implements", "Instance.DescribeInstances");
    }
  }

  @Test
  void instance050PluginIsDriven() throws Exception {
    try (InstancePluginClient c = scripted(Map.of(
        "Handshake.Implements", "{\"APIs\":[{\"Name\":\"Instance\",\"Version\":\"0.5.0\"}]}",
        "Instance.DescribeInstances", "{\"Type\":\"\",\"Descriptions\":null}"))) {
      assertThat(c.describeInstances(Map.of(), false)).isEmpty();
    }
  }

  @Test
  void instance030PluginIsRefusedWithTheVersionsInvolved() throws Exception {
    try (InstancePluginClient c = scripted(Map.of(
        "Handshake.Implements", "{\"APIs\":[{\"Name\":\"Instance\",\"Version\":\"0.3.0\"}]}"))) {
      assertThatThrownBy(() -> c.describeInstances(Map.of(), false))
          .isInstanceOf(PluginException.class)
          .hasMessage("plugin at " + dir.resolve("go") + " supports Instance interface versions [0.3.0], "
              + "client requires one of [0.6.1, 0.6.0, 0.5.0]");
      assertThat(methods).doesNotContain("Instance.DescribeInstances");
    }
  }

  @Test
  void nullResultIsAnErrorAsInGo() throws Exception {
    try (InstancePluginClient c = scripted(Map.of(
        "Handshake.Hello", "{\"Objects\":{\"Instance/0.6.1\":[{\"Name\":\".\",\"ProxyFor\":\"\"}]}}",
        "Instance.Provision", "null"))) {
      assertThatThrownBy(() -> c.provision(io.oneviewinfrakit.infrakit.spi.InstanceSpec.builder().build()))
          .isInstanceOf(PluginException.class).hasMessage("result is null");
    }
  }
}
