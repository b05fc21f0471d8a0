package dev.eventsource.benchmarks.parse;

import com.launchdarkly.eventsource.StreamException;
import dev.eventsource.benchmarks.corpus.Corpus;
import dev.eventsource.benchmarks.corpus.Workload;
import java.io.IOException;
import java.util.List;
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

/**
 * The huge-event workloads (F, F1) with each event's data streamed in parts instead of made a
 * string: this library's data streaming mode and LaunchDarkly's {@code streamEventData(true)}, to
 * set beside {@link ParseBenchmark}'s rows for the same workloads. One operation parses a whole
 * corpus, read in the same chunks; the setup checks that each reports the corpus's events and data
 * length.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamingParseBenchmark {
  /** The workloads this benchmark runs: those of one huge event. */
  static final List<String> WORKLOADS = List.of("F", "F1");

  /** The workload: F (one 8 MiB event in 16-byte reads) or F1 (1 MiB). */
  @Param({"F", "F1"})
  public String workload = "F";

  /** Not used by F and F1 (their size is fixed); kept so that a run sets it as on the others. */
  @Param("32")
  public int corpusMiB = 32;

  private Corpus corpus = Workload.F1.generate(0);
  private final byte[] readBuffer = new byte[8192];
  private final char[] readChars = new char[8192];
  private final long[] dataLength = new long[1];

  /** Creates the benchmark state; JMH calls {@link #setUp} before use. */
  public StreamingParseBenchmark() {}

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
   * This library's parser in data streaming mode.
   *
   * @return the event count plus the data length, so that nothing is optimised away
   * @throws IOException never for these corpora
   */
  @Benchmark
  public long oursStreaming() throws IOException {
    return Parsers.oursStreaming(corpus, readBuffer, dataLength) + dataLength[0];
  }

  /**
   * LaunchDarkly's {@code EventSource} with {@code streamEventData(true)}.
   *
   * @return the event count plus the data length, so that nothing is optimised away
   * @throws StreamException never for these corpora
   * @throws IOException never for these corpora
   */
  @Benchmark
  public long launchDarklyStreaming() throws StreamException, IOException {
    return Parsers.launchDarklyStreaming(corpus, readChars, dataLength) + dataLength[0];
  }
}
