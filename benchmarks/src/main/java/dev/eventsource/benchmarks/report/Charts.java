package dev.eventsource.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/** The PNG charts beside the tables: parser throughput, and loopback events per second. */
final class Charts {
  private Charts() {}

  static List<Path> write(Figures f, Path out) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    if (!f.parse.isEmpty()) {
      CategoryChart chart = chart("Parsing throughput (higher is better)", "MB/s, log scale");
      List<String> workloads = new ArrayList<>();
      for (String w : ParseSections.WORKLOADS) {
        if (f.parse.containsKey(w)) {
          workloads.add(w);
        }
      }
      for (String m : ParseSections.METHODS) {
        List<Double> values = new ArrayList<>();
        for (String w : workloads) {
          values.add(f.parseMBps(w, m));
        }
        addSeries(chart, ParseSections.NAMES.get(m), workloads, values);
      }
      written.add(save(chart, out.resolve("parsing.png")));
    }
    if (!f.loopback.isEmpty()) {
      CategoryChart chart =
          chart("Loopback end to end, workloads A and B (higher is better)", "events/s, log scale");
      List<String> workloads = new ArrayList<>(f.loopback.keySet());
      for (String client : clients(f.loopback)) {
        List<Double> values = new ArrayList<>();
        for (String w : workloads) {
          values.add(f.loopbackEventsPerSecond(w, client));
        }
        addSeries(chart, client, workloads, values);
      }
      written.add(save(chart, out.resolve("loopback.png")));
    }
    if (!f.latency.isEmpty()) {
      written.add(latency(f, out));
    }
    if (!f.fanOut.isEmpty()) {
      written.add(fanOut(f, out));
    }
    return written;
  }

  private static Path latency(Figures f, Path out) throws IOException {
    CategoryChart chart =
        chart("Latency, server write to listener, 1,000 events/s (lower is better)", "µs, log");
    chart.getStyler().setXAxisTitleVisible(false);
    List<String> clients = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : f.latency.entrySet()) {
      if (!e.getValue().containsKey("error")) {
        clients.add(e.getKey());
        p50.add(Double.parseDouble(e.getValue().get("p50_us")));
        p99.add(Double.parseDouble(e.getValue().get("p99_us")));
      }
    }
    addSeries(chart, "p50", clients, p50);
    addSeries(chart, "p99", clients, p99);
    return save(chart, out.resolve("latency.png"));
  }

  private static Path fanOut(Figures f, Path out) throws IOException {
    CategoryChart chart = chart("Fan-out: heap per idle stream (lower is better)", "KiB", false);
    chart.getStyler().setXAxisTitleVisible(false);
    chart.getStyler().setXAxisLabelRotation(15);
    chart.getStyler().setLegendVisible(false);
    List<String> clients = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    for (Map<String, String> r : f.fanOut) {
      // a run that opened only some streams (okhttp-sse's default 5 per host) has no fair figure
      if (!r.containsKey("error") && r.get("opened").equals(r.get("requested"))) {
        clients.add(r.get("client") + " x" + r.get("opened"));
        heap.add(SystemSections.heapPerStream(r) / 1024);
      }
    }
    addSeries(chart, "heap per stream", clients, heap);
    return save(chart, out.resolve("fanout.png"));
  }

  /** A log axis cannot show a missing figure: a series with one is left out of the chart. */
  private static void addSeries(
      CategoryChart chart, String name, List<String> x, List<Double> values) {
    for (double v : values) {
      if (Double.isNaN(v) || v <= 0) {
        return;
      }
    }
    chart.addSeries(name, x, values);
  }

  private static List<String> clients(Map<String, Map<String, JmhFigure>> loopback) {
    List<String> clients = new ArrayList<>();
    for (Map<String, JmhFigure> byClient : loopback.values()) {
      for (String c : byClient.keySet()) {
        if (!clients.contains(c)) {
          clients.add(c);
        }
      }
    }
    return clients;
  }

  private static CategoryChart chart(String title, String yAxis) {
    return chart(title, yAxis, true);
  }

  private static CategoryChart chart(String title, String yAxis, boolean log) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(520)
            .title(title)
            .xAxisTitle("workload")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setYAxisLogarithmic(log);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    return chart;
  }

  private static Path save(CategoryChart chart, Path file) throws IOException {
    // Bars start at the axis minimum, which a log axis needs set above zero: a decade below the
    // smallest figure.
    double min = Double.MAX_VALUE;
    for (CategorySeries series : chart.getSeriesMap().values()) {
      min = Math.min(min, series.getYMin());
    }
    if (min != Double.MAX_VALUE && chart.getStyler().isYAxisLogarithmic()) {
      chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    return file;
  }
}
