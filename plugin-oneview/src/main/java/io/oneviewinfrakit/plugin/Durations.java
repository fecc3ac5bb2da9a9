package io.oneviewinfrakit.plugin;

import java.time.Duration;

/** Durations the way a person reads them in a log line: 200ms, 5s, 3m, 2h. */
final class Durations {

  private Durations() {}

  static String human(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000 || millis % 1000 != 0) {
      return millis < 10_000 ? millis + "ms" : d.toSeconds() + "s";
    }
    long seconds = d.toSeconds();
    if (seconds < 120 || seconds % 60 != 0) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    return minutes < 120 || minutes % 60 != 0 ? minutes + "m" : d.toHours() + "h";
  }

  /** The time elapsed since {@code startNanos} ({@link System#nanoTime()}), e.g. "4.2 s". */
  static String since(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
