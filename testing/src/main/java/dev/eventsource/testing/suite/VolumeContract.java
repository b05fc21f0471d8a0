package dev.eventsource.testing.suite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.testing.StreamScript;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Events of 14 MB arrive whole, whether the server writes them in one chunk or two: no small
 * default size limit, and nothing lost or reordered between the adapter's reads. And many streams
 * share one transport and one host without waiting for each other (no per-host call limit), even
 * while a listener of one of them blocks.
 */
abstract class VolumeContract extends ContractBase {
  private static final int SIZE = 14 * 1024 * 1024;

  /** Not one repeated byte, so that a lost or repeated buffer changes the data. */
  private static String largeData() {
    StringBuilder data = new StringBuilder(SIZE);
    for (int i = 0; data.length() < SIZE; i++) {
      data.append(Integer.toString(i, 36)).append(' ');
    }
    data.setLength(SIZE);
    return data.toString();
  }

  @Test
  void fourteenMegabyteEventInOneChunkArrivesWhole() throws Exception {
    String data = largeData();
    server.stream().send(("data: " + data + "\n\n").getBytes(UTF_8)).send("data: after\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    assertArrivedWhole(recorder.takeMessage(), data);
    recorder.takeMessage("after");
  }

  @Test
  void fourteenMegabyteEventInTwoChunksArrivesWhole() throws Exception {
    String data = largeData();
    byte[] bytes = ("data: " + data + "\n\n").getBytes(UTF_8);
    int half = bytes.length / 2;
    server.stream()
        .send(Arrays.copyOfRange(bytes, 0, half))
        .pause(20)
        .send(Arrays.copyOfRange(bytes, half, bytes.length))
        .send("data: after\n\n");
    connect(builder("/stream"));

    recorder.takeOpen();
    assertArrivedWhole(recorder.takeMessage(), data);
    recorder.takeMessage("after");
  }

  private static void assertArrivedWhole(MessageEvent event, String data) {
    assertThat(event.data().length()).as("length of the data").isEqualTo(data.length());
    assertThat(event.data().equals(data)).as("the data arrived unchanged").isTrue();
  }

  @Test
  void burstOfManySmallEventsArrivesInOrder() throws Exception {
    int events = 20_000;
    StreamScript stream = server.stream();
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < events; i++) {
      chunk.append("id: ").append(i).append("\ndata: ").append(i).append("\n\n");
      if (i % 700 == 699 || i == events - 1) {
        stream.send(chunk.toString());
        chunk.setLength(0);
      }
    }
    stream.end();
    recorder.closeOnError();
    connect(builder("/stream"));

    recorder.takeOpen();
    for (int i = 0; i < events; i++) {
      MessageEvent event = recorder.takeMessage();
      if (!event.data().equals(Integer.toString(i)) || !event.lastEventId().equals(event.data())) {
        fail("event %d arrived as %s", i, event);
      }
    }
    recorder.takeError(ReadyState.CONNECTING);
  }

  @Test
  void manyConcurrentStreamsToOneHostShareATransport() throws Exception {
    int count = 40;
    CountDownLatch received = new CountDownLatch(count);
    List<Object> errors = new CopyOnWriteArrayList<>();
    for (int i = 0; i < count; i++) {
      server.stream().send("data: hello\n\n");
    }
    for (int i = 0; i < count; i++) {
      connect(
          EventSource.builder(server.url("/stream/" + i), transport())
              .retryPolicy(FAST)
              .onMessage((s, e) -> received.countDown())
              .onError((s, e) -> errors.add(e)));
    }

    assertThat(received.await(10, TimeUnit.SECONDS))
        .as("all %d streams open at once delivered their event", count)
        .isTrue();
    assertThat(errors).isEmpty();
    assertThat(server.requestCount()).isEqualTo(count);
  }

  /**
   * Listeners run on the default executor, or on a thread the transport gives each connection:
   * never on a thread that other streams need, such as a client's selector thread.
   */
  @Test
  void listenerThatBlocksHoldsUpNoOtherStreamOfTheTransport() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch otherReceived = new CountDownLatch(1);
    try {
      server.stream().send("data: block\n\n");
      connect(
          EventSource.builder(server.url("/blocking"), transport())
              .retryPolicy(FAST)
              .onMessage(
                  (s, e) -> {
                    blocked.countDown();
                    awaitQuietly(release);
                  }));
      assertThat(blocked.await(10, TimeUnit.SECONDS)).as("the first listener runs").isTrue();

      server.stream().send("data: hello\n\n");
      connect(
          EventSource.builder(server.url("/other"), transport())
              .retryPolicy(FAST)
              .onMessage((s, e) -> otherReceived.countDown()));
      assertThat(otherReceived.await(10, TimeUnit.SECONDS))
          .as("another stream's event arrives while the first stream's listener blocks")
          .isTrue();
    } finally {
      release.countDown();
    }
  }
}
