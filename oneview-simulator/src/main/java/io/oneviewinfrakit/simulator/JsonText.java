package io.oneviewinfrakit.simulator;

import java.util.Map;

/**
 * Writes the simulator's JSON trees as compact text, byte for byte as Moshi's {@code JsonWriter}
 * with nulls serialised writes them ({@code JsonTextTest} holds the two to that). Listing 2,000
 * servers writes 5 MB of JSON per listing; Moshi's writer spent more CPU on its buffer segments
 * than on the text, and that CPU counted against every client's benchmark on the same machine.
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) out.append(',');
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        append(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof Iterable<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) out.append(',');
        first = false;
        append(out, item);
      }
      out.append(']');
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Number n) {
      number(out, n);
    } else {
      string(out, value.toString());
    }
  }

  /** As Moshi: NaN and infinities are not JSON. */
  private static void number(StringBuilder out, Number n) {
    String text = n.toString();
    if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
      throw new IllegalArgumentException("Numeric values must be finite, but was " + n);
    }
    out.append(text);
  }

  /** A quoted string with Moshi's escapes: quote, backslash, control characters, U+2028, U+2029. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    int last = 0;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      String replacement;
      if (c < 0x20) {
        replacement = switch (c) {
          case '\t' -> "\\t";
          case '\b' -> "\\b";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\f' -> "\\f";
          default -> "\\u00" + HEX[c >> 4] + HEX[c & 0xf];
        };
      } else if (c == '"') {
        replacement = "\\\"";
      } else if (c == '\\') {
        replacement = "\\\\";
      } else if (c == '\u2028') {
        replacement = "\\u2028";
      } else if (c == '\u2029') {
        replacement = "\\u2029";
      } else {
        continue;
      }
      out.append(s, last, i).append(replacement);
      last = i + 1;
    }
    out.append(s, last, length).append('"');
  }
}
