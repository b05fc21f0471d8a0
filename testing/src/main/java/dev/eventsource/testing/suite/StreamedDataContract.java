package dev.eventsource.testing.suite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventDataListener;
import dev.eventsource.EventSource;
import dev.eventsource.testing.StreamScript;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * {@link EventSource.Builder#streamEventData}: an event of 64 MiB, written in random-size pieces,
 * reaches the data listener in parts that put together are its data, through a size limit of 64
 * KiB; and a data listener that stops holds back the server, as message listeners do.
 */
abstract class StreamedDataContract extends ContractBase {
  private static final int LIMIT = 64 * 1024;

  private final CountDownLatch opened = new CountDownLatch(1);

  /**
   * A source for the path with {@link #FAST} reconnects and no event listener, which a source that
   * streams event data refuses: only its opening is recorded.
   */
  private EventSource.Builder streaming(String path) {
    return EventSource.builder(server.url(path), transport())
        .retryPolicy(FAST)
        .onOpen(s -> opened.countDown());
  }

  private void awaitOpen() throws InterruptedException {
    assertThat(opened.await(10, TimeUnit.SECONDS)).as("the connection opened").isTrue();
  }

  /** Records the parts' length and checksum and each end; called serially. */
  private static final class Parts implements EventDataListener {
    final CRC32 crc = new CRC32();
    final AtomicLong length = new AtomicLong();
    final List<String> ends = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(2);

    @Override
    public void onDataPart(EventSource source, byte[] part) {
      crc.update(part, 0, part.length);
      length.addAndGet(part.length);
    }

    @Override
    public void onEventEnd(EventSource source, String type, String lastEventId) {
      ends.add(type + " " + lastEventId + " " + length.get() + " " + crc.getValue());
      crc.reset();
      length.set(0);
      ended.countDown();
    }

    @Override
    public void onEventDiscarded(EventSource source) {
      ends.add("discarded");
    }
  }

  @Test
  void sixtyFourMebibyteEventArrivesInPartsThroughASmallLimit() throws Exception {
    Random random = new Random(64);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    CRC32 expected = new CRC32();
    long dataLength = 0;
    stream.write("event: huge\nid: 7\n".getBytes(UTF_8));
    for (int line = 0; dataLength < (64L << 20); line++) {
      byte[] value = new byte[random.nextInt(4 << 20)];
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) ('a' + random.nextInt(26));
      }
      if (line > 0) {
        expected.update('\n');
        dataLength++;
      }
      expected.update(value, 0, value.length);
      dataLength += value.length;
      stream.write("data: ".getBytes(UTF_8));
      stream.write(value);
      stream.write('\n');
    }
    stream.write("\ndata: after\n\n".getBytes(UTF_8));
    byte[] bytes = stream.toByteArray();
    StreamScript script = server.stream();
    for (int at = 0; at < bytes.length; ) {
      int size = Math.min(bytes.length - at, 1 + random.nextInt(128 * 1024));
      script.send(Arrays.copyOfRange(bytes, at, at + size));
      at += size;
    }
    Parts parts = new Parts();
    connect(streaming("/huge").maxEventSize(LIMIT).streamEventData(parts));

    awaitOpen();
    assertThat(parts.ended.await(20, TimeUnit.SECONDS)).as("both events ended").isTrue();
    CRC32 after = new CRC32();
    after.update("after".getBytes(UTF_8));
    assertThat(parts.ends)
        .containsExactly(
            "huge 7 " + dataLength + " " + expected.getValue(), "message 7 5 " + after.getValue());
  }

  @Test
  void dataListenerThatStopsHoldsBackTheServer() throws Exception {
    byte[] chunk = "x".repeat(16 * 1024).getBytes(UTF_8);
    long chunks = (1L << 30) / chunk.length;
    AtomicLong written = new AtomicLong();
    StreamScript script = server.stream().send("data: ").repeat(chunk, chunks, written);
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong received = new AtomicLong();
    ExecutorService ownThread = Executors.newSingleThreadExecutor(); // its listener blocks
    closeLater(ownThread::shutdownNow);
    connect(
        streaming("/big")
            .executor(ownThread)
            .maxEventSize(LIMIT)
            .streamEventData(
                new EventDataListener() {
                  @Override
                  public void onDataPart(EventSource source, byte[] part) {
                    if (received.getAndAdd(part.length) == 0) {
                      awaitQuietly(release);
                    }
                  }

                  @Override
                  public void onEventEnd(EventSource source, String type, String lastEventId) {}
                }));
    awaitOpen();

    long settled = awaitSettled(written);
    // Socket buffers on both sides, the client's read-ahead and one chunk: a few MiB at most.
    assertThat(settled).as("bytes the server could write").isLessThan(32L << 20);
    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.get() < settled + (8L << 20) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(received.get())
        .as("the listener, going on, lets the server go on")
        .isGreaterThan(settled + (8L << 20));
    script.stop();
  }
}
