package io.oneviewinfrakit.examples.bench;

import java.time.Duration;

/** "2 s", "200 ms": durations as BENCHMARKS.md states them. */
final class Durations {
  private Durations() {}

  static String of(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
