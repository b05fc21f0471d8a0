package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSourceException;
import dev.eventsource.EventTooLargeException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.StreamEndedException;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile volumes: an event that never ends, a million blank lines. The first must end in {@link
 * EventTooLargeException} (CLOSED) long before the server is done, with the heap unchanged; the
 * second is valid and must deliver what follows it.
 */
class OversizeTest extends ReliabilityTest {
  static final int MAX_EVENT_SIZE = 1 << 20;
  static final long STREAM_BYTES = 50L << 20;
  static final int BLANK_LINES = 1_000_000;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void endlessLineFailsEarlyWithEventTooLarge(Adapter adapter) throws Exception {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'x');
    oversized(adapter, "data: ", block, "one line without a newline");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void endlessEventOfShortLinesFailsEarlyWithEventTooLarge(Adapter adapter) throws Exception {
    byte[] line = "data: 0123456789abcdef0123456789abcdef0123456789abcdef012345678\n".getBytes();
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (int i = 0; i < 1024; i++) {
      block.write(line);
    }
    oversized(adapter, "", block.toByteArray(), "data lines without a blank line");
  }

  private void oversized(Adapter adapter, String prefix, byte[] block, String what)
      throws Exception {
    AtomicLong written = new AtomicLong();
    AtomicBoolean writeFailed = new AtomicBoolean();
    CountDownLatch serverDone = new CountDownLatch(1);
    RawServer server =
        serve(
            exchange -> {
              try {
                exchange.streamHead();
                exchange.write(prefix);
                while (exchange.written() < STREAM_BYTES) {
                  exchange.write(block);
                }
              } catch (IOException e) {
                writeFailed.set(true); // the client closed the connection
              } finally {
                written.set(exchange.written());
                serverDone.countDown();
              }
            });
    long heapBefore = usedHeapAfterGc();
    RecordingListener recorder = Secrets.recorder();
    long start = System.nanoTime();
    open(
        builder(adapter, server.uri("/endless"), recorder)
            .maxEventSize(MAX_EVENT_SIZE)
            .retryPolicy(noBackoff(0)));

    recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS);
    EventSourceException error = recorder.takeError(ReadyState.CLOSED, 30_000);
    long failedAfter = millisSince(start);
    assertThat(error).isInstanceOf(EventTooLargeException.class);
    assertThat(((EventTooLargeException) error).maxEventSize()).isEqualTo(MAX_EVENT_SIZE);
    assertThat(error.getMessage()).contains("maximum event size", "maxEventSize");
    assertThat(serverDone.await(10, TimeUnit.SECONDS)).as("server write ended").isTrue();
    assertThat(writeFailed).as("the client closed the connection mid-stream").isTrue();
    assertThat(written.get()).isLessThan(STREAM_BYTES);
    long heapGrowth = usedHeapAfterGc() - heapBefore;
    assertThat(heapGrowth).as("heap retained").isLessThan(32L << 20);
    Thread.sleep(200);
    assertThat(server.requests()).as("no reconnection after the error").isEqualTo(1);
    Figures.print(
        "endless",
        adapter,
        "%s: EventTooLargeException after %d ms; server wrote %.1f MiB of the %d MiB before the"
            + " client closed the connection; heap retained %+.1f MiB",
        what,
        failedAfter,
        written.get() / 1048576.0,
        STREAM_BYTES >> 20,
        heapGrowth / 1048576.0);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void millionBlankLinesDispatchNothingAndTheStreamGoesOn(Adapter adapter) throws Exception {
    byte[] blanks = blankLines(BLANK_LINES, new Random(DropsTest.SEED));
    RawServer server =
        serve(
            exchange -> {
              if (exchange.header("Last-Event-ID") != null) {
                exchange.respond("204 No Content");
                return;
              }
              exchange.streamHead();
              for (int i = 0; i < blanks.length; i += 64 * 1024) {
                exchange.write(blanks, i, Math.min(64 * 1024, blanks.length - i));
              }
              exchange.write("id: 1\ndata: after\n\n");
            });
    RecordingListener recorder = Secrets.recorder();
    long start = System.nanoTime();
    open(builder(adapter, server.uri("/blank"), recorder).retryPolicy(noBackoff(0)));

    recorder.next(RecordingListener.Kind.OPEN, WAIT_MILLIS);
    MessageEvent only = recorder.takeMessage(30_000);
    long took = millisSince(start);
    assertThat(only.data()).isEqualTo("after");
    assertThat(only.lastEventId()).isEqualTo("1");
    assertThat(recorder.takeError(ReadyState.CONNECTING, WAIT_MILLIS))
        .isInstanceOf(StreamEndedException.class);
    EventSourceException end = recorder.takeError(ReadyState.CLOSED, WAIT_MILLIS);
    assertThat(((UnexpectedResponseException) end).status()).isEqualTo(204);
    Figures.print(
        "blank-lines",
        adapter,
        "%d blank lines (%d bytes, LF, CRLF and CR mixed): 0 events, then the next event after"
            + " %d ms",
        BLANK_LINES,
        blanks.length,
        took);
  }

  /** Exactly {@code count} empty lines: a CR is never followed by a lone LF, which would join. */
  static byte[] blankLines(int count, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * 2);
    boolean afterCr = false;
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(afterCr ? 2 : 3);
      String eol = kind == 0 ? "\r" : kind == 1 ? "\r\n" : "\n";
      out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
      afterCr = kind == 0;
    }
    return out.toByteArray();
  }

  static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
