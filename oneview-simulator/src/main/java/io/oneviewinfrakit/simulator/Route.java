package io.oneviewinfrakit.simulator;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A method and a path pattern: {@code *} is one path segment, a trailing {@code /**} any rest
 * (nothing included). Without {@code *} the path must be equal. Method {@code *} matches any.
 */
record Route(String method, String path, Pattern pattern) {
  static Route of(String method, String path) {
    if (method == null || method.isBlank() || path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("route needs a method and a path starting with /: "
          + method + " " + path);
    }
    return new Route(method.toUpperCase(Locale.ROOT), path, compile(path));
  }

  private static Pattern compile(String path) {
    StringBuilder regex = new StringBuilder();
    String rest = path;
    boolean anyTail = false;
    if (rest.endsWith("/**")) {
      rest = rest.substring(0, rest.length() - 3);
      anyTail = true;
    }
    String[] parts = rest.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append("[^/]+");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    if (anyTail) {
      regex.append("(?:/.*)?");
    }
    return Pattern.compile(regex.toString());
  }

  boolean matches(String requestMethod, String requestPath) {
    return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
        && pattern.matcher(requestPath).matches();
  }

  boolean matches(RecordedRequest request) {
    return matches(request.method(), request.path());
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
