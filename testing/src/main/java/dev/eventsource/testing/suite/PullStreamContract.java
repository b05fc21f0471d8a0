package dev.eventsource.testing.suite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSource;
import dev.eventsource.EventStream;
import dev.eventsource.EventStreamException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.testing.StreamScript;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * One-shot streams and the pull stream over real connections: a POST sent exactly once, completion
 * told apart from failure, leaving the loop early freeing the connection, and a consumer that stops
 * pulling holding back a server that has a gigabyte to send.
 */
abstract class PullStreamContract extends ContractBase {
  private static final String PROMPT = "{\"prompt\":\"hi\"}";

  /** A one-shot POST of {@link #PROMPT}, with {@link #FAST} reconnects and no listener. */
  private EventSource.Builder post(String path) {
    return EventSource.builder(server.url(path), transport())
        .retryPolicy(FAST)
        .method("POST", PROMPT.getBytes(UTF_8))
        .header("Content-Type", "application/json")
        .oneShot(true);
  }

  private EventStream open(EventSource.Builder builder) {
    return closeLater(builder.stream());
  }

  private static List<String> data(Iterable<MessageEvent> events) {
    List<String> data = new ArrayList<>();
    for (MessageEvent event : events) {
      data.add(event.data());
    }
    return data;
  }

  private void assertPostedOnce() throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getBody().utf8()).isEqualTo(PROMPT);
    assertThat(server.pollRequest(QUIET_MILLIS)).as("the request sent again").isNull();
  }

  @Test
  void oneShotPostIsSentOnceAndTheLoopEndsWithTheReply() throws Exception {
    server.stream().send("data: Hel\n\n").send("data: lo\n\ndata: [DONE]\n\n").end();
    EventStream stream = open(post("/chat"));

    assertThat(data(stream)).containsExactly("Hel", "lo", "[DONE]");
    assertThat(stream.source().readyState()).isEqualTo(ReadyState.CLOSED);
    assertPostedOnce();
  }

  @Test
  void oneShotListenerSeesCompletionNotAnError() throws Exception {
    server.stream().send("data: a\n\n").end();
    connect(recorder.attach(post("/chat")));

    recorder.takeOpen();
    recorder.takeMessage("a");
    recorder.takeComplete();
    assertPostedOnce();
  }

  @Test
  void oneShotCutOffMidReplyFailsWithTheCauseAndIsNotSentAgain() throws Exception {
    server.stream().send("data: a\n\n").drop();
    EventStream stream = open(post("/chat"));

    Iterator<MessageEvent> events = stream.iterator();
    assertThat(events.next().data()).isEqualTo("a");
    assertThatThrownBy(events::hasNext)
        .isInstanceOf(EventStreamException.class)
        .hasCauseInstanceOf(ConnectionFailedException.class);
    assertPostedOnce();
  }

  @Test
  void leavingTheLoopEarlyClosesTheConnectionAtOnce() throws Exception {
    StreamScript script = server.stream().repeatUntilClientGone("data: tick\n\n", 20);
    try (EventStream stream = builder("/stream").stream()) {
      for (MessageEvent event : stream) {
        assertThat(event.data()).isEqualTo("tick");
        break;
      }
    }
    assertThat(script.awaitClientGone(5, TimeUnit.SECONDS)).as("server saw the close").isTrue();
    recorder.takeOpen();
    recorder.takeMessage("tick");
    server.takeRequest();
    assertThat(server.pollRequest(QUIET_MILLIS)).as("a request after close()").isNull();
  }

  @Test
  void consumerThatStopsPullingHoldsBackAGigabyteStream() throws Exception {
    byte[] chunk = ("data: " + "x".repeat(16 * 1024 - 8) + "\n\n").getBytes(UTF_8);
    long chunks = (1L << 30) / chunk.length;
    AtomicLong written = new AtomicLong();
    StreamScript script = server.stream().repeat(chunk, chunks, written);
    EventStream stream = open(post("/big"));

    assertThat(stream.next(5, TimeUnit.SECONDS)).isNotNull();
    long settled = awaitSettled(written);
    System.out.printf(
        "[pull] %s: a consumer that stopped after one event let the server write %d KiB of 1 GiB%n",
        transport().getClass().getSimpleName(), settled >> 10);
    // Socket buffers on both sides, the client's read-ahead and one chunk: a few MiB at most.
    assertThat(settled).as("bytes the server could write").isLessThan(32L << 20);
    for (int i = 0; i < 2_000; i++) {
      assertThat(stream.next(5, TimeUnit.SECONDS)).as("event %d", i).isNotNull();
    }
    assertThat(written.get()).as("pulling again lets the server go on").isGreaterThan(settled);
    stream.close();
    assertThat(script.awaitClientGone(5, TimeUnit.SECONDS)).as("server saw the close").isTrue();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void loopOnAVirtualThreadReadsTheReply() throws Exception {
    server.stream().send("data: a\n\n").send("data: b\n\n").end();
    CompletableFuture<List<String>> result = new CompletableFuture<>();
    startVirtual(
        () -> {
          try (EventStream stream = post("/chat").stream()) {
            result.complete(data(stream));
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    assertThat(result.get(10, TimeUnit.SECONDS)).containsExactly("a", "b");
    assertPostedOnce();
  }

  /** {@code Thread.ofVirtual().start(task)}, by reflection: the tests compile for Java 11. */
  private static void startVirtual(Runnable task) throws ReflectiveOperationException {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    start.invoke(builder, task);
  }
}
