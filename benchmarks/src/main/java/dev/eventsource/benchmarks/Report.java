package dev.eventsource.benchmarks;

import static dev.eventsource.benchmarks.Md.num;
import static dev.eventsource.benchmarks.Md.ratio;

import dev.eventsource.benchmarks.corpus.Corpus;
import dev.eventsource.benchmarks.corpus.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's raw results into {@code results.md} and {@code parsing.png} beside them: JMH's
 * JSON ({@code jmh-parse.json}, {@code jmh-loopback.json}, {@code jmh-coldstart.json}) and the
 * {@code RESULT} lines of the latency and fan-out runs ({@code latency.txt}, {@code fanout.txt}). A
 * phase whose file is missing is left out. Ratios compare figures of the same run; the faster peer
 * is the better of okhttp-sse and LaunchDarkly in each row. Throughput figures are JMH's operations
 * per second times what one operation carries: the corpus, regenerated here from its seed.
 */
public final class Report {
  /** The parse benchmark's methods and their names in the report. */
  private static final Map<String, String> PARSERS = new LinkedHashMap<>();

  static {
    PARSERS.put("ours", "ours");
    PARSERS.put("okhttpSse", "okhttp-sse");
    PARSERS.put("launchDarkly", "LaunchDarkly");
    PARSERS.put("newlineScan", "LF scan (limit)");
  }

  static final List<String> LIBRARIES =
      List.of("ours-jdk", "ours-okhttp", "okhttp-sse", "launchdarkly");
  private static final List<String> LIMITS = List.of("raw-socket", "bare-jdk", "bare-okhttp");

  private Report() {}

  /**
   * Writes the report for the results in a directory, and prints it.
   *
   * @param args the directory
   * @throws IOException if a result cannot be read or the report written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Md md = new Md().add("# Benchmark results\n\n");
    md.add(
        String.format(
            Locale.ROOT,
            "%d cores, %s %s, %s %s. Ratios compare figures of this one run.%n%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            System.getProperty("java.vm.name"),
            System.getProperty("java.vm.version")));
    parsing(Jmh.load(dir.resolve("jmh-parse.json")), md, dir.resolve("parsing.png"));
    loopback(Jmh.load(dir.resolve("jmh-loopback.json")), md);
    ClientReport.write(dir, md);
    Files.writeString(dir.resolve("results.md"), md.toString());
    System.out.print(md);
  }

  private static void parsing(List<Jmh> rows, Md md, Path chart) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    md.add("## Parsing (one op = one corpus, 8 KiB reads; F, F1: 16-byte reads)\n\n")
        .add(Jmh.settings(rows));
    List<List<String>> speed = new ArrayList<>();
    List<List<String>> alloc = new ArrayList<>();
    Map<String, Map<String, Double>> mbps = new LinkedHashMap<>();
    for (Workload w : Workload.values()) {
      Corpus c = w.generate(Integer.parseInt(rows.get(0).params().get("corpusMiB")));
      Map<String, Double> m = new LinkedHashMap<>();
      List<String> s = new ArrayList<>(List.of(w.name()));
      List<String> a = new ArrayList<>(List.of(w.name()));
      for (String p : PARSERS.keySet()) {
        Jmh r = Jmh.find(rows, p, w.name());
        m.put(p, r.score() * c.bytes().length / 1e6);
        s.add(num(m.get(p)) + r.errorPercent());
        if (!p.equals("newlineScan")) { // it keeps nothing
          a.add(num(r.allocNorm() / c.events()));
        }
      }
      mbps.put(w.name(), m);
      s.add(ratio(m.get("ours") / Math.max(m.get("okhttpSse"), m.get("launchDarkly"))));
      s.add(num(Jmh.find(rows, "ours", w.name()).score() * c.events()));
      speed.add(s);
      a.add(num(c.stringBytesPerEvent()));
      a.add(
          num(Jmh.find(rows, "ours", w.name()).allocNorm() / c.events() - c.stringBytesPerEvent()));
      alloc.add(a);
    }
    parsingTables(md, speed, alloc, mbps);
    ParsingChart.write(mbps, PARSERS, chart);
    streamedData(rows, md);
  }

  /** The huge-event workloads' data streamed in parts ({@code StreamingParseBenchmark}). */
  private static void streamedData(List<Jmh> rows, Md md) {
    List<String> methods =
        List.of("oursStreaming", "launchDarklyStreaming", "ours", "okhttpSse", "launchDarkly");
    List<List<String>> table = new ArrayList<>();
    for (String workload : List.of("F", "F1")) {
      if (Double.isNaN(Jmh.find(rows, "oursStreaming", workload).score())) {
        continue;
      }
      Corpus c = Workload.valueOf(workload).generate(0);
      List<String> row = new ArrayList<>(List.of(workload));
      Map<String, Double> m = new LinkedHashMap<>();
      for (String p : methods) {
        Jmh r = Jmh.find(rows, p, workload);
        m.put(p, r.score() * c.bytes().length / 1e6);
        row.add(num(m.get(p)) + r.errorPercent());
      }
      double peer =
          Math.max(
              m.get("launchDarklyStreaming"), Math.max(m.get("okhttpSse"), m.get("launchDarkly")));
      row.add(ratio(m.get("oursStreaming") / peer));
      row.add(ratio(m.get("oursStreaming") / m.get("launchDarklyStreaming")));
      for (String p : methods) {
        row.add(num(Jmh.find(rows, p, workload).allocNorm()));
      }
      table.add(row);
    }
    if (table.isEmpty()) {
      return;
    }
    md.add("Huge events with their data streamed in parts (`StreamingParseBenchmark`): MB/s, the")
        .add(" ratios, then bytes allocated per corpus (one event):\n\n")
        .table(
            List.of(
                "workload",
                "ours streaming",
                "LaunchDarkly streaming",
                "ours",
                "okhttp-sse",
                "LaunchDarkly",
                "ours streaming ÷ faster peer",
                "÷ LaunchDarkly streaming",
                "B/op ours streaming",
                "B/op LaunchDarkly streaming",
                "B/op ours",
                "B/op okhttp-sse",
                "B/op LaunchDarkly"),
            table);
  }

