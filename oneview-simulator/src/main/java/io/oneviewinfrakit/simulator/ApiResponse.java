package io.oneviewinfrakit.simulator;

import java.util.Map;

/** A status, headers and an already serialised JSON body as UTF-8 bytes (null for none). Never modified. */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {
  static ApiResponse json(int status, Object doc) {
    return new ApiResponse(status, Map.of(), Json.writeBytes(doc));
  }

  static ApiResponse json(int status, Object doc, Map<String, String> headers) {
    return new ApiResponse(status, Map.copyOf(headers), Json.writeBytes(doc));
  }

  static ApiResponse empty(int status) {
    return new ApiResponse(status, Map.of(), null);
  }
}
