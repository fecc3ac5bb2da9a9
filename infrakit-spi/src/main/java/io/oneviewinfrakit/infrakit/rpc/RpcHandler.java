package io.oneviewinfrakit.infrakit.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * HTTP side of the plugin: {@code POST /} carries JSON-RPC, {@code GET /info/api.json} the metadata,
 * {@code GET /info/functions.json} the (empty) template functions, anything else is 404/405. Refusals on
 * {@code /} are the ones InfraKit's gorilla server sends (status and plain-text body), so scripts written
 * against a Go plugin see the same answers. Blocking on purpose: plugin calls may block, and Jetty then runs each request
 * on its own pool thread so a slow call never holds up others.
 */
final class RpcHandler extends Handler.Abstract {
  private final Dispatcher dispatcher;
  private final int maxRequestBytes;

  RpcHandler(Dispatcher dispatcher, int maxRequestBytes) {
    super(InvocationType.BLOCKING);
    this.dispatcher = dispatcher;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (path.equals("/")) {
      if (!request.getMethod().equals("POST")) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        sendText(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
            "rpc: POST method required, received " + request.getMethod());
        return true;
      }
      String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (!isJson(contentType)) {
        // gorilla picks its codec by media type; curl's default form encoding is the usual cause.
        sendText(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
            "rpc: unrecognized Content-Type: " + mediaType(contentType));
        return true;
      }
      byte[] body = readBody(request);
      byte[] answer = body == null
          ? JsonRpc.error(JsonRpc.NULL_ID, RpcError.INVALID_REQUEST,
              "invalid request: body exceeds " + maxRequestBytes + " bytes")
          : dispatcher.serve(body);
      send(response, callback, answer);
      return true;
    }
    if (path.equals("/info/api.json")) {
      if (!request.getMethod().equals("GET")) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET");
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return true;
      }
      send(response, callback, dispatcher.info());
      return true;
    }
    if (path.equals("/info/functions.json")) {
      if (!request.getMethod().equals("GET")) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET");
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return true;
      }
      // `infrakit <plugin> info template` reads this; a Java plugin exports no template functions.
      send(response, callback, FUNCTIONS);
      return true;
    }
    return false; // Jetty answers 404
  }

  /** Template functions by exporting object, as Go plugins list them: none beyond the empty base. */
  static final byte[] FUNCTIONS = "{\"base\":[]}".getBytes(StandardCharsets.UTF_8);

  /**
   * Whether the request's media type selects the JSON codec. No Content-Type at all is JSON too: gorilla
   * falls back to its only codec then.
   */
  static boolean isJson(String contentType) {
    String media = mediaType(contentType);
    return media.isEmpty() || media.equalsIgnoreCase("application/json");
  }

  /** The media type without parameters ({@code ; charset=...}), as gorilla compares it. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
  }

  private static void sendText(Response response, Callback callback, int status, String text) {
    byte[] body = Dispatcher.printable(text).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static void send(Response response, Callback callback, byte[] body) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * The body, or null when it is larger than the limit. An oversized body is still read and discarded up to
   * a bound, so the client gets its error response and keeps the connection; beyond that bound Jetty drops
   * the connection rather than let a hostile client make us read forever.
   */
  private byte[] readBody(Request request) throws IOException {
    long drainLimit = 16L * maxRequestBytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      long declared = request.getLength();
      if (declared > maxRequestBytes) {
        if (declared <= drainLimit) {
          drain(in, drainLimit);
        }
        return null;
      }
      byte[] body = in.readNBytes(maxRequestBytes + 1);
      if (body.length > maxRequestBytes) {
        drain(in, drainLimit);
        return null;
      }
      return body;
    }
  }

  private static void drain(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long read = 0;
    int n;
    while (read < limit && (n = in.read(buffer)) >= 0) {
      read += n;
    }
  }
}
