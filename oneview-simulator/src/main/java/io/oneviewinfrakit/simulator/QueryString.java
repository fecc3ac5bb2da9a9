package io.oneviewinfrakit.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw query string split into parameters, keeping each parameter's text as sent so collection
 * page URIs can echo it unchanged.
 */
record QueryString(List<Param> params) {
  /** One {@code name=value} pair: decoded and as sent. */
  record Param(String name, String value, String raw) {}

  static QueryString parse(String raw) {
    List<Param> params = new ArrayList<>();
    if (raw != null && !raw.isEmpty()) {
      for (String part : raw.split("&")) {
        if (part.isEmpty()) {
          continue;
        }
        int eq = part.indexOf('=');
        String name = decode(eq < 0 ? part : part.substring(0, eq));
        String value = eq < 0 ? "" : decode(part.substring(eq + 1));
        params.add(new Param(name, value, part));
      }
    }
    return new QueryString(List.copyOf(params));
  }

  List<String> all(String name) {
    return params.stream().filter(p -> p.name().equals(name)).map(Param::value).toList();
  }

  String first(String name) {
    return params.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst().orElse(null);
  }

  /**
   * Percent-decoding that accepts both {@code +} and {@code %20} for spaces, and leaves a
   * {@code %} not followed by two hex digits as is: clients send raw {@code %} wildcards in
   * {@code matches} filters.
   */
  static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%' && i + 2 < s.length()
          && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
