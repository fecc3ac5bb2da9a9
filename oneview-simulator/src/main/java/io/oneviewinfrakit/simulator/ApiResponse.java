package io.oneviewinfrakit.simulator;

import java.util.Map;

/** A status, headers and an already serialised JSON body (null for none). */
record ApiResponse(int status, Map<String, String> headers, String body) {
  static ApiResponse json(int status, Object doc) {
    return new ApiResponse(status, Map.of(), Json.write(doc));
  }

  static ApiResponse json(int status, Object doc, Map<String, String> headers) {
    return new ApiResponse(status, Map.copyOf(headers), Json.write(doc));
  }

  static ApiResponse empty(int status) {
    return new ApiResponse(status, Map.of(), null);
  }
}
