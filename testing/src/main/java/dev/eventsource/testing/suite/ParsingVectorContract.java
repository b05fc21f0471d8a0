package dev.eventsource.testing.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.StreamEndedException;
import dev.eventsource.testing.ConformanceVectors;
import dev.eventsource.testing.ConformanceVectors.Expected;
import dev.eventsource.testing.ConformanceVectors.Vector;
import dev.eventsource.testing.RecordingListener;
import dev.eventsource.testing.StreamScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of {@code parsing.json} end to end through the adapter: the server writes each chunk
 * of the vector as one HTTP chunk, flushes it and pauses a millisecond (so that the client mostly
 * reads the chunks apart), then ends the body. The events before the error that reports the end
 * must be exactly the expected ones; the reconnection time must be the vector's {@code retry}.
 */
abstract class ParsingVectorContract extends ContractBase {
  /** A reconnection time no vector sets, so that "no retry field" is visible. */
  private static final long INITIAL_RECONNECTION_MILLIS = 4_321;

  /**
   * Every vector; none where the file cannot be found (a transport's own build, outside this
   * repository), where the test then runs zero times instead of failing.
   */
  static List<Vector> vectors() {
    return ConformanceVectors.available() ? ConformanceVectors.all() : List.of();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("dev.eventsource.testing.suite.ParsingVectorContract#vectors")
  void vectorArrivesAsExpected(Vector vector) throws Exception {
    StreamScript stream = server.stream();
    for (byte[] chunk : vector.chunks()) {
      stream.send(chunk).pause(1);
    }
    stream.end();
    recorder.closeOnError(); // the end of the body ends the test; no reconnection
    EventSource source =
        connect(builder("/vector").retryPolicy(policy(INITIAL_RECONNECTION_MILLIS)));

    recorder.takeOpen();
    List<Expected> events = new ArrayList<>();
    RecordingListener.Callback next;
    while ((next = recorder.next()).kind() == RecordingListener.Kind.MESSAGE) {
      MessageEvent event = next.event();
      events.add(new Expected(event.type(), event.data(), event.lastEventId()));
    }
    assertThat(next.state()).as("state at the end of the body").isEqualTo(ReadyState.CONNECTING);
    assertThat(next.error()).isInstanceOf(StreamEndedException.class);
    assertThat(events).containsExactlyElementsOf(vector.expect());
    long retry = vector.retry() == null ? INITIAL_RECONNECTION_MILLIS : vector.retry();
    assertThat(source.reconnectionTimeMillis()).as("reconnection time").isEqualTo(retry);
  }
}
