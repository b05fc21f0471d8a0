package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.testing.RecordingHandler;
import dev.eventsource.transport.TransportResponse;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The body subscriber's state machine with a fake subscription, signal by signal: no network, no
 * threads, so every ordering the JDK may produce is played exactly.
 */
class BodyStreamTest {
  private static final TransportResponse OK =
      TransportResponse.of(200, Map.of(), URI.create("http://127.0.0.1/"));

  private final RecordingHandler handler = new RecordingHandler();
  private final BodyStream stream = new BodyStream(handler, Runnable::run);
  private final FakeSubscription subscription = new FakeSubscription();

  @Test
  void asksTheJdkForListsInBatchesWhileLessThanTheReadAheadWaits() throws Exception {
    stream.onSubscribe(subscription);
    stream.respond(OK);
    handler.takeResponse();
    int batch = BodyStream.UPSTREAM_BATCH;
    assertThat(subscription.requested).as("read ahead from the response on").isEqualTo(batch);

    stream.onNext(List.of(bytes("a"), bytes(""), bytes("b")));
    handler.assertNoMoreCalls(0); // core has asked for nothing yet
    stream.request();
    assertThat(handler.takeBody()).isEqualTo("a");
    stream.request();
    assertThat(handler.takeBody()).isEqualTo("b"); // the empty buffer is skipped
    assertThat(subscription.requested).as("the batch is not answered yet").isEqualTo(batch);

    // The rest of the batch fills the read-ahead: the JDK is asked for no more.
    int quarter = (int) (BodyStream.READ_AHEAD_BYTES / (batch - 1)) + 1;
    for (int i = 1; i < batch; i++) {
      stream.onNext(List.of(ByteBuffer.allocate(quarter)));
    }
    assertThat(subscription.requested).isEqualTo(batch);

    stream.request(); // one buffer goes to core, which leaves room: the next batch is asked for
    assertThat(handler.takeChunk()).hasSize(quarter);
    assertThat(subscription.requested).isEqualTo(2L * batch);

    stream.onComplete();
    for (int i = 2; i < batch; i++) {
      handler.assertNoMoreCalls(0);
      stream.request();
      assertThat(handler.takeChunk()).hasSize(quarter);
    }
    handler.takeEnd(); // after the last buffered byte
    handler.assertNoMoreCalls(0);
  }

  @Test
  void handsABusyStreamsDeliveriesToTheExecutor() throws Exception {
    List<Runnable> handedOver = new java.util.ArrayList<>();
    // Busy for an hour after each drain, so that a slow machine cannot make this chunk look late.
    BodyStream handingOver = new BodyStream(handler, handedOver::add, TimeUnit.HOURS.toNanos(1));
    handingOver.onSubscribe(subscription);
    handingOver.respond(OK);
    handler.takeResponse();
    handingOver.request();

    handingOver.onNext(List.of(bytes("a")));

    handler.assertNoMoreCalls(0); // not on the JDK's thread
    assertThat(handedOver).hasSize(1);
    handedOver.get(0).run();
    assertThat(handler.takeBody()).isEqualTo("a");
  }

  @Test
  void parsesALateChunkOnTheJdksThreadEvenWithAnExecutor() throws Exception {
    List<Runnable> handedOver = new java.util.ArrayList<>();
    BodyStream neverBusy = new BodyStream(handler, handedOver::add, 0);
    neverBusy.onSubscribe(subscription);
    neverBusy.respond(OK);
    handler.takeResponse();
    neverBusy.request();

    neverBusy.onNext(List.of(bytes("a")));

    assertThat(handler.takeBody()).isEqualTo("a");
    assertThat(handler.lastCallThread()).isEqualTo(Thread.currentThread().getName());
    assertThat(handedOver).isEmpty();
  }

  @Test
  void withoutAHandOverExecutorABusyStreamIsParsedOnTheJdksThread() throws Exception {
    // The default transport's mode: the JDK's thread is the selector's, and it parses every chunk.
    BodyStream inline = new BodyStream(handler, null);
    inline.onSubscribe(subscription);
    inline.respond(OK);
    handler.takeResponse();
    String jdkThread = Thread.currentThread().getName();
    for (String chunk : List.of("a", "b", "c")) {
      inline.request();
      inline.onNext(List.of(bytes(chunk))); // each within microseconds of the last drain: busy
      assertThat(handler.takeBody()).isEqualTo(chunk);
      assertThat(handler.lastCallThread()).isEqualTo(jdkThread);
    }
  }