  private static void parsingTables(
      Md md,
      List<List<String>> speed,
      List<List<String>> alloc,
      Map<String, Map<String, Double>> mbps) {
    List<String> head = new ArrayList<>(List.of("workload"));
    head.addAll(PARSERS.values());
    head.addAll(List.of("ours ÷ faster peer", "ours events/s"));
    md.add("MB/s (10^6 bytes/s), ± JMH's 99.9% error:\n\n").table(head, speed);
    md.add("Bytes allocated per event (`gc.alloc.rate.norm` ÷ events); the floor is the heap of")
        .add(" the strings a parser must create (data and changed IDs, compact strings):\n\n")
        .table(
            List.of(
                "workload", "ours", "okhttp-sse", "LaunchDarkly", "strings floor", "ours − floor"),
            alloc);
    md.add("Drip linearity, MB/s on F (8 MiB) ÷ on F1 (1 MiB), 1.00 = linear:");
    PARSERS.forEach(
        (p, name) ->
            md.add(" " + name + " " + ratio(mbps.get("F").get(p) / mbps.get("F1").get(p))));
    md.add("\n\n");
  }

  private static void loopback(List<Jmh> rows, Md md) {
    if (rows.isEmpty()) {
      return;
    }
    md.add("## Loopback end to end (one op = one corpus from a local server to the last event)\n\n")
        .add(Jmh.settings(rows));
    List<List<String>> speed = new ArrayList<>();
    List<List<String>> perEvent = new ArrayList<>();
    for (Workload w : List.of(Workload.A, Workload.B)) {
      Corpus c = w.generate(Integer.parseInt(rows.get(0).params().get("corpusMiB")));
      List<String> s = new ArrayList<>(List.of(w.name()));
      List<String> e = new ArrayList<>(List.of(w.name()));
      for (String client : LIBRARIES) {
        s.add(num(Jmh.find(rows, client, w.name()).score() * c.events()));
        e.add(num(Jmh.find(rows, client, w.name()).allocNorm() / c.events()));
      }
      double peer =
          Math.max(
              Jmh.find(rows, "okhttp-sse", w.name()).score(),
              Jmh.find(rows, "launchdarkly", w.name()).score());
      s.add(ratio(Jmh.find(rows, "ours-jdk", w.name()).score() / peer));
      s.add(ratio(Jmh.find(rows, "ours-okhttp", w.name()).score() / peer));
      speed.add(s);
      for (String client : concat(LIBRARIES, LIMITS)) {
        e.add(num(Jmh.find(rows, client, w.name()).score() * c.bytes().length / 1e6));
      }
      perEvent.add(e);
    }
    md.add("Events/s:\n\n")
        .table(
            concat(
                concat(List.of("workload"), LIBRARIES),
                List.of("jdk ÷ faster peer", "okhttp ÷ faster peer")),
            speed);
    List<String> head = new ArrayList<>(List.of("workload"));
    LIBRARIES.forEach(l -> head.add(l + " B/event"));
    concat(LIBRARIES, LIMITS).forEach(l -> head.add(l + " MB/s"));
    md.add("Bytes allocated per event (whole JVM, server included), and corpus MB/s beside the")
        .add(" limits, which only read bytes:\n\n")
        .table(head, perEvent);
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }
}
