package dev.eventsource.benchmarks.loopback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start: one shot per fresh JVM, from creating the client to its first event from a loopback
 * server. The library's classes are first loaded inside the measured call (the setup only starts
 * the server), so class loading and interpretation count, as they do for an application that opens
 * one stream at startup. The mean over the forks is the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(10)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {
  private static final byte[] ONE_EVENT = "data: hello\n\n".getBytes(StandardCharsets.US_ASCII);

  /** The library, over its default client. */
  @Param({"ours-jdk", "ours-okhttp", "okhttp-sse", "launchdarkly"})
  public String client = "ours-jdk";

  private CorpusServer server;
  private @Nullable StreamClient opened;

  /** Creates the benchmark state; JMH calls {@link #setUp()} before use. */
  public ColdStartBenchmark() {}

  /**
   * Starts the server, which answers with one event.
   *
   * @throws IOException if the port cannot be bound
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = CorpusServer.start(ONE_EVENT);
  }

  /**
   * Creates the client and reads the first event.
   *
   * @return the event's data length
   * @throws Exception if the stream fails
   */
  @Benchmark
  public long firstEvent() throws Exception {
    StreamClient c = StreamClients.create(client);
    opened = c;
    return c.stream(server.uri(), 1);
  }

  /**
   * Stops the client (outside the measured call) and the server.
   *
   * @throws IOException if the server socket fails to close
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (opened != null) {
      opened.close();
    }
    server.close();
  }
}
