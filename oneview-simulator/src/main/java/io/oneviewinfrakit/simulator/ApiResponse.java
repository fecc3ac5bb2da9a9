package io.oneviewinfrakit.simulator;

import java.util.Map;

/**
 * A status, headers and a body: JSON text as UTF-8 bytes ({@code text}), or a {@code snapshot} to
 * be written as JSON text after the appliance's lock is let go; neither for no body. Never
 * modified.
 *
 * <p>Writing a listing's text is most of its cost; a snapshot lets answers be written side by side,
 * as an appliance serves reads in parallel, instead of one at a time under the lock. A snapshot's
 * tree may hold only {@link Frozen} values and maps and lists made for this answer alone, so no
 * later change can reach it.
 */
record ApiResponse(int status, Map<String, String> headers, byte[] text, Object snapshot) {
  ApiResponse {
    if (text != null && snapshot != null) throw new IllegalArgumentException("both text and a snapshot");
  }

  /** {@code doc} written as text now: it may be live state, which changes once the lock is let go. */
  static ApiResponse json(int status, Object doc) {
    return text(status, Map.of(), Json.writeBytes(doc));
  }

  static ApiResponse json(int status, Object doc, Map<String, String> headers) {
    return text(status, Map.copyOf(headers), Json.writeBytes(doc));
  }

  /** {@code tree} written as text later, outside the lock: see {@link ApiResponse}. */
  static ApiResponse snapshot(int status, Object tree, Map<String, String> headers) {
    return new ApiResponse(status, Map.copyOf(headers), null, tree);
  }

  static ApiResponse text(int status, Map<String, String> headers, byte[] text) {
    return new ApiResponse(status, headers, text, null);
  }

  static ApiResponse empty(int status) {
    return new ApiResponse(status, Map.of(), null, null);
  }

  /** This answer with {@code headers} instead of its own. */
  ApiResponse withHeaders(Map<String, String> headers) {
    return new ApiResponse(status, Map.copyOf(headers), text, snapshot);
  }

  /** This answer with its snapshot written as text. */
  ApiResponse written() {
    return snapshot == null ? this : text(status, headers, Json.writeBytes(snapshot));
  }

  /** The body as UTF-8 bytes (a snapshot written now); null for none. */
  byte[] body() {
    return written().text();
  }
}
