package io.oneviewinfrakit.infrakit.rpc;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.Locale;
import okio.Buffer;

/**
 * The JSON-RPC 2.0 envelope as gorilla's {@code json2} codec speaks it. Request ids are kept as their
 * exact JSON text: the Go client sends unsigned 63-bit integers that a double would round.
 */
final class JsonRpc {
  private JsonRpc() {}

  static final String NULL_ID = "null";

  /**
   * A parsed request envelope.
   *
   * @param method the method name
   * @param params the params value's exact text, or {@code null} when absent
   * @param id the id's exact text ({@code null} literal when absent)
   */
  record Request(String method, String params, String id) {}

  /** An envelope that could not be accepted; carries the id when it was read before the problem. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final RpcError error;
    final String id;

    BadRequest(RpcError error, String id) {
      super(error.getMessage(), null, false, false);
      this.error = error;
      this.id = id;
    }
  }

  static Request parseRequest(byte[] body) throws BadRequest {
    // Validate the whole document first: Moshi's nextSource() captures nested values without checking them.
    String problem = Json.syntaxProblem(new Buffer().write(body));
    if (problem != null) {
      throw new BadRequest(new RpcError(RpcError.PARSE_ERROR, "parse error: " + problem), NULL_ID);
    }
    String method = null;
    String params = null;
    String id = NULL_ID;
    String version = null;
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      JsonReader.Token top = reader.peek();
      if (top == JsonReader.Token.BEGIN_ARRAY) {
        throw new BadRequest(new RpcError(RpcError.INVALID_REQUEST, "invalid request: batch requests are not supported"), NULL_ID);
      }
      if (top != JsonReader.Token.BEGIN_OBJECT) {
        throw new BadRequest(new RpcError(RpcError.INVALID_REQUEST,
            "invalid request: expected a JSON object, not " + Json.describe(top)), NULL_ID);
      }
      reader.beginObject();
      String idProblem = null;
      String methodProblem = null;
      while (reader.hasNext()) {
        switch (reader.nextName().toLowerCase(Locale.ROOT)) {
          case "jsonrpc":
            if (reader.peek() == JsonReader.Token.STRING) {
              version = reader.nextString();
            } else {
              version = null;
              reader.skipValue();
            }
            break;
          case "method":
            if (reader.peek() == JsonReader.Token.STRING) {
              method = reader.nextString();
            } else {
              methodProblem = "method must be a string, not " + Json.describe(reader.peek());
              reader.skipValue();
            }
            break;
          case "params":
            params = Json.raw(reader);
            if (params.equals("null")) {
              params = null;
            }
            break;
          case "id":
            JsonReader.Token t = reader.peek();
            if (t == JsonReader.Token.STRING || t == JsonReader.Token.NUMBER || t == JsonReader.Token.NULL) {
              id = Json.raw(reader);
            } else {
              idProblem = "id must be a string, a number or null, not " + Json.describe(t);
              reader.skipValue();
            }
            break;
          default:
            reader.skipValue();
        }
      }
      reader.endObject();
      if (idProblem != null) {
        throw new BadRequest(new RpcError(RpcError.INVALID_REQUEST, "invalid request: " + idProblem), NULL_ID);
      }
      if (!"2.0".equals(version)) {
        throw new BadRequest(new RpcError(RpcError.INVALID_REQUEST, "invalid request: jsonrpc must be \"2.0\""), id);
      }
      if (methodProblem != null) {
        throw new BadRequest(new RpcError(RpcError.INVALID_REQUEST, "invalid request: " + methodProblem), id);
      }
      if (method == null || method.isEmpty()) {
        throw new BadRequest(new RpcError(RpcError.INVALID_REQUEST, "invalid request: missing method"), id);
      }
      if (params != null) {
        char first = params.charAt(0);
        if (first != '{' && first != '[') {
          throw new BadRequest(RpcError.invalidParams("params must be an object or an array"), id);
        }
      }
      return new Request(method, params, id);
    } catch (IOException | JsonDataException e) {
      // Unreachable after the syntax check, but a parse error is the honest answer if it ever happens.
      throw new BadRequest(new RpcError(RpcError.PARSE_ERROR, "parse error: " + e.getMessage()), NULL_ID);
    }
  }

  static byte[] result(String id, Json.Body result) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter w = Json.writer(buffer)) {
      w.beginObject().name("jsonrpc").value("2.0").name("result");
      result.write(w);
      w.name("id");
      Json.writeRaw(w, id);
      w.endObject();
    }
    return buffer.readByteArray();
  }

  static byte[] error(String id, int code, String message) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = Json.writer(buffer)) {
      w.beginObject().name("jsonrpc").value("2.0");
      w.name("error").beginObject()
          .name("code").value(code)
          .name("message").value(message)
          .name("data").nullValue()
          .endObject();
      w.name("id");
      Json.writeRaw(w, id);
      w.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a memory buffer failed", e);
    }
    return buffer.readByteArray();
  }

  static byte[] request(String method, Json.Body params, long id) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter w = Json.writer(buffer)) {
      w.beginObject().name("jsonrpc").value("2.0").name("method").value(method).name("params");
      params.write(w);
      w.name("id").value(id);
      w.endObject();
    }
    return buffer.readByteArray();
  }

  /**
   * Reads a response's result text; a JSON-RPC error or a null result (Go's {@code ErrNullResult}) becomes
   * an {@link RpcError}.
   */
  static String parseResponse(byte[] body) throws RpcError {
    String problem = Json.syntaxProblem(new Buffer().write(body));
    if (problem != null) {
      throw new RpcError(RpcError.PARSE_ERROR, "plugin sent a response that is not JSON: " + problem);
    }
    String result = null;
    RpcError error = null;
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new RpcError(RpcError.PARSE_ERROR, "plugin sent a response that is not a JSON object");
      }
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName().toLowerCase(Locale.ROOT)) {
          case "result":
            result = Json.raw(reader);
            break;
          case "error":
            error = readError(reader);
            break;
          default:
            reader.skipValue();
        }
      }
      reader.endObject();
    } catch (IOException | JsonDataException e) {
      throw new RpcError(RpcError.PARSE_ERROR, "plugin sent a malformed response: " + e.getMessage());
    }
    if (error != null) {
      throw error;
    }
    if (result == null || result.equals("null")) {
      throw new RpcError(RpcError.SERVER_ERROR, "result is null");
    }
    return result;
  }

  private static RpcError readError(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return null;
    }
    if (reader.peek() == JsonReader.Token.STRING) {
      // JSON-RPC 1.0 style servers put the message straight in "error".
      return new RpcError(RpcError.SERVER_ERROR, reader.nextString());
    }
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      return new RpcError(RpcError.SERVER_ERROR, "plugin error: " + Json.raw(reader));
    }
    int code = RpcError.SERVER_ERROR;
    String message = "";
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName().toLowerCase(Locale.ROOT);
      if (name.equals("code") && reader.peek() == JsonReader.Token.NUMBER) {
        try {
          code = reader.nextInt();
        } catch (JsonDataException e) {
          reader.skipValue();
        }
      } else if (name.equals("message") && reader.peek() == JsonReader.Token.STRING) {
        message = reader.nextString();
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return new RpcError(code, message);
  }
}
