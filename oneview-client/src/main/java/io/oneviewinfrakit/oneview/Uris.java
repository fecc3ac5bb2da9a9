package io.oneviewinfrakit.oneview;

import java.util.Objects;

/** Checks resource URIs given by callers. Stateless. */
final class Uris {
  private Uris() {}

  static String check(String uri, String name) {
    Objects.requireNonNull(uri, name + " == null");
    if (!uri.startsWith("/") && !uri.startsWith("http://") && !uri.startsWith("https://")) {
      throw new IllegalArgumentException(
          name + " is not a OneView resource URI such as /rest/server-hardware/{id}: \"" + uri + "\"");
    }
    return uri;
  }
}
