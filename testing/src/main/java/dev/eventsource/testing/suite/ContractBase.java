package dev.eventsource.testing.suite;

import dev.eventsource.EventSource;
import dev.eventsource.RetryPolicy;
import dev.eventsource.testing.RecordingListener;
import dev.eventsource.testing.SseTestServer;
import dev.eventsource.transport.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What every theme of the contract suite shares: the adapter under test (from the enclosing {@link
 * TransportContractSuite}), a fresh MockWebServer, a recording listener, and sources closed after
 * each test. Waits are bounded: a test never sleeps for long, and fails within seconds if something
 * that must happen does not.
 */
@Timeout(30)
abstract class ContractBase {
  /** How long a test watches for something that must not happen (a reconnect, a late callback). */
  static final long QUIET_MILLIS = 300;

  /** Quick reconnects without backoff, so that timing is predictable. */
  static final RetryPolicy FAST = policy(50);

  protected SseTestServer server;
  protected final RecordingListener recorder = new RecordingListener();
  private final List<EventSource> sources = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** The suite of the adapter under test; each nested theme returns its enclosing instance. */
  abstract TransportContractSuite suite();

  final Transport transport() {
    return suite().transport();
  }

  final @Nullable Transport h2cTransport() {
    return suite().h2cTransport();
  }

  final boolean http1HeadersCarryUtf8() {
    return suite().http1HeadersCarryUtf8();
  }

  static RetryPolicy policy(long reconnectionMillis) {
    return RetryPolicy.builder()
        .reconnectionTime(reconnectionMillis, TimeUnit.MILLISECONDS)
        .backoff(false)
        .build();
  }

  @BeforeEach
  final void startServer() throws IOException {
    server = new SseTestServer();
  }

  @AfterEach
  final void closeEverything() throws Exception {
    sources.forEach(EventSource::close);
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    server.close();
    recorder.assertSerial();
    recorder.assertNoMoreCallbacks();
  }

  /** A source for the path on {@link #server}, recorded, with {@link #FAST} reconnects. */
  EventSource.Builder builder(String path) {
    return builder(server.url(path), transport());
  }

  EventSource.Builder builder(String url, Transport transport) {
    return recorder.attach(EventSource.builder(url, transport)).retryPolicy(FAST);
  }

  /** Builds the source, which starts connecting, and closes it after the test. */
  EventSource connect(EventSource.Builder builder) {
    EventSource source = builder.build();
    sources.add(source);
    return source;
  }

  /** Closes the resource after the test's sources, before the server. */
  <T extends AutoCloseable> T closeLater(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  /** Waits until the count stops growing for a while (at most 10 s), and returns it. */
  static long awaitSettled(AtomicLong count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = count.get();
      if (now == last && now > 0) {
        return now;
      }
      last = now;
      Thread.sleep(200);
    }
    return count.get();
  }

  /** Waits (at most 30 s) for the latch, from a listener that must not throw. */
  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
