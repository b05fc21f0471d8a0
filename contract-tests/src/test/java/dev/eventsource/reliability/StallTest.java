package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSourceException;
import dev.eventsource.ReadyState;
import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Servers that stall: the source's read timeout (700 ms here) treats the silence as a lost
 * connection (an error with a {@link ConnectionFailedException} caused by a {@link
 * SocketTimeoutException}, readyState CONNECTING), closes the stalled socket, and the next
 * connection works once the server does. The read timeout counts from the request and from each
 * chunk, so it also covers a connect or a response head that never comes.
 */
class StallTest extends ReliabilityTest {
  static final long READ_TIMEOUT_MILLIS = 700;
  static final String RECOVERED = "id: 1\ndata: recovered\n\n";

  private final CountDownLatch stalledConnectionClosed = new CountDownLatch(1);

  /**
   * When the stalling server began to send its head, so that the read timeout is timed from before
   * the client's last activity: the OPEN callback runs later, on another thread.
   */
  private volatile long stallHeadNanos;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void serverThatNeverSendsHeaders(Adapter adapter) throws Exception {
    RawServer server = stallingThenHealthy(exchange -> closedByClient(exchange, 10_000));
    timesOutThenRecovers(adapter, server, false, "no response head");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void serverThatSendsHeadersThenNothing(Adapter adapter) throws Exception {
    RawServer server =
        stallingThenHealthy(
            exchange -> {
              stallHeadNanos = System.nanoTime();
              exchange.streamHead();
              closedByClient(exchange, 10_000);
            });
    timesOutThenRecovers(adapter, server, true, "head, then silence");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void serverThatSendsOneByteASecond(Adapter adapter) throws Exception {
    RawServer server = stallingThenHealthy(exchange -> drip(exchange, 1_000));
    timesOutThenRecovers(adapter, server, true, "a byte a second");
  }

  /** The timeout is an idle timeout: bytes every 100 ms keep a 700 ms timeout from firing. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void dripFasterThanTheTimeoutKeepsTheConnection(Adapter adapter) throws Exception {
    RawServer server = serve(exchange -> drip(exchange, 100));
    RecordingListener recorder = Secrets.recorder();
    open(
        builder(adapter, server.uri("/drip"), recorder)
            .readTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
            .retryPolicy(noBackoff(50)));
    long opened = recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS).nanos();
    assertThat(recorder.takeMessage(WAIT_MILLIS).data()).isEqualTo("drip");
    Figures.print(
        "stall", adapter, "100 ms drip: event after %d ms, no timeout", millisSince(opened));
  }

  /** The listening socket's accept queue is full: the connect itself hangs. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void serverThatNeverAccepts(Adapter adapter) throws Exception {
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
    List<Socket> fillers = new ArrayList<>();
    boolean full = false;
    while (!full && fillers.size() < 64) {
      Socket filler = new Socket();
      try {
        filler.connect(listener.getLocalSocketAddress(), 300);
        fillers.add(filler);
      } catch (SocketTimeoutException e) {
        filler.close();
        full = true;
      }
    }
    if (!full) {
      fillers.forEach(RawServer::closeQuietly);
      listener.close();
    }
    Assumptions.assumeTrue(full, "this kernel does not drop SYNs when the accept queue is full");
    RecordingListener recorder = Secrets.recorder();
    open(
        builder(adapter, URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/"), recorder)
            .readTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
            .retryPolicy(noBackoff(50)));
    long start = System.nanoTime();
    EventSourceException error = recorder.takeError(ReadyState.CONNECTING, WAIT_MILLIS);
    long firedAfter = millisSince(start);
    assertThat(error)
        .isInstanceOf(ConnectionFailedException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class);

    fillers.forEach(RawServer::closeQuietly);
    long recovery = System.nanoTime();
    AtomicInteger requests = new AtomicInteger();
    track(RawServer.adopt(listener, exchange -> healthy(exchange, requests)));
    int timeouts = 1;
    RecordingListener.Callback call;
    while ((call = recorder.next(WAIT_MILLIS)).kind() == RecordingListener.Kind.ERROR) {
      assertThat(call.error())
          .isInstanceOf(ConnectionFailedException.class)
          .hasCauseInstanceOf(SocketTimeoutException.class);
      timeouts++;
    }
    assertThat(call.kind()).isEqualTo(RecordingListener.Kind.OPEN);
    assertThat(recorder.takeMessage(WAIT_MILLIS).data()).isEqualTo("recovered");
    Figures.print(
        "stall",
        adapter,
        "never accepts: timeout after %d ms, %d timeout(s), recovered %d ms after accepting",
        firedAfter,
        timeouts,
        millisSince(recovery));
  }

  private RawServer stallingThenHealthy(RawServer.Handler stall) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    return serve(
        exchange -> {
          if (requests.get() == 0) {
            requests.incrementAndGet();
            stall.handle(exchange);
          } else {
            healthy(exchange, requests);
          }
        });
  }

  private static void healthy(Exchange exchange, AtomicInteger requests) throws Exception {
    requests.incrementAndGet();
    exchange.streamHead();
    exchange.write(RECOVERED);
    exchange.holdUntilClientCloses();
  }

  private void closedByClient(Exchange exchange, long millis) throws Exception {
    if (exchange.awaitClientClose(millis)) {
      stalledConnectionClosed.countDown();
    }
  }

  /**
   * Sends {@code data: drip} and a blank line with the head, one byte at once and then one per
   * period, until the client leaves.
   */
  private void drip(Exchange exchange, long periodMillis) throws Exception {
    stallHeadNanos = System.nanoTime();
    exchange.streamHead();
    byte[] event = "data: drip\n\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < event.length; i++) {
      if (i > 0 && exchange.awaitClientClose(periodMillis)) {
        stalledConnectionClosed.countDown();
        return;
      }
      exchange.write(event, i, 1);
    }
    exchange.holdUntilClientCloses();
  }

  private void timesOutThenRecovers(
      Adapter adapter, RawServer server, boolean headFirst, String what) throws Exception {
    RecordingListener recorder = Secrets.recorder();
    long start = System.nanoTime();
    open(
        builder(adapter, server.uri("/stall"), recorder)
            .readTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
            .retryPolicy(noBackoff(50)));
    if (headFirst) {
      recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS);
      start = stallHeadNanos; // the first byte goes with the head; the next one after the timeout
    }
    EventSourceException error = recorder.takeError(ReadyState.CONNECTING, WAIT_MILLIS);
    long firedAfter = millisSince(start);
    assertThat(error)
        .isInstanceOf(ConnectionFailedException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("no data received for " + READ_TIMEOUT_MILLIS + " ms");
    assertThat(firedAfter).isBetween(READ_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS + 1_500);
    long recovery = System.nanoTime();
    recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS);
    assertThat(recorder.takeMessage(WAIT_MILLIS).data()).isEqualTo("recovered");
    long recoveredAfter = millisSince(recovery);
    assertThat(stalledConnectionClosed.await(5, TimeUnit.SECONDS))
        .as("the client closed the stalled connection")
        .isTrue();
    Figures.print(
        "stall",
        adapter,
        "%s: read timeout after %d ms (timeout %d), next connection delivered in %d ms,"
            + " stalled socket closed by the client",
        what,
        firedAfter,
        READ_TIMEOUT_MILLIS,
        recoveredAfter);
  }
}
