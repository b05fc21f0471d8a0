package dev.eventsource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.parser.EventSizeLimitException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The parser seen through the source (REQUIREMENTS I, R36–R41, D6, D11): the parser's own tests
 * cover the rules; these check that the source hands over what the parser finds, when it finds it,
 * and fails cleanly on an oversized event.
 */
class StreamEventsTest extends EventSourceTestBase {

  @Test
  void r36_anEventIsDispatchedAsSoonAsItsBlankLineArrives() {
    open();
    transport.last().body("data: a\n\n");
    listener.takeMessage("a");
    transport.last().body("data: b\r\r"); // D6: a final CR ends the line at once
    listener.takeMessage("b");
    transport.last().body("\n"); // the LF of a split CRLF is not another blank line
    transport.last().body("data: c\r\n\r\n");
    listener.takeMessage("c");
  }

  @Test
  void r38_anEventSplitAcrossChunksIsDispatchedWithItsLastByte() {
    open();
    for (String chunk : new String[] {"da", "ta: x", "\r", "\ny\n", "data: z\r", "\n", "\r"}) {
      transport.last().body(chunk);
    }
    // "y" is a field named y (no colon): ignored. Nothing is dispatched until the final CR.
    listener.takeMessage("x\nz");
  }

  @Test
  void r37_utf8AndTheBomAreDecodedAcrossChunkBoundaries() {
    open();
    byte[] bytes = "\ufeffdata: \u00e9\u2026\ud83d\ude00\n\n".getBytes(UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      transport.last().body(Arrays.copyOfRange(bytes, i, i + 1));
    }
    listener.takeMessage("\u00e9\u2026\ud83d\ude00");
  }

  @Test
  void r37_invalidUtf8BecomesReplacementCharacters() {
    open();
    transport.last().body(new byte[] {'d', 'a', 't', 'a', ':', 'a', (byte) 0xff, 'b', '\n', '\n'});
    listener.takeMessage("a\ufffdb");
  }

  @Test
  void r40_d11_emptyDataDispatchesAndNoDataDoesNot() {
    open();
    transport.last().body("data:\n\nid: 1\n\nevent: x\n\ndata\n\n");
    listener.takeMessage("");
    assertThat(listener.takeMessage("").lastEventId()).isEqualTo("1");
  }

  @Test
  void d12_theEventTypeIsResetAfterEachDispatch() {
    open(builder().on("x", listener.messages()));
    transport.last().body("event: x\ndata: 1\n\ndata: 2\n\nevent: x\nevent:\ndata: 3\n\n");
    listener.takeMessage("x", "1");
    listener.takeMessage("message", "2");
    listener.takeMessage("message", "3");
  }

  @Test
  void r20_r40_anUnfinishedEventAtTheEndOfTheBodyIsDropped() {
    open();
    transport.last().body("data: complete\n\ndata: unfinished\n");
    listener.takeMessage("complete");
    endStream();
    FakeExchange next = reconnectsAfter(RECONNECT_MILLIS).respondOk();
    listener.takeOpen();
    next.body("\n"); // the new stream does not complete the old event
  }

  @Test
  void r41_longLinesPassWithTheDefaultLimit() {
    open();
    String big = "x".repeat(300_000);
    transport.last().body("data: " + big.substring(0, 100_000));
    transport.last().body(big.substring(100_000) + "\n\n");
    assertThat(listener.takeMessage().data()).isEqualTo(big);
  }

  @Test
  void anEventOverTheSizeLimitClosesTheSourceWithoutReconnecting() {
    EventSource source = open(builder().maxEventSize(64));
    FakeExchange exchange = transport.last();
    exchange.body("data: " + "x".repeat(40) + "\n");
    exchange.body("data: " + "y".repeat(40) + "\n");
    EventTooLargeException error =
        listener.takeError(ReadyState.CLOSED, EventTooLargeException.class);
    assertThat(error.maxEventSize()).isEqualTo(64);
    assertThat(error).hasMessageContaining("64").hasMessageContaining("maxEventSize");
    assertThat(error.getCause()).isInstanceOf(EventSizeLimitException.class);
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(exchange.isCancelled()).isTrue();
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(3_600_000);
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void eventsCompletedBeforeTheOversizedOneInTheSameChunkAreStillDelivered() {
    // The same bytes in one chunk or two must give the same events, then the error (R35, R36).
    open(builder().maxEventSize(64));
    transport.last().body("id: 1\ndata: small\n\ndata: " + "z".repeat(100) + "\n\n");
    listener.takeMessage("small");
    listener.takeError(ReadyState.CLOSED, EventTooLargeException.class);
  }

  @Test
  void aLargeEventUnderTheLimitPasses() {
    open(builder().maxEventSize(64));
    transport.last().body("data: " + "x".repeat(50) + "\n\n");
    assertThat(listener.takeMessage().data()).hasSize(50);
  }
}
