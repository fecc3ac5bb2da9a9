package io.oneviewinfrakit.infrakit.rpc;

/** A JSON-RPC error to send back (server) or that came back (client), without a stack trace of its own. */
final class RpcError extends Exception {
  private static final long serialVersionUID = 1L;

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  /** JSON-RPC's code for an unknown method; Go plugins send {@link #SERVER_ERROR} instead, and so do we. */
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int SERVER_ERROR = -32000;

  private final int code;

  RpcError(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }

  static RpcError invalidParams(String message) {
    return new RpcError(INVALID_PARAMS, "invalid params: " + message);
  }
}
