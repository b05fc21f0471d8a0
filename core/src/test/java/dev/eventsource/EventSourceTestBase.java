package dev.eventsource;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The fixture of the state-machine tests: a fake transport, a fake clock, listeners run directly on
 * the thread that delivers (so every test is synchronous), and a {@link RecordingListener} that
 * must have been read to the end when the test finishes.
 */
abstract class EventSourceTestBase {
  static final URI URL = URI.create("https://example.com/stream");
  static final String ORIGIN = "https://example.com";

  /** The reconnection time of {@link #builder()}, with backoff off, so delays are exact. */
  static final long RECONNECT_MILLIS = 1000;

  final FakeScheduler scheduler = new FakeScheduler();
  final FakeTransport transport = new FakeTransport();
  final RecordingListener listener = new RecordingListener();
  private final List<EventSource> sources = new ArrayList<>();

  /** A builder with the recorder attached, a direct executor and a fixed 1 s reconnection time. */
  EventSource.Builder builder() {
    return listener.attach(bareBuilder());
  }

  /** A builder without listeners. */
  EventSource.Builder bareBuilder() {
    return EventSource.builder(URL, transport)
        .scheduler(scheduler)
        .executor(Runnable::run)
        .retryPolicy(fixedDelay(RECONNECT_MILLIS));
  }

  static RetryPolicy fixedDelay(long millis) {
    return RetryPolicy.builder().reconnectionTime(millis, MILLISECONDS).backoff(false).build();
  }

  /** Builds the source; it is closed after the test. */
  EventSource start(EventSource.Builder builder) {
    EventSource source = builder.build();
    sources.add(source);
    return source;
  }

  EventSource start() {
    return start(builder());
  }

  /** Builds the source and answers its first request with a stream; takes the open callback. */
  EventSource open(EventSource.Builder builder) {
    EventSource source = start(builder);
    transport.last().respondOk();
    listener.takeOpen();
    return source;
  }

  EventSource open() {
    return open(builder());
  }

  /** Ends the current connection normally and takes the error it reports. */
  void endStream() {
    transport.last().end();
    listener.takeError(ReadyState.CONNECTING, StreamEndedException.class);
  }

  /**
   * Asserts that the next request goes out exactly {@code millis} after now, not a millisecond
   * earlier, and returns its exchange.
   */
  FakeExchange reconnectsAfter(long millis) {
    int before = transport.count();
    if (millis > 0) {
      scheduler.advance(millis - 1);
      assertThat(transport.count())
          .as("requests 1 ms before the %d ms delay", millis)
          .isEqualTo(before);
      scheduler.advance(1);
    } else {
      scheduler.runDueTasks();
    }
    assertThat(transport.count())
        .as("requests after the %d ms delay", millis)
        .isEqualTo(before + 1);
    return transport.last();
  }

  @AfterEach
  void nothingUnexpected() {
    listener.assertNoMoreCallbacks();
    for (EventSource source : sources) {
      source.close();
    }
    listener.assertNoMoreCallbacks();
  }
}
