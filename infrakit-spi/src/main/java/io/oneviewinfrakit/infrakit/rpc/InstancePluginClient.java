package io.oneviewinfrakit.infrakit.rpc;

import com.squareup.moshi.JsonReader;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.InterfaceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.newsclub.net.unix.AFSocketFactory;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Drives any InfraKit instance plugin (Go or Java) through its socket, as InfraKit's own
 * {@code pkg/rpc/instance} client does: the result is just another {@link InstancePlugin}.
 *
 * <p>The first call handshakes ({@code Handshake.Hello}, falling back to {@code Handshake.Implements} for
 * plugins older than Instance 0.6.1) and fails with a {@link PluginException} when the plugin serves no
 * Instance version this client speaks (0.5.0, 0.6.0, 0.6.1) or not the requested type. A remote error
 * becomes a {@link PluginException} with the remote message; so does a transport failure, with its cause.
 *
 * <p>Thread-safe; close it to release connections.
 *
 * <p>For example:
 * <pre>{@code
 * try (InstancePluginClient plugin = InstancePluginClient.connect(Path.of("/root/.infrakit/plugins/instance-oneview"))) {
 *   InstanceId id = plugin.provision(InstanceSpec.builder()
 *       .properties("{\"TemplateName\":\"web\"}").tag("infrakit.group", "workers").build());
 *   plugin.describeInstances(Map.of("infrakit.group", "workers"), false);
 * }
 * }</pre>
 */
public final class InstancePluginClient implements InstancePlugin, AutoCloseable {
  /** Instance versions this client can speak, newest first. */
  static final List<String> SUPPORTED_VERSIONS = List.of("0.6.1", "0.6.0", "0.5.0");

  private static final MediaType JSON = MediaType.get("application/json");

  private final String target;
  private final String type;
  private final OkHttpClient http;
  private final HttpUrl url;

  private final Object handshakeLock = new Object();
  private volatile List<InterfaceSpec> interfaces;

