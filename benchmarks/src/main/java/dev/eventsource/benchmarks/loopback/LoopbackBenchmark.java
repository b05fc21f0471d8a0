package dev.eventsource.benchmarks.loopback;

import dev.eventsource.benchmarks.corpus.Corpus;
import dev.eventsource.benchmarks.corpus.Workload;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One operation streams a whole corpus from a loopback server to one client, from the request to
 * the listener's last event. Events per second is operations per second times the corpus's events.
 * The server writes a prepared response, so it costs the same for every client.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LoopbackBenchmark {
  /** The workload: A (small events) or B (1 KiB JSON). */
  @Param({"A", "B"})
  public String workload = "A";

  /** The corpus size in MiB. */
  @Param("32")
  public int corpusMiB = 32;

  /** The client, one of {@link StreamClients#NAMES}. */
  @Param({
    "ours-jdk",
    "ours-okhttp",
    "okhttp-sse",
    "launchdarkly",
    "raw-socket",
    "bare-jdk",
    "bare-okhttp"
  })
  public String client = "ours-jdk";

  private Corpus corpus = Workload.A.generate(0);
  private CorpusServer server;
  private StreamClient streamClient;
  private URI uri = URI.create("http://127.0.0.1/");

  /** Creates the benchmark state; JMH calls {@link #setUp()} before use. */
  public LoopbackBenchmark() {}

  /**
   * Starts the server and the client, and reads the stream once to check it arrives whole.
   *
   * @throws Exception if the stream does not arrive whole
   */
  @Setup
  public void setUp() throws Exception {
    corpus = Workload.valueOf(workload).generate(corpusMiB);
    server = CorpusServer.start(corpus.bytes());
    uri = server.uri();
    streamClient = StreamClients.create(client);
    long checksum = streamClient.stream(uri, corpus.events());
    long expected = client.startsWith("raw") ? server.responseLength() : corpus.dataChars();
    if (client.startsWith("bare")) {
      expected = corpus.bytes().length;
    }
    if (checksum != expected) {
      throw new IllegalStateException(client + " read " + checksum + ", expected " + expected);
    }
  }

  /**
   * Stops the client and the server.
   *
   * @throws IOException if the server socket fails to close
   */
  @TearDown
  public void tearDown() throws IOException {
    streamClient.close();
    server.close();
  }

  /**
   * Streams the corpus once.
   *
   * @return the checksum
   * @throws Exception if the stream fails
   */
  @Benchmark
  public long stream() throws Exception {
    return streamClient.stream(uri, corpus.events());
  }
}
