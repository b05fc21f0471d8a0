package dev.eventsource.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one suite run measured, filled in phase by phase; empty where a phase did not run. */
final class Figures {
  final Settings settings;
  final Map<String, CorpusStats> parseCorpora = new LinkedHashMap<>();
  Map<String, Map<String, JmhFigure>> parse = Map.of();
  final Map<String, CorpusStats> loopbackCorpora = new LinkedHashMap<>();
  Map<String, Map<String, JmhFigure>> loopback = Map.of();
  Map<String, Map<String, String>> latency = Map.of();
  List<Map<String, String>> fanOut = List.of();

  Figures(Settings settings) {
    this.settings = settings;
  }

  /** Operations per second of one parse benchmark, NaN if absent. */
  double parseOps(String workload, String method) {
    JmhFigure f = parse.getOrDefault(workload, Map.of()).get(method);
    return f == null ? Double.NaN : f.opsPerSecond();
  }

  /** MB/s (10^6 bytes per second) of one parse benchmark. */
  double parseMBps(String workload, String method) {
    CorpusStats c = parseCorpora.get(workload);
    return c == null ? Double.NaN : parseOps(workload, method) * c.bytes() / 1e6;
  }

  /** Events per second of one parse benchmark. */
  double parseEventsPerSecond(String workload, String method) {
    CorpusStats c = parseCorpora.get(workload);
    return c == null ? Double.NaN : parseOps(workload, method) * c.events();
  }

  /** Bytes allocated per event by one parse benchmark. */
  double parseAllocPerEvent(String workload, String method) {
    JmhFigure f = parse.getOrDefault(workload, Map.of()).get(method);
    CorpusStats c = parseCorpora.get(workload);
    return f == null || c == null ? Double.NaN : f.allocatedPerOp() / c.events();
  }

  /** Events per second of one loopback client (for byte readers: the corpus's events). */
  double loopbackEventsPerSecond(String workload, String client) {
    JmhFigure f = loopback.getOrDefault(workload, Map.of()).get(client);
    CorpusStats c = loopbackCorpora.get(workload);
    return f == null || c == null ? Double.NaN : f.opsPerSecond() * c.events();
  }

  /** Bytes allocated per event in the loopback JVM (client and server) for one client. */
  double loopbackAllocPerEvent(String workload, String client) {
    JmhFigure f = loopback.getOrDefault(workload, Map.of()).get(client);
    CorpusStats c = loopbackCorpora.get(workload);
    return f == null || c == null ? Double.NaN : f.allocatedPerOp() / c.events();
  }

  /** MB/s of the corpus body for one loopback client. */
  double loopbackMBps(String workload, String client) {
    JmhFigure f = loopback.getOrDefault(workload, Map.of()).get(client);
    CorpusStats c = loopbackCorpora.get(workload);
    return f == null || c == null ? Double.NaN : f.opsPerSecond() * c.bytes() / 1e6;
  }
}
