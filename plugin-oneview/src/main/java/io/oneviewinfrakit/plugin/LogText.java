package io.oneviewinfrakit.plugin;

/**
 * Caller-supplied text (tag keys and values, names from a request) made safe for one log line:
 * control and line-separator characters are escaped, so no input can forge a log line, and long
 * text is abbreviated, so no input can flood the log.
 */
final class LogText {

  static final int MAX_CHARS = 200;

  private LogText() {}

  static String of(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 24);
    int i = 0;
    for (; i < s.length() && out.length() < MAX_CHARS; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || notText(s, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return i < s.length() ? out + "... (" + s.length() + " characters)" : out.toString();
  }

  /**
   * Whether the char at {@code i} is no text: a noncharacter (U+FFFE, U+FFFF, U+FDD0..U+FDEF) or half
   * of a broken surrogate pair. XML 1.0 forbids them, so one in a log line breaks every XML log
   * consumer (surefire's reports among them); escaped, the line stays readable.
   */
  static boolean notText(String s, int i) {
    char c = s.charAt(i);
    if (c == '\uFFFE' || c == '\uFFFF' || (c >= '\uFDD0' && c <= '\uFDEF')) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