  private InstancePluginClient(Builder b) {
    this.type = b.type;
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .protocols(List.of(Protocol.HTTP_1_1))
        .callTimeout(b.timeout)
        .readTimeout(Duration.ZERO)
        // Below Jetty's 30s idle timeout, so a pooled connection is rarely closed under us. 16 idle:
        // a group controller's burst of calls reuses most connections instead of reopening them.
        .connectionPool(new ConnectionPool(16, 10, TimeUnit.SECONDS));
    if (b.socket != null) {
      this.target = b.socket.toString();
      try {
        http.socketFactory(new AFSocketFactory.FixedAddressSocketFactory(AFUNIXSocketAddress.of(b.socket)));
      } catch (IOException e) {
        throw new IllegalArgumentException("not a usable Unix socket path: " + b.socket, e);
      }
      // The host name is never resolved: every connection goes to the socket.
      http.dns(host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})));
      this.url = HttpUrl.get("http://h/");
    } else {
      this.target = b.url.toString();
      this.url = new HttpUrl.Builder().scheme("http").host(b.url.getHost()).port(b.url.getPort()).build();
    }
    this.http = http.build();
  }

  /** A client for the default plugin ({@code Type ""}) on the socket at {@code socket}. No I/O happens yet. */
  public static InstancePluginClient connect(Path socket) {
    return builder().socket(socket).build();
  }

  /** A client for the typed plugin {@code type} on the socket at {@code socket} (group plugin name {@code NAME/type}). */
  public static InstancePluginClient connect(Path socket, String type) {
    return builder().socket(socket).type(type).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Instance interfaces the plugin advertises for this client's type; handshakes if not done yet. */
  public List<InterfaceSpec> interfaces() {
    List<InterfaceSpec> result = interfaces;
    if (result == null) {
      synchronized (handshakeLock) {
        result = interfaces;
        if (result == null) {
          result = handshake();
          interfaces = result;
        }
      }
    }
    return result;
  }

  private List<InterfaceSpec> handshake() {
    List<InterfaceSpec> offered;
    try {
      offered = hello();
    } catch (PluginException e) {
      if (!isUnknownMethod(e)) {
        throw e;
      }
      offered = implementsApis();
    }
    for (String version : SUPPORTED_VERSIONS) {
      if (offered.contains(new InterfaceSpec("Instance", version))) {
        return List.copyOf(offered);
      }
    }
    String seen = offered.stream().filter(i -> i.name().equals("Instance")).map(InterfaceSpec::version).toList().toString();
    throw new PluginException("plugin at " + target
        + (seen.equals("[]") ? " does not implement the Instance interface" + describeType()
            : " supports Instance interface versions " + seen + describeType() + ", client requires one of " + SUPPORTED_VERSIONS));
  }

  private String describeType() {
    return type.isEmpty() ? "" : " for type \"" + type + "\"";
  }

  private static boolean isUnknownMethod(PluginException e) {
    return e.code() == RpcError.METHOD_NOT_FOUND || String.valueOf(e.getMessage()).contains("can't find method")
        || String.valueOf(e.getMessage()).contains("can't find service");
  }

  /** {@code Objects} keys name/version, each listing object names; only entries holding our object count. */
  private List<InterfaceSpec> hello() {
    String result = call("Handshake.Hello", w -> w.beginObject().endObject());
    String wanted = type.isEmpty() ? "." : type;
    List<InterfaceSpec> specs = new ArrayList<>();
    try {
      InstanceCodec.readParams(result, (name, r) -> {
        if (!name.equals("objects")) {
          return false;
        }
        if (!Json.beginObject(r, "Objects")) {
          return true;
        }
        while (r.hasNext()) {
          String key = r.nextName();
          boolean found = false;
          if (r.peek() == JsonReader.Token.BEGIN_ARRAY) {
            r.beginArray();
            while (r.hasNext()) {
              String[] objectName = {null};
              if (r.peek() == JsonReader.Token.BEGIN_OBJECT) {
                InstanceCodec.readParams(Json.raw(r), (n, rr) -> {
                  if (n.equals("name")) {
                    objectName[0] = Json.stringOrNull(rr, "Name");
                    return true;
                  }
                  return false;
                });
              } else {
                r.skipValue();
              }
              found |= wanted.equals(objectName[0]);
            }
            r.endArray();
          } else {
            r.skipValue();
          }
          InterfaceSpec spec = parseKey(key);
          if (found && spec != null) {
            specs.add(spec);
          }
        }
        r.endObject();
        return true;
      });
    } catch (IOException | RpcError e) {
      throw new PluginException("plugin at " + target + " sent a malformed handshake: " + e.getMessage());
    }
    return specs;
  }

  private static InterfaceSpec parseKey(String key) {
    String[] parts = key.split("/", 3);
    return parts.length >= 2 ? new InterfaceSpec(parts[0], parts[1]) : null;
  }

  private List<InterfaceSpec> implementsApis() {
    String result = call("Handshake.Implements", w -> w.beginObject().endObject());
    List<InterfaceSpec> specs = new ArrayList<>();
    try {
      InstanceCodec.readParams(result, (name, r) -> {
        if (!name.equals("apis")) {
          return false;
        }
        if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
          r.skipValue();
          return true;
        }
        r.beginArray();
        while (r.hasNext()) {
          String[] nameAndVersion = {null, null};
          InstanceCodec.readParams(Json.raw(r), (n, rr) -> {
            if (n.equals("name")) {
              nameAndVersion[0] = Json.stringOrNull(rr, "Name");
              return true;
            }
            if (n.equals("version")) {
              nameAndVersion[1] = Json.stringOrNull(rr, "Version");
              return true;
            }
            return false;
          });
          if (nameAndVersion[0] != null && nameAndVersion[1] != null) {
            specs.add(new InterfaceSpec(nameAndVersion[0], nameAndVersion[1]));
          }
        }
        r.endArray();
        return true;
      });
    } catch (IOException | RpcError e) {
      throw new PluginException("plugin at " + target + " sent a malformed handshake: " + e.getMessage());
    }
    return specs;
  }

  @Override
  public void validate(RawJson properties) {
    Objects.requireNonNull(properties, "properties == null");
    instanceCall(InstanceCodec.VALIDATE, InstanceCodec.validateParams(type, properties));
  }

  @Override
  public InstanceId provision(InstanceSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    String result = instanceCall(InstanceCodec.PROVISION, InstanceCodec.provisionParams(type, spec));
    return decode(() -> InstanceCodec.readProvisionResult(result));
  }

  @Override
  public void label(InstanceId id, Map<String, String> labels) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(labels, "labels == null");
    instanceCall(InstanceCodec.LABEL, InstanceCodec.labelParams(type, id, new LinkedHashMap<>(labels)));
  }

  @Override
  public void destroy(InstanceId id, DestroyContext context) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(context, "context == null");
    instanceCall(InstanceCodec.DESTROY, InstanceCodec.destroyParams(type, id, context));
  }

  @Override
  public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
    Objects.requireNonNull(tags, "tags == null");
    String result = instanceCall(InstanceCodec.DESCRIBE, InstanceCodec.describeParams(type, tags, properties));
    return List.copyOf(decode(() -> InstanceCodec.readDescribeResult(result)));
  }

  private interface Decoding<T> {
    T decode() throws IOException, RpcError;
  }

  private <T> T decode(Decoding<T> decoding) {
    try {
      return decoding.decode();
    } catch (RpcError e) {
      throw new PluginException(e.code(), e.getMessage(), null);
    } catch (IOException e) {
      throw new PluginException("plugin at " + target + " sent a malformed result: " + e.getMessage(), e);
    }
  }

  private String instanceCall(String method, Json.Body params) {
    interfaces();
    return call(method, params);
  }

  /** One JSON-RPC call; returns the result's JSON text. */
  String call(String method, Json.Body params) {
    long id = ThreadLocalRandom.current().nextLong() >>> 1; // as Go's uint64(rand.Int63())
    byte[] body;
    try {
      body = JsonRpc.request(method, params, id);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a memory buffer failed", e);
    }
    okhttp3.Request request = new okhttp3.Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    byte[] answer;
    int status;
    try (Response response = http.newCall(request).execute()) {
      status = response.code();
      ResponseBody responseBody = response.body();
      answer = responseBody == null ? new byte[0] : responseBody.bytes();
    } catch (IOException e) {
      throw new PluginException("cannot call " + method + " on plugin at " + target + ": " + e.getMessage(), e);
    }
    try {
      return JsonRpc.parseResponse(answer);
    } catch (RpcError e) {
      String message = e.code() == RpcError.PARSE_ERROR && status != 200
          ? "plugin at " + target + " answered " + method + " with HTTP " + status
          : e.getMessage();
      throw new PluginException(e.code(), message, null);
    }
  }

  /** Releases pooled connections and threads. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "InstancePluginClient[" + target + (type.isEmpty() ? "" : " type " + type) + "]";
  }

  /** Configures an {@link InstancePluginClient}: exactly one of {@code socket} or {@code url}. */
  public static final class Builder {
    private Path socket;
    private URI url;
    private String type = "";
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The plugin's Unix socket. */
    public Builder socket(Path socket) {
      this.socket = Objects.requireNonNull(socket, "socket == null");
      return this;
    }

    /** A TCP plugin, as its {@code NAME.listen} file advertises it: {@code tcp://host:port} (or {@code http://}). */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url == null");
      URI u = URI.create(url.trim());
      if (!"tcp".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 0) {
        throw new IllegalArgumentException("expected tcp://host:port, not " + url);
      }
      this.url = u;
      return this;
    }

    /** The sub-type to address ({@code Type} on the wire); {@code ""}, the default plugin, by default. */
    public Builder type(String type) {
      this.type = Objects.requireNonNull(type, "type == null");
      return this;
    }

    /** Per-call timeout, 30s by default (InfraKit's own client uses 15s). */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("timeout < 0");
      }
      this.timeout = timeout;
      return this;
    }

    public InstancePluginClient build() {
      if ((socket == null) == (url == null)) {
        throw new IllegalStateException("exactly one of socket or url required");
      }
      return new InstancePluginClient(this);
    }
  }
}
