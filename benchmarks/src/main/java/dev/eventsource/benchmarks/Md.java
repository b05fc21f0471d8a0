package dev.eventsource.benchmarks;

import java.util.List;
import java.util.Locale;

/** The report's Markdown: text, tables, and numbers written alike everywhere (NaN as n/a). */
final class Md {
  private final StringBuilder text = new StringBuilder();

  Md add(Object s) {
    text.append(s);
    return this;
  }

  /** A table; every column but the first is right-aligned. */
  void table(List<String> head, List<List<String>> rows) {
    text.append("| ").append(String.join(" | ", head)).append(" |\n| --- |");
    text.append(" ---: |".repeat(head.size() - 1)).append('\n');
    rows.forEach(r -> text.append("| ").append(String.join(" | ", r)).append(" |\n"));
    text.append('\n');
  }

  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    String format = Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, format, v);
  }

  static String ratio(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2fx", v);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
