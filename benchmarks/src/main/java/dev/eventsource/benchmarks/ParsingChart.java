package dev.eventsource.benchmarks;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The chart the top-level README shows: parsing MB/s by workload and parser, on a log axis. */
final class ParsingChart {
  private ParsingChart() {}

  /**
   * Writes the chart, one series per named parser, over the workloads that have every parser's
   * figure (a log axis cannot show a missing one as 0); none if no workload has.
   */
  static void write(
      Map<String, Map<String, Double>> mbpsByWorkload, Map<String, String> names, Path png)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(520)
            .title("Parsing throughput (higher is better)")
            .xAxisTitle("workload")
            .yAxisTitle("MB/s, log scale")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    List<String> workloads = new ArrayList<>(mbpsByWorkload.keySet());
    workloads.removeIf(w -> !mbpsByWorkload.get(w).values().stream().allMatch(v -> v > 0));
    if (workloads.isEmpty()) {
      return;
    }
    double min = Double.MAX_VALUE;
    for (String parser : names.keySet()) {
      List<Double> values = new ArrayList<>();
      workloads.forEach(w -> values.add(mbpsByWorkload.get(w).get(parser)));
      chart.addSeries(names.get(parser), workloads, values);
      min = Math.min(min, values.stream().mapToDouble(v -> v).min().orElse(min));
    }
    // bars rise from the axis minimum, which a log axis needs above zero: a decade below the least
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