  @Test
  void requestFromInsideAHandlerCallIsServedAfterItReturns() throws Exception {
    ReentrantHandler reentrant = new ReentrantHandler();
    BodyStream reentrantStream = new BodyStream(reentrant, Runnable::run);
    reentrant.stream = reentrantStream;
    reentrantStream.onSubscribe(subscription);
    subscription.onRequest =
        n -> {
          for (long i = 0; i < n; i++) {
            reentrantStream.onNext(List.of(bytes("x")));
          }
        };

    reentrantStream.respond(OK);

    assertThat(reentrant.maxDepth).isEqualTo(1);
    assertThat(reentrant.chunks).isEqualTo(3);
  }

  @Test
  void endSeenBeforeTheResponseWaitsForIt() throws Exception {
    stream.onSubscribe(subscription);
    stream.onComplete();
    handler.assertNoMoreCalls(0);

    stream.respond(OK);

    handler.takeResponse();
    handler.takeEnd();
  }

  @Test
  void bodyErrorComesAfterTheBufferedBytes() throws Exception {
    stream.onSubscribe(subscription);
    stream.respond(OK);
    handler.takeResponse();
    stream.request();
    stream.onNext(List.of(bytes("a"), bytes("b")));
    stream.onError(new EOFException("cut"));
    assertThat(handler.takeBody()).isEqualTo("a");
    handler.assertNoMoreCalls(0);

    stream.request();

    assertThat(handler.takeBody()).isEqualTo("b");
    assertThat(handler.takeFailure()).isInstanceOf(EOFException.class);
  }

  @Test
  void nonIoErrorIsWrappedInIoException() throws Exception {
    stream.onSubscribe(subscription);
    stream.respond(OK);
    handler.takeResponse();

    stream.onError(new IllegalStateException("boom"));

    assertThat(handler.takeFailure()).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void failBeforeTheResponseIsReportedAtOnceAndCancelsTheBody() throws Exception {
    stream.onSubscribe(subscription);

    stream.fail(new IOException("no response"));

    assertThat(handler.takeFailure()).hasMessage("no response");
    assertThat(subscription.cancelled).isTrue();
    stream.respond(OK);
    handler.assertNoMoreCalls(0);
  }

  /** JDK 11 to 15 cannot abort an exchange before its headers: the late subscription is cut. */
  @Test
  void subscriptionArrivingAfterCancelIsCancelledAtOnce() throws Exception {
    assertThat(stream.cancel()).isNull();

    stream.onSubscribe(subscription);
    stream.respond(OK);
    stream.request();

    assertThat(subscription.cancelled).isTrue();
    assertThat(subscription.requested).isZero();
    handler.assertNoMoreCalls(0);
  }

  @Test
  void cancelHandsBackTheSubscriptionAndSilencesTheHandler() throws Exception {
    stream.onSubscribe(subscription);
    stream.respond(OK);
    handler.takeResponse();
    stream.request();

    assertThat(stream.cancel()).isSameAs(subscription);

    stream.onNext(List.of(bytes("late")));
    stream.onComplete();
    handler.assertNoMoreCalls(0);
  }

  @Test
  void secondSubscriptionIsCancelled() {
    FakeSubscription second = new FakeSubscription();
    stream.onSubscribe(subscription);

    stream.onSubscribe(second);

    assertThat(second.cancelled).isTrue();
    assertThat(subscription.cancelled).isFalse();
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static final class FakeSubscription implements Flow.Subscription {
    long requested;
    boolean cancelled;
    java.util.function.LongConsumer onRequest = n -> {};

    @Override
    public void request(long n) {
      requested += n;
      onRequest.accept(n); // the JDK may deliver onNext inside request()
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  /** Asks for the next chunk from inside each call, as core does, and measures the nesting. */
  private static final class ReentrantHandler implements dev.eventsource.transport.ResponseHandler {
    BodyStream stream;
    int depth;
    int maxDepth;
    int chunks;

    @Override
    public void onResponse(TransportResponse response) {
      enter();
      stream.request();
      depth--;
    }

    @Override
    public void onBody(ByteBuffer chunk) {
      enter();
      if (++chunks < 3) {
        stream.request();
      }
      depth--;
    }

    @Override
    public void onEnd() {}

    @Override
    public void onFailure(IOException error) {}

    private void enter() {
      maxDepth = Math.max(maxDepth, ++depth);
    }
  }
}
