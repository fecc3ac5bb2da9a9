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
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return i < s.length() ? out + "... (" + s.length() + " characters)" : out.toString();
  }
}
