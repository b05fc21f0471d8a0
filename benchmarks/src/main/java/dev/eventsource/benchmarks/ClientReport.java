package dev.eventsource.benchmarks;

import static dev.eventsource.benchmarks.Md.num;
import static dev.eventsource.benchmarks.Md.ratio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The report's figures of whole client JVMs: latency and fan-out (from their runs' {@code RESULT
 * key=value ...} lines), and cold start with the jars each library pulls in.
 */
final class ClientReport {
  private static final List<String> OKHTTP =
      List.of("okhttp-jvm", "okio-jvm", "kotlin-stdlib", "annotations");

  /** The jars (by name before the version) that each library brings onto a class path. */
  private static final Map<String, List<String>> JARS =
      Map.of(
          "ours-jdk", List.of("eventsource-core", "eventsource-jdk"),
          "ours-okhttp", Report.concat(List.of("eventsource-core", "eventsource-okhttp"), OKHTTP),
          "okhttp-sse", Report.concat(List.of("okhttp-sse"), OKHTTP),
          "launchdarkly",
              Report.concat(List.of("okhttp-eventsource", "launchdarkly-logging"), OKHTTP));

  private ClientReport() {}

  static void write(Path dir, Md md) throws IOException {
    latency(results(dir.resolve("latency.txt")), md);
    fanOut(results(dir.resolve("fanout.txt")), md);
    coldStart(Jmh.load(dir.resolve("jmh-coldstart.json")), dir.resolve("jars.txt"), md);
  }

  private static void latency(List<Map<String, String>> runs, Md md) {
    for (String rate : runs.stream().map(r -> r.get("rate")).distinct().toList()) {
      md.add("## Latency from the server's write to the listener, " + rate + " events/s\n\n")
          .add("µs; ratios to the faster peer's same percentile (lower is better).\n\n");
      Map<String, Map<String, String>> byClient = new LinkedHashMap<>();
      runs.stream()
          .filter(r -> rate.equals(r.get("rate")))
          .forEach(r -> byClient.put(r.get("client"), r));
      List<List<String>> rows = new ArrayList<>();
      for (Map<String, String> r : byClient.values()) {
        List<String> row = new ArrayList<>(List.of(r.get("client")));
        for (String p : List.of("p50_us", "p99_us", "p999_us", "max_us")) {
          row.add(num(value(r, p)));
        }
        for (String p : List.of("p50_us", "p99_us")) {
          double okhttpSse = value(byClient.get("okhttp-sse"), p);
          row.add(ratio(value(r, p) / Math.min(okhttpSse, value(byClient.get("launchdarkly"), p))));
        }
        rows.add(row);
      }
      md.table(List.of("client", "p50", "p99", "p99.9", "max", "p50 ÷ peer", "p99 ÷ peer"), rows);
    }
  }

  private static void fanOut(List<Map<String, String>> runs, Md md) {
    if (runs.isEmpty()) {
      return;
    }
    md.add("## Fan-out: idle streams in one JVM\n\n")
        .add("Live platform threads once the streams sat idle (full run: and OkHttp's idle")
        .add(" TaskRunner threads ended, which it keeps 60 s); heap per stream: used heap after")
        .add(" `System.gc()` less before, over the streams opened.\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, String> r : runs) {
      rows.add(
          List.of(
              r.get("client"),
              r.getOrDefault("opened", "0") + " of " + r.get("requested"),
              r.getOrDefault("threads", "n/a"),
              r.getOrDefault("threads_before", "n/a"),
              num((value(r, "threads") - value(r, "threads_before")) / value(r, "opened")),
              num(value(r, "heap_per_stream") / 1024)));
    }
    md.table(
        List.of("client", "streams", "live threads", "before", "per stream", "heap KiB/stream"),
        rows);
    runs.forEach(r -> md.add("- " + r.get("client") + ": `" + r.get("thread_names") + "`\n"));
    md.add("\n");
  }

  private static void coldStart(List<Jmh> rows, Path jarSizes, Md md) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    md.add("## Cold start: from creating the client to its first event, in a fresh JVM\n\n")
        .add(Jmh.settings(rows))
        .add("Jars: what each library brings onto the class path (LaunchDarkly's own POM asks")
        .add(" for OkHttp 4.12; it runs here on OkHttp 5).\n\n");
    List<String> jars = Files.exists(jarSizes) ? Files.readAllLines(jarSizes) : List.of();
    double peer =
        Math.min(
            Jmh.find(rows, "okhttp-sse", null).score(),
            Jmh.find(rows, "launchdarkly", null).score());
    List<List<String>> table = new ArrayList<>();
    for (String client : Report.LIBRARIES) {
      Jmh r = Jmh.find(rows, client, null);
      long bytes = 0;
      List<String> names = new ArrayList<>();
      for (String jar : jars) { // "SIZE FILE-NAME", as run.sh wrote it when the run began
        String name = jar.replaceAll("^[0-9]+ |-[0-9][^-]*(-SNAPSHOT)?\\.jar$", "");
        if (JARS.get(client).contains(name)) {
          bytes += Long.parseLong(jar.substring(0, jar.indexOf(' ')));
          names.add(name);
        }
      }
      table.add(
          List.of(
              client,
              num(r.score()) + r.errorPercent(),
              ratio(r.score() / peer),
              num(bytes / 1024.0),
              String.join(", ", names)));
    }
    md.table(List.of("client", "ms", "÷ faster peer", "jars, KiB", "jars"), table);
  }

  /** The {@code RESULT key=value ...} lines of a run's output, in order; none if it is missing. */
  private static List<Map<String, String>> results(Path file) throws IOException {
    List<Map<String, String>> results = new ArrayList<>();
    for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
      if (line.startsWith("RESULT ")) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : line.substring(7).trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          pairs.put(pair.substring(0, Math.max(eq, 0)), pair.substring(eq + 1));
        }
        results.add(pairs);
      }
    }
    return results;
  }

  /** A figure of a run, NaN if the run failed or has none. */
  private static double value(@Nullable Map<String, String> run, String key) {
    String v = run == null ? null : run.get(key);
    return v == null ? Double.NaN : Double.parseDouble(v);
  }
}
