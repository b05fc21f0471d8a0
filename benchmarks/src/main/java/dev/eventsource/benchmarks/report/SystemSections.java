package dev.eventsource.benchmarks.report;

import static dev.eventsource.benchmarks.report.ParseSections.verdict;
import static dev.eventsource.benchmarks.report.Table.num;
import static dev.eventsource.benchmarks.report.Table.ratio;

import java.util.List;
import java.util.Map;

/** The loopback, latency and fan-out tables and their targets. */
final class SystemSections {
  static final List<String> LIBRARIES =
      List.of("ours-jdk", "ours-okhttp", "okhttp-sse", "launchdarkly");
  static final List<String> LIMITS = List.of("raw-socket", "bare-jdk", "bare-okhttp");

  private SystemSections() {}

  static void loopback(Figures f, StringBuilder md, List<String> targets) {
    if (f.loopback.isEmpty()) {
      return;
    }
    Table events =
        new Table(
            "workload",
            "ours-jdk",
            "ours-okhttp",
            "okhttp-sse",
            "LaunchDarkly",
            "jdk ÷ faster peer",
            "okhttp ÷ faster peer");
    Table limits =
        new Table(
            "workload",
            "raw socket, MB/s",
            "bare-jdk, MB/s",
            "bare-okhttp, MB/s",
            "ours-jdk, MB/s",
            "ours-okhttp, MB/s",
            "ours-jdk ÷ bare-jdk",
            "ours-okhttp ÷ bare-okhttp");
    Table alloc = new Table("workload", "ours-jdk", "ours-okhttp", "okhttp-sse", "LaunchDarkly");
    for (String w : f.loopback.keySet()) {
      double jdk = f.loopbackEventsPerSecond(w, "ours-jdk");
      double ok = f.loopbackEventsPerSecond(w, "ours-okhttp");
      double peer =
          Math.max(
              f.loopbackEventsPerSecond(w, "okhttp-sse"),
              f.loopbackEventsPerSecond(w, "launchdarkly"));
      String[] row = new String[7];
      row[0] = w;
      for (int i = 0; i < LIBRARIES.size(); i++) {
        row[i + 1] = num(f.loopbackEventsPerSecond(w, LIBRARIES.get(i)));
      }
      row[5] = ratio(jdk / peer);
      row[6] = ratio(ok / peer);
      events.row(row);
      limits.row(
          w,
          num(f.loopbackMBps(w, "raw-socket")),
          num(f.loopbackMBps(w, "bare-jdk")),
          num(f.loopbackMBps(w, "bare-okhttp")),
          num(f.loopbackMBps(w, "ours-jdk")),
          num(f.loopbackMBps(w, "ours-okhttp")),
          ratio(jdk / f.loopbackEventsPerSecond(w, "bare-jdk")),
          ratio(ok / f.loopbackEventsPerSecond(w, "bare-okhttp")));
      alloc.row(
          w,
          num(f.loopbackAllocPerEvent(w, "ours-jdk")),
          num(f.loopbackAllocPerEvent(w, "ours-okhttp")),
          num(f.loopbackAllocPerEvent(w, "okhttp-sse")),
          num(f.loopbackAllocPerEvent(w, "launchdarkly")));
      targets.add(
          verdict(
              jdk / peer >= 1.5,
              "loopback "
                  + w
                  + ": JDK adapter ÷ faster peer "
                  + ratio(jdk / peer)
                  + " (target ≥ 1.50x)"));
      targets.add(
          verdict(
              ok / peer >= 1.2,
              "loopback "
                  + w
                  + ": OkHttp adapter ÷ faster peer "
                  + ratio(ok / peer)
                  + " (target ≥ 1.20x)"));
    }
    md.append("\n## Loopback end to end, events/s\n\n")
        .append("Each op streams the whole corpus from a local server (chunked HTTP/1.1, 8 KiB")
        .append(" chunks) to the listener's last event; default clients and executors.\n\n")
        .append(events.render())
        .append("\n### Against the limits (corpus MB/s; the limits only read bytes)\n\n")
        .append(limits.render())
        .append("\n### Bytes allocated per event, whole JVM (client and server)\n\n")
        .append(alloc.render());
  }

  static void latency(Figures f, StringBuilder md, List<String> targets) {
    if (f.latency.isEmpty()) {
      return;
    }
    Table t = new Table("client", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "events");
    for (Map.Entry<String, Map<String, String>> e : f.latency.entrySet()) {
      Map<String, String> r = e.getValue();
      if (r.containsKey("error")) {
        t.row(e.getKey(), "failed: " + r.get("error"));
        continue;
      }
      t.row(
          e.getKey(),
          r.get("p50_us"),
          r.get("p99_us"),
          r.get("p999_us"),
          r.get("max_us"),
          r.get("events"));
      if (e.getKey().startsWith("ours")) {
        double p99 = Double.parseDouble(r.get("p99_us"));
        targets.add(
            verdict(
                p99 < 1000,
                "latency "
                    + e.getKey()
                    + ": p99 "
                    + num(p99)
                    + " µs at 1,000 events/s (target < 1,000 µs)"));
      }
    }
    md.append("\n## Latency from the server's write to the listener, 1,000 events/s\n\n")
        .append(t.render());
  }

