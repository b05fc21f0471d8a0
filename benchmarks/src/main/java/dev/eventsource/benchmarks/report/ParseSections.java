package dev.eventsource.benchmarks.report;

import static dev.eventsource.benchmarks.report.Table.num;
import static dev.eventsource.benchmarks.report.Table.ratio;

import java.util.List;
import java.util.Map;

/** The parser tables and the parser targets. */
final class ParseSections {
  static final List<String> WORKLOADS = List.of("A", "B", "C", "D", "E", "F", "F1");
  static final List<String> METHODS = List.of("ours", "okhttpSse", "launchDarkly", "newlineScan");
  static final Map<String, String> NAMES =
      Map.of(
          "ours", "ours",
          "okhttpSse", "okhttp-sse",
          "launchDarkly", "LaunchDarkly",
          "newlineScan", "LF scan");

  private ParseSections() {}

  static void write(Figures f, StringBuilder md, List<String> targets) {
    if (f.parse.isEmpty()) {
      return;
    }
    Table mbps =
        new Table(
            "workload",
            "ours",
            "okhttp-sse",
            "LaunchDarkly",
            "LF scan (limit)",
            "ours ÷ faster peer");
    Table events =
        new Table("workload", "ours", "okhttp-sse", "LaunchDarkly", "ours ÷ faster peer");
    Table alloc =
        new Table(
            "workload",
            "ours",
            "okhttp-sse",
            "LaunchDarkly",
            "strings (floor)",
            "ours − floor",
            "ours ÷ lighter peer");
    for (String w : WORKLOADS) {
      if (!f.parse.containsKey(w)) {
        continue;
      }
      double ours = f.parseMBps(w, "ours");
      double peer = Math.max(f.parseMBps(w, "okhttpSse"), f.parseMBps(w, "launchDarkly"));
      String[] cells = new String[6];
      cells[0] = w;
      for (int i = 0; i < METHODS.size(); i++) {
        JmhFigure jf = f.parse.get(w).get(METHODS.get(i));
        double scale = f.parseCorpora.get(w).bytes() / 1e6;
        cells[i + 1] =
            jf == null ? "n/a" : Table.withError(jf.opsPerSecond() * scale, jf.error() * scale);
      }
      cells[5] = ratio(ours / peer);
      mbps.row(cells);
      targets.add(
          verdict(
              ours / peer >= 2,
              "parsing " + w + ": ours ÷ faster peer " + ratio(ours / peer) + " (target ≥ 2.00x)"));

      double oursEvents = f.parseEventsPerSecond(w, "ours");
      double peerEvents =
          Math.max(
              f.parseEventsPerSecond(w, "okhttpSse"), f.parseEventsPerSecond(w, "launchDarkly"));
      events.row(
          w,
          num(oursEvents),
          num(f.parseEventsPerSecond(w, "okhttpSse")),
          num(f.parseEventsPerSecond(w, "launchDarkly")),
          ratio(oursEvents / peerEvents));

      double floor = f.parseCorpora.get(w).stringBytesPerEvent();
      double oursAlloc = f.parseAllocPerEvent(w, "ours");
      double lighter =
          Math.min(f.parseAllocPerEvent(w, "okhttpSse"), f.parseAllocPerEvent(w, "launchDarkly"));
      alloc.row(
          w,
          num(oursAlloc),
          num(f.parseAllocPerEvent(w, "okhttpSse")),
          num(f.parseAllocPerEvent(w, "launchDarkly")),
          num(floor),
          num(oursAlloc - floor),
          ratio(oursAlloc / lighter));
      targets.add(
          verdict(
              oursAlloc <= floor + 64,
              "allocation "
                  + w
                  + ": ours "
                  + num(oursAlloc)
                  + " B/event vs strings "
                  + num(floor)
                  + " + 64 (over by "
                  + num(oursAlloc - floor - 64)
                  + ")"));
    }
    md.append("## Parsing throughput, MB/s (10^6 bytes/s; higher is better)\n\n")
        .append("Each op parses the whole corpus, fed in 8 KiB reads (F, F1: 16-byte reads);")
        .append(" ± is JMH's 99.9% error.\n\n")
        .append(mbps.render())
        .append("\n## Parsing, events/s\n\n")
        .append(events.render())
        .append("\n## Parsing, bytes allocated per event (gc.alloc.rate.norm ÷ events)\n\n")
        .append("The floor is the heap of the strings a parser must create: each event's data and")
        .append(" its changed last event ID (compact strings: Latin-1 content 1 byte/char,")
        .append(" otherwise 2). F and F1 are one event per op, so the parser's setup counts.\n\n")
        .append(alloc.render());
    linearity(f, md, targets);
  }

  private static void linearity(Figures f, StringBuilder md, List<String> targets) {
    if (!f.parse.containsKey("F") || !f.parse.containsKey("F1")) {
      return;
    }
    Table t = new Table("parser", "F1: 1 MiB, MB/s", "F: 8 MiB, MB/s", "F ÷ F1 (1.00 = linear)");
    for (String m : METHODS) {
      double big = f.parseMBps("F", m);
      double small = f.parseMBps("F1", m);
      t.row(NAMES.get(m), num(small), num(big), ratio(big / small));
      if (m.equals("ours")) {
        targets.add(
            verdict(
                big / small >= 0.8,
                "linear on F: 8 MiB runs at "
                    + ratio(big / small)
                    + " the MB/s of 1 MiB (linear ≈ 1; quadratic would be ≈ 0.13)"));
      }
    }
    md.append("\n## Drip case: one event in 16-byte reads, 1 MiB vs 8 MiB\n\n").append(t.render());
  }

  static String verdict(boolean met, String text) {
    return (met ? "MET    " : "MISSED ") + text;
  }
}
