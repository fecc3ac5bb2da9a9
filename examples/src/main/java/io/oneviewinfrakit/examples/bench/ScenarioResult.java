package io.oneviewinfrakit.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one scenario measured: figures with their targets, the setup it ran with, and notes.
 * {@link #toMarkdown()} renders it the way BENCHMARKS.md quotes it.
 */
public final class ScenarioResult {

  /** One figure; {@code met} is null for figures without a target. */
  public record Row(String figure, String target, String result, Boolean met) {}

  private final String title;
  private final List<String> setup = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public ScenarioResult(String title) {
    this.title = title;
  }

  public ScenarioResult setup(String line) {
    setup.add(line);
    return this;
  }

  public ScenarioResult row(String figure, String target, String result, Boolean met) {
    rows.add(new Row(figure, target, result, met));
    return this;
  }

  /** A figure without a target. */
  public ScenarioResult info(String figure, String result) {
    return row(figure, "", result, null);
  }

  public ScenarioResult note(String line) {
    notes.add(line);
    return this;
  }

  public String title() {
    return title;
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** True when every figure with a target met it. */
  public boolean allMet() {
    return rows.stream().allMatch(r -> r.met() == null || r.met());
  }

  public String toMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(title).append("\n\n");
    if (!setup.isEmpty()) {
      out.append("Setup:\n");
      setup.forEach(s -> out.append("- ").append(s).append('\n'));
      out.append('\n');
    }
    out.append("| figure | target | result | met? |\n|---|---|---|---|\n");
    for (Row r : rows) {
      out.append("| ").append(cell(r.figure())).append(" | ").append(cell(r.target())).append(" | ")
          .append(cell(r.result())).append(" | ")
          .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" |\n");
    }
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    return out.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  @Override
  public String toString() {
    return toMarkdown();
  }
}
