package dev.eventsource.benchmarks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of JMH's JSON result file ({@code -rf json}): the benchmark method, its parameters, the
 * score with its 99.9% error, and the GC profiler's bytes allocated per op (NaN without it).
 */
record Jmh(
    String method,
    Map<String, String> params,
    double score,
    double error,
    double allocNorm,
    JsonObject raw) {

  /** The rows of a result file; none if the file is missing. */
  static List<Jmh> load(Path file) throws IOException {
    List<Jmh> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      String benchmark = o.get("benchmark").getAsString();
      Map<String, String> params = new LinkedHashMap<>();
      if (o.has("params")) {
        o.getAsJsonObject("params")
            .entrySet()
            .forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
      }
      JsonObject primary = o.getAsJsonObject("primaryMetric");
      JsonObject alloc =
          o.getAsJsonObject("secondaryMetrics").getAsJsonObject("gc.alloc.rate.norm");
      rows.add(
          new Jmh(
              benchmark.substring(benchmark.lastIndexOf('.') + 1),
              params,
              primary.get("score").getAsDouble(),
              primary.get("scoreError").getAsDouble(),
              alloc == null ? Double.NaN : alloc.get("score").getAsDouble(),
              o));
    }
    return rows;
  }

  /**
   * The row of a method or client (the {@code client} parameter) on a workload (any if null); a row
   * of NaNs if the run has none, so that a missing figure shows as n/a.
   */
  static Jmh find(List<Jmh> rows, String name, @Nullable String workload) {
    for (Jmh r : rows) {
      boolean named = r.method.equals(name) || name.equals(r.params.get("client"));
      if (named && (workload == null || workload.equals(r.params.get("workload")))) {
        return r;
      }
    }
    return new Jmh(name, Map.of(), Double.NaN, Double.NaN, Double.NaN, new JsonObject());
  }

  /** JMH's settings for a phase, from its first row, as a line of the report. */
  static String settings(List<Jmh> rows) {
    JsonObject o = rows.get(0).raw;
    return String.format(
        Locale.ROOT,
        "JMH: %s fork(s), %s × %s warm-up, %s × %s measured, mode %s, JVM options %s.%n%n",
        o.get("forks"),
        o.get("warmupIterations"),
        o.get("warmupTime").getAsString(),
        o.get("measurementIterations"),
        o.get("measurementTime").getAsString(),
        o.get("mode").getAsString(),
        o.get("jvmArgs"));
  }

  /** JMH's 99.9% error as a share of the score, e.g. {@code ±4%}. */
  String errorPercent() {
    return Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ±%.0f%%", 100 * error / score);
  }
}
