package io.oneviewinfrakit.examples.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latency samples (nanoseconds) and their order statistics, nearest-rank. */
public final class Stats {
  private final List<Long> sorted;

  private Stats(List<Long> sorted) {
    this.sorted = sorted;
  }

  public static Stats of(Collection<Long> nanos) {
    List<Long> copy = new ArrayList<>(nanos);
    Collections.sort(copy);
    return new Stats(copy);
  }

  public int count() {
    return sorted.size();
  }

  /** The {@code p}-th percentile (0 < p <= 100) in milliseconds, nearest rank; NaN when empty. */
  public double percentileMs(double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
  }

  public double medianMs() {
    return percentileMs(50);
  }

  public double p99Ms() {
    return percentileMs(99);
  }

  public double maxMs() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6;
  }

  /** "p50 1.2 ms, p99 3.4 ms, max 5.6 ms (n=100)". */
  public String summary() {
    return String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, max %s ms (n=%d)",
        ms(medianMs()), ms(percentileMs(99)), ms(maxMs()), count());
  }

  /** A millisecond figure with sensible precision. */
  public static String ms(double ms) {
    if (Double.isNaN(ms)) {
      return "n/a";
    }
    return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms)
        : ms < 100 ? String.format(Locale.ROOT, "%.1f", ms)
        : String.format(Locale.ROOT, "%.0f", ms);
  }

  /** The median of a few repeated measurements (e.g. whole-run times), in the same unit. */
  public static double median(List<Double> values) {
    List<Double> copy = new ArrayList<>(values);
    Collections.sort(copy);
    int n = copy.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? copy.get(n / 2) : (copy.get(n / 2 - 1) + copy.get(n / 2)) / 2;
  }
}