  static void fanOut(Figures f, StringBuilder md, List<String> targets) {
    if (f.fanOut.isEmpty()) {
      return;
    }
    Table t =
        new Table(
            "client",
            "streams opened",
            "live threads (all)",
            "threads before",
            "threads per stream",
            "heap per stream, KiB");
    Map<String, Map<String, String>> byClient = new java.util.LinkedHashMap<>();
    for (Map<String, String> r : f.fanOut) {
      byClient.put(r.get("client"), r);
      if (r.containsKey("error")) {
        t.row(r.get("client"), "failed: " + r.get("error"));
        continue;
      }
      t.row(
          r.get("client"),
          r.get("opened") + " of " + r.get("requested"),
          r.get("threads"),
          r.get("threads_before"),
          num(threadsPerStream(r)),
          num(heapPerStream(r) / 1024));
    }
    md.append("\n## Fan-out: idle streams in one JVM\n\n")
        .append("Threads: ThreadMXBean live count after the streams opened and sat idle, and")
        .append(" (full run) OkHttp's idle TaskRunner threads ended: OkHttp keeps them 60 s after")
        .append(" the connects they ran, so their number right after opening is noise; heap:")
        .append(" used heap after System.gc() with the streams open less before, per stream.")
        .append(" okhttp-sse: a default client (5 streams per host, 10 s read timeout);")
        .append(" okhttp-sse-unlimited: a client whose dispatcher allows every stream, no read")
        .append(" timeout; LaunchDarkly: BackgroundEventSource, read timeout off (default 5 s).")
        .append(" Each stream counts once, at its first event.\n\n")
        .append(t.render())
        .append("\nLive threads by name (digits dropped):\n\n");
    for (Map<String, String> r : f.fanOut) {
      if (r.containsKey("thread_names")) {
        md.append("- ")
            .append(r.get("client"))
            .append(": `")
            .append(r.get("thread_names"))
            .append("`\n");
      }
    }
    fanOutTargets(byClient, targets);
  }

  private static void fanOutTargets(Map<String, Map<String, String>> r, List<String> targets) {
    Map<String, String> jdk = r.get("ours-jdk");
    Map<String, String> bare = r.get("bare-jdk");
    if (ok(jdk)) {
      int threads = Integer.parseInt(jdk.get("threads"));
      boolean allOpen = jdk.get("opened").equals(jdk.get("requested"));
      targets.add(
          verdict(
              allOpen && threads <= 16,
              "fan-out JDK: "
                  + jdk.get("opened")
                  + " streams on "
                  + threads
                  + " live threads in all (target all open on ≤ 16)"));
      if (ok(bare)) {
        double extra = heapPerStream(jdk) - heapPerStream(bare);
        targets.add(
            verdict(
                extra <= 4096,
                "fan-out JDK: heap per stream "
                    + num(extra / 1024)
                    + " KiB over the bare client's "
                    + num(heapPerStream(bare) / 1024)
                    + " KiB (target ≤ 4 KiB)"));
      }
    }
    Map<String, String> okhttp = r.get("ours-okhttp");
    Map<String, String> sse = r.get("okhttp-sse-unlimited");
    if (ok(okhttp) && ok(sse)) {
      boolean allOpen = okhttp.get("opened").equals(okhttp.get("requested"));
      targets.add(
          verdict(
              allOpen && threadsPerStream(okhttp) <= threadsPerStream(sse) + 0.01,
              "fan-out OkHttp: "
                  + okhttp.get("opened")
                  + " streams, "
                  + num(threadsPerStream(okhttp))
                  + " threads per stream vs okhttp-sse's "
                  + num(threadsPerStream(sse))));
      targets.add(
          verdict(
              heapPerStream(okhttp) <= heapPerStream(sse),
              "fan-out OkHttp: heap per stream "
                  + num(heapPerStream(okhttp) / 1024)
                  + " KiB vs okhttp-sse's "
                  + num(heapPerStream(sse) / 1024)
                  + " KiB"));
    }
  }

  private static boolean ok(Map<String, String> r) {
    return r != null && !r.containsKey("error");
  }

  static double threadsPerStream(Map<String, String> r) {
    double opened = Double.parseDouble(r.get("opened"));
    return opened == 0
        ? Double.NaN
        : (Double.parseDouble(r.get("threads")) - Double.parseDouble(r.get("threads_before")))
            / opened;
  }

  static double heapPerStream(Map<String, String> r) {
    return Double.parseDouble(r.get("heap_per_stream"));
  }
}
