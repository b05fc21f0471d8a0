package dev.eventsource.benchmarks.report;

import dev.eventsource.benchmarks.loopback.LoopbackBenchmark;
import dev.eventsource.benchmarks.parse.ParseBenchmark;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks in forked JVMs, with the GC profiler, and collects their figures. */
final class JmhPhase {
  private JmhPhase() {}

  /** Parser results by workload, then by benchmark method ({@code ours}, {@code okhttpSse}...). */
  static Map<String, Map<String, JmhFigure>> parse(Settings s, Path out) throws RunnerException {
    ChainedOptionsBuilder options =
        common(ParseBenchmark.class, out.resolve("jmh-parse.json"))
            .param("corpusMiB", Integer.toString(s.parseMiB))
            .forks(s.parseForks)
            .warmupIterations(s.parseWarmups)
            .warmupTime(TimeValue.milliseconds(s.parseIterationMillis))
            .measurementIterations(s.parseIterations)
            .measurementTime(TimeValue.milliseconds(s.parseIterationMillis));
    return collect(new Runner(options.build()).run(), null);
  }

  /** Loopback results by workload, then by client name. */
  static Map<String, Map<String, JmhFigure>> loopback(Settings s, Path out) throws RunnerException {
    ChainedOptionsBuilder options =
        common(LoopbackBenchmark.class, out.resolve("jmh-loopback.json"))
            .param("corpusMiB", Integer.toString(s.loopbackMiB))
            .forks(s.loopbackForks)
            .warmupIterations(s.loopbackWarmups)
            .warmupTime(TimeValue.milliseconds(s.loopbackIterationMillis))
            .measurementIterations(s.loopbackIterations)
            .measurementTime(TimeValue.milliseconds(s.loopbackIterationMillis));
    return collect(new Runner(options.build()).run(), "client");
  }

  private static ChainedOptionsBuilder common(Class<?> benchmark, Path json) {
    return new OptionsBuilder()
        .include("^" + Pattern.quote(benchmark.getName() + "."))
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend("-Xms2g", "-Xmx2g")
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
  }

  private static Map<String, Map<String, JmhFigure>> collect(
      Collection<RunResult> results, @Nullable String nameParam) {
    Map<String, Map<String, JmhFigure>> byWorkload = new LinkedHashMap<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String benchmark = params.getBenchmark();
      String name =
          nameParam == null
              ? benchmark.substring(benchmark.lastIndexOf('.') + 1)
              : params.getParam(nameParam);
      Result<?> primary = result.getPrimaryResult();
      double allocated = Double.NaN;
      for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          allocated = e.getValue().getScore();
        }
      }
      byWorkload
          .computeIfAbsent(params.getParam("workload"), k -> new LinkedHashMap<>())
          .put(name, new JmhFigure(primary.getScore(), primary.getScoreError(), allocated));
    }
    return byWorkload;
  }
}
