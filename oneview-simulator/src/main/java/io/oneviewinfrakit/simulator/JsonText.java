package io.oneviewinfrakit.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes the simulator's JSON trees as compact UTF-8 text, byte for byte as Moshi's {@code
 * JsonWriter} with nulls serialised writes them ({@code JsonTextTest} holds the two to that).
 * Listing 2,000 servers writes 5 MB of JSON per listing, and that CPU counts against every
 * client's benchmark on the same machine: Moshi's writer spent more on its buffer segments than on
 * the text, and a growing text then copied twice (to a string, to bytes) made most of a listing's
 * garbage. So the text goes straight to bytes, in a buffer each thread keeps for its next answer.
 */
final class JsonText {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  /** Kept for the thread's next answer up to this size (a listing page is about 80 kB). */
  private static final int KEPT = 256 * 1024;
  private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();

  private byte[] buf;
  private int size;

  private JsonText(byte[] buf) {
    this.buf = buf;
  }

  /** {@code value} as UTF-8 JSON text. */
  static byte[] write(Object value) {
    byte[] kept = BUFFERS.get();
    BUFFERS.set(null); // a value's toString writing JSON itself gets a buffer of its own
    JsonText out = new JsonText(kept != null ? kept : new byte[8192]);
    try {
      out.value(value);
      return Arrays.copyOf(out.buf, out.size);
    } finally {
      if (out.buf.length <= KEPT) {
        BUFFERS.set(out.buf);
      }
    }
  }

  private void value(Object value) {
    if (value == null) {
      raw(NULL);
    } else if (value instanceof String s) {
      string(s);
    } else if (value instanceof Map<?, ?> map) {
      room(1);
      buf[size++] = '{';
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) comma();
        first = false;
        string(String.valueOf(e.getKey()));
        room(1);
        buf[size++] = ':';
        value(e.getValue());
      }
      room(1);
      buf[size++] = '}';
    } else if (value instanceof Iterable<?> list) {
      room(1);
      buf[size++] = '[';
      boolean first = true;
      for (Object item : list) {
        if (!first) comma();
        first = false;
        value(item);
      }
      room(1);
      buf[size++] = ']';
    } else if (value instanceof Boolean b) {
      raw(b ? TRUE : FALSE);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      ascii(Long.toString(((Number) value).longValue()));
    } else if (value instanceof Number n) {
      number(n);
    } else {
      string(value.toString());
    }
  }

  /** As Moshi: NaN and infinities are not JSON. */
  private void number(Number n) {
    String text = n.toString();
    if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
      throw new IllegalArgumentException("Numeric values must be finite, but was " + n);
    }
    ascii(text);
  }

  /** A quoted string: as it is when plain ASCII, else with Moshi's escapes, encoded as UTF-8. */
  private void string(String s) {
    int length = s.length();
    room(length + 2);
    int start = size;
    buf[size++] = '"';
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        size = start;
        escaped(s);
        return;
      }
      buf[size++] = (byte) c;
    }
    buf[size++] = '"';
  }

  /** Moshi's escapes: quote, backslash, control characters, U+2028, U+2029; the rest as UTF-8. */
  private void escaped(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16).append('"');
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
          default -> "\\u00" + (char) HEX[c >> 4] + (char) HEX[c & 0xf];
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
    // A lone surrogate becomes '?', as in Moshi's UTF-8 sink.
    raw(out.append(s, last, length).append('"').toString().getBytes(StandardCharsets.UTF_8));
  }

  private void ascii(String s) {
    int length = s.length();
    room(length);
    for (int i = 0; i < length; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  private void raw(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }

  private void comma() {
    room(1);
    buf[size++] = ',';
  }

  private void room(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
