package dev.eventsource.benchmarks.parse;

import com.launchdarkly.eventsource.StreamException;
import dev.eventsource.benchmarks.corpus.Corpus;
import dev.eventsource.benchmarks.corpus.Workload;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation parses a whole corpus. Throughput in MB/s is operations per second times the corpus
 * size; allocation per event is {@code gc.alloc.rate.norm} over the corpus's event count. Before
 * measuring, the setup checks that every parser reports the corpus's events and data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {
  /** The workload, A to F (F1: F at 1 MiB). */
  @Param({"A", "B", "C", "D", "E", "F", "F1"})
  public String workload = "A";

  /** The size of workloads A to E in MiB. */
  @Param("32")
  public int corpusMiB = 32;

  private Corpus corpus = Workload.A.generate(0);
  private final byte[] readBuffer = new byte[8192];

  /** Creates the benchmark state; JMH calls {@link #setUp} before use. */
  public ParseBenchmark() {}

  /**
   * Generates the corpus and checks the harness about to be measured against it.
   *
   * @param params tells which benchmark method runs in this fork
   * @throws Exception if the harness misreads the corpus
   */
  @Setup
  public void setUp(BenchmarkParams params) throws Exception {
    corpus = Workload.valueOf(workload).generate(corpusMiB);
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    Agreement.check(corpus, readBuffer, method);
  }

  /**
   * This library's parser.
   *
   * @param blackhole consumes the strings
   * @return the event count
   * @throws IOException never for these corpora
   */
  @Benchmark
  public int ours(Blackhole blackhole) throws IOException {
    return Parsers.ours(corpus, readBuffer, (t, d, id) -> consume(blackhole, t, d, id));
  }

  /**
   * okhttp-sse's parser.
   *
   * @param blackhole consumes the strings
   * @return the event count
   * @throws IOException never for these corpora
   */
  @Benchmark
  public int okhttpSse(Blackhole blackhole) throws IOException {
    return Parsers.okhttpSse(corpus, (t, d, id) -> consume(blackhole, t, d, id));
  }

  /**
   * LaunchDarkly's parser.
   *
   * @param blackhole consumes the strings
   * @return the event count
   * @throws StreamException never for these corpora
   */
  @Benchmark
  public int launchDarkly(Blackhole blackhole) throws StreamException {
    return Parsers.launchDarkly(corpus, (t, d, id) -> consume(blackhole, t, d, id));
  }

  /**
   * The limit: a plain scan for LF.
   *
   * @return the LF count
   */
  @Benchmark
  public int newlineScan() {
    return Parsers.newlineScan(corpus, readBuffer);
  }

  private static void consume(Blackhole blackhole, Object type, Object data, Object id) {
    blackhole.consume(type);
    blackhole.consume(data);
    blackhole.consume(id);
  }
}
