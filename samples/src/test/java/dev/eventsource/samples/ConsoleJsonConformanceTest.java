package dev.eventsource.samples;

import static dev.eventsource.samples.ConsoleRun.error;
import static dev.eventsource.samples.ConsoleRun.event;
import static dev.eventsource.samples.ConsoleRun.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.ConformanceVectors;
import dev.eventsource.testing.ConformanceVectors.Expected;
import dev.eventsource.testing.ConformanceVectors.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of {@code parsing.json} through the whole console subscriber, over each transport: a
 * local server writes each chunk of the vector as one flushed HTTP chunk and ends the body, and
 * {@code --json --max-errors 1} must print the open, exactly the expected events, and the error
 * that reports the end, then exit 0. The subscriber runs in this JVM, so 286 runs take seconds.
 */
class ConsoleJsonConformanceTest {
  private static final List<Vector> VECTORS = ConformanceVectors.all();

  private LocalServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new LocalServer();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  static Stream<Arguments> vectorsOnBothTransports() {
    return Stream.of("okhttp", "jdk")
        .flatMap(transport -> VECTORS.stream().map(v -> Arguments.of(transport, v)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vectorsOnBothTransports")
  void jsonOutputShowsExactlyTheExpectedEventsThenTheEnd(String transport, Vector vector)
      throws Exception {
    server.enqueue(
        exchange -> {
          exchange.startStream();
          for (byte[] chunk : vector.chunks()) {
            exchange.chunk(chunk);
          }
          exchange.end();
        });

    ConsoleRun run =
        ConsoleRun.of(
            "--json", "--max-errors", "1", "--transport", transport, server.url("/vector"));

    List<Map<String, Object>> expected = new ArrayList<>();
    expected.add(open());
    for (Expected e : vector.expect()) {
      expected.add(event(e.type(), e.data(), e.lastEventId(), server.origin()));
    }
    expected.add(error(0)); // the body ended; the source would reconnect, --max-errors 1 stops it
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks()).as(run.describe()).containsExactlyElementsOf(expected);
    assertThat(server.takeRequest().line()).isEqualTo("GET /vector HTTP/1.1");
  }

  @Test
  void everyVectorOfTheSharedFileIsLoaded() {
    assertThat(VECTORS).hasSizeGreaterThan(100);
  }
}
