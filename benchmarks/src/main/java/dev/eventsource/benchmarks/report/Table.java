package dev.eventsource.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A markdown table whose columns are padded so that it also reads well in a terminal. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  Table row(String... cells) {
    rows.add(Arrays.copyOf(cells, columns));
    return this;
  }

  String render() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], cell(row[i]).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      line(sb, rows.get(r), widths);
      if (r == 0) {
        String[] rule = new String[columns];
        for (int i = 0; i < columns; i++) {
          rule[i] = i == 0 ? "-".repeat(widths[i]) : "-".repeat(widths[i] - 1) + ":";
        }
        line(sb, rule, widths);
      }
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] row, int[] widths) {
    sb.append('|');
    for (int i = 0; i < widths.length; i++) {
      String c = cell(row[i]);
      String pad = " ".repeat(widths[i] - c.length());
      sb.append(' ').append(i == 0 ? c + pad : pad + c).append(" |");
    }
    sb.append('\n');
  }

  private static String cell(String s) {
    return s == null ? "" : s;
  }

  /** A figure with a precision that suits its size: 12,345 or 123 or 12.3 or 1.23. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    String pattern = a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, v);
  }

  /** A ratio with two decimals and a times sign. */
  static String ratio(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2fx", v);
  }

  /** A figure with its error as a percentage: {@code 512 ±1.2%}. */
  static String withError(double v, double error) {
    if (Double.isNaN(error) || Double.isNaN(v) || v == 0) {
      return num(v);
    }
    return num(v) + String.format(Locale.ROOT, " ±%.0f%%", 100 * error / v);
  }
}
