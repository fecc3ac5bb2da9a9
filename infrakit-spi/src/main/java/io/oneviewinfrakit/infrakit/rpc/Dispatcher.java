package io.oneviewinfrakit.infrakit.rpc;

import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InputExample;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.infrakit.spi.Vendor;
import io.oneviewinfrakit.infrakit.spi.VendorInfo;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JSON-RPC calls to the handshake and to the plugin registered for the request's {@code Type}
 * (gorilla's service map plus {@code pkg/rpc/instance/service.go}); turns every failure into a JSON-RPC
 * error whose message is the exception's message, never its stack trace.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(PluginServer.class);

  /** Every Instance version whose payload we serve: 0.6.1 adds nothing to 0.6.0 but the handshake, 0.5.0 lacks Context. */
  static final List<String> VERSIONS = List.of("0.5.0", "0.6.0", "0.6.1");

  private final String name;
  private final Map<String, InstancePlugin> plugins; // "" = default plugin; insertion order kept

  Dispatcher(String name, Map<String, InstancePlugin> plugins) {
    this.name = name;
    this.plugins = plugins;
  }

  /** Serves one request body; always returns a JSON-RPC response body. */
  byte[] serve(byte[] body) {
    long start = System.nanoTime();
    JsonRpc.Request request;
    try {
      request = JsonRpc.parseRequest(body);
    } catch (JsonRpc.BadRequest bad) {
      log.warn("{}: rejected request: {}", name, printable(bad.error.getMessage()));
      return JsonRpc.error(bad.id, bad.error.code(), bad.error.getMessage());
    }
    String type = "";
    String method = printable(request.method());
    try {
      type = request.method().startsWith("Instance.") ? InstanceCodec.typeOf(request.params()) : "";
      byte[] response = JsonRpc.result(request.id(), call(request, type));
      if (log.isDebugEnabled()) {
        log.debug("{}: {} type=\"{}\" ok in {} ms", name, method, printable(type), millisSince(start));
      }
      return response;
    } catch (RpcError e) {
      log.warn("{}: {} type=\"{}\" failed in {} ms: {}", name, method, printable(type), millisSince(start),
          printable(e.getMessage()));
      return JsonRpc.error(request.id(), e.code(), e.getMessage());
    } catch (Throwable e) { // the plugin's own failure, whatever it is, must not kill the connection
      String message = messageOf(e);
      log.warn("{}: {} type=\"{}\" failed in {} ms: {}", name, method, printable(type), millisSince(start),
          printable(message));
      log.debug("{}: {} failure detail", name, method, e);
      return JsonRpc.error(request.id(), RpcError.SERVER_ERROR, message);
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * Text from a request (method, type, an error message quoting the caller's input) made safe for a
   * log line: control and line-separator characters escaped so no input can forge a log line, and
   * abbreviated so no input can flood the log.
   */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LOGGED_CHARS) + 16);
    int i = 0;
    for (; i < s.length() && out.length() < MAX_LOGGED_CHARS; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' || notText(s, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return i < s.length() ? out + "... (" + s.length() + " characters)" : out.toString();
  }

  /**
   * Whether the char at {@code i} is no text: a noncharacter (U+FFFE, U+FFFF, U+FDD0..U+FDEF) or half
   * of a broken surrogate pair. XML 1.0 forbids them, so one in a log line breaks XML log consumers.
   */
  static boolean notText(String s, int i) {
    char c = s.charAt(i);
    if (c == '\uFFFE' || c == '\uFFFF' || (c >= '\uFDD0' && c <= '\uFDEF')) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  /** Longest request-derived text one log line carries. */
  static final int MAX_LOGGED_CHARS = 1000;

  static String messageOf(Throwable e) {
    String m = e.getMessage();
    // A plugin that lets a JSON library's exception escape must not hand its hint to the caller.
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : Json.withoutLibraryHints(m);
  }

  private Json.Body call(JsonRpc.Request request, String type) throws IOException, RpcError {
    String params = request.params();
    switch (request.method()) {
      case "Handshake.Hello":
        return this::hello;
      case "Handshake.Implements":
        return this::implementsResult;
      case "Handshake.Types":
        return this::types;
      case InstanceCodec.VALIDATE: {
        InstanceCodec.ValidateRequest r = InstanceCodec.readValidate(params);
        plugin(type).validate(r.properties());
        return InstanceCodec.okResult(type);
      }
      case InstanceCodec.PROVISION: {
        InstanceCodec.ProvisionRequest r = InstanceCodec.readProvision(params);
        InstanceId id = plugin(type).provision(r.spec());
        if (id == null) {
          // A null ID crashes InfraKit's group controller (nil dereference in scaledGroup.CreateOne).
          throw new RpcError(RpcError.SERVER_ERROR, "plugin returned no instance ID");
        }
        return InstanceCodec.provisionResult(type, id);
      }
      case InstanceCodec.LABEL: {
        InstanceCodec.LabelRequest r = InstanceCodec.readLabel(params);
        plugin(type).label(r.instance(), r.labels());
        return InstanceCodec.okResult(type);
      }
      case InstanceCodec.DESTROY: {
        InstanceCodec.DestroyRequest r = InstanceCodec.readDestroy(params);
        plugin(type).destroy(r.instance(), r.context());
        return InstanceCodec.okResult(type);
      }
      case InstanceCodec.DESCRIBE: {
        InstanceCodec.DescribeRequest r = InstanceCodec.readDescribe(params);
        List<InstanceDescription> list = plugin(type).describeInstances(r.tags(), r.properties());
        if (list == null || list.stream().anyMatch(Objects::isNull)) {
          // Null is not "no instances": listing failures must be errors, or the group re-provisions everything.
          throw new RpcError(RpcError.SERVER_ERROR, "plugin returned no instance list");
        }
        return InstanceCodec.describeResult(type, list);
      }
      default:
        throw unknownMethod(request.method());
    }
  }

  /**
   * gorilla's answer to a method it does not serve: code -32000 (not JSON-RPC's -32601) and its three
   * messages, so a caller matching on a Go plugin's text gets the same here.
   */
  static RpcError unknownMethod(String method) {
    int dot = method.indexOf('.');
    if (dot < 0) {
      return new RpcError(RpcError.SERVER_ERROR, "rpc: service/method request ill-formed: \"" + method + "\"");
    }
    String service = method.substring(0, dot);
    if (!service.equals("Handshake") && !service.equals("Instance")) {
      return new RpcError(RpcError.SERVER_ERROR, "rpc: can't find service \"" + method + "\"");
    }
    return new RpcError(RpcError.SERVER_ERROR, "rpc: can't find method \"" + method + "\"");
  }

  private InstancePlugin plugin(String type) throws RpcError {
    InstancePlugin p = plugins.get(type);
    if (p == null) {
      throw new RpcError(RpcError.SERVER_ERROR, "no-plugin:" + type);
    }
    return p;
  }

  private static String objectName(String type) {
    return type.isEmpty() ? "." : type;
  }

  private void hello(JsonWriter w) throws IOException {
    w.beginObject().name("Objects").beginObject();
    for (String version : VERSIONS) {
      w.name("Instance/" + version).beginArray();
      for (String type : plugins.keySet()) {
        w.beginObject().name("Name").value(objectName(type)).name("ProxyFor").value("").endObject();
      }
      w.endArray();
    }
    w.endObject().endObject();
  }

  private void implementsResult(JsonWriter w) throws IOException {
    w.beginObject().name("APIs").beginArray();
    for (String version : VERSIONS) {
      w.beginObject().name("Name").value("Instance").name("Version").value(version).name("Sub").value("").endObject();
    }
    w.endArray().endObject();
  }

  private void types(JsonWriter w) throws IOException {
    w.beginObject().name("Types").beginObject();
    for (String version : VERSIONS) {
      w.name("Instance/" + version).beginArray();
      for (String type : plugins.keySet()) {
        w.value(objectName(type));
      }
      w.endArray();
    }
    w.endObject().endObject();
  }

  /** The metadata document of {@code GET /info/api.json} ({@code pkg/rpc/info.go}). */
  byte[] info() throws IOException {
    InstancePlugin main = plugins.getOrDefault("", plugins.values().iterator().next());
    Buffer buffer = new Buffer();
    try (JsonWriter w = Json.writer(buffer)) {
      w.setIndent("  ");
      w.beginObject().name("Vendor");
      if (main instanceof Vendor) {
        VendorInfo v = ((Vendor) main).vendorInfo();
        w.beginObject().name("Name").value(v.name()).name("Version").value(v.version()).name("URL").value(v.url()).endObject();
      } else {
        w.nullValue();
      }
      w.name("Implements").beginArray();
      for (String version : VERSIONS) {
        w.beginObject().name("Name").value("Instance").name("Version").value(version).endObject();
      }
      w.endArray();
      RawJson example = main instanceof InputExample ? ((InputExample) main).exampleProperties() : RawJson.EMPTY_OBJECT;
      w.name("Interfaces").beginArray().beginObject()
          .name("Name").value("Instance").name("Version").value(InstancePlugin.INTERFACE.version())
          .name("Methods").beginArray();
      method(w, InstanceCodec.VALIDATE, InstanceCodec.validateParams("", example));
      method(w, InstanceCodec.PROVISION, InstanceCodec.provisionParams("",
          InstanceSpec.builder().properties(example).build()));
      method(w, InstanceCodec.LABEL, InstanceCodec.labelParams("", new InstanceId("instance-id"), Map.of()));
      method(w, InstanceCodec.DESTROY, InstanceCodec.destroyParams("", new InstanceId("instance-id"),
          DestroyContext.TERMINATE));
      method(w, InstanceCodec.DESCRIBE, InstanceCodec.describeParams("", Map.of(), true));
      w.endArray().endObject().endArray();
      w.endObject();
    }
    return buffer.readByteArray();
  }

  private static void method(JsonWriter w, String method, Json.Body params) throws IOException {
    w.beginObject().name("Request").beginObject()
        .name("jsonrpc").value("2.0").name("method").value(method).name("params");
    params.write(w);
    // A string, as Go plugins write it: InfraKit's CLI decodes this id into a string field.
    w.name("id").value("1").endObject().endObject();
  }
}
