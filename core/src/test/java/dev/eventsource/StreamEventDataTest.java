package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EventSource.Builder#streamEventData}: data parts, ends, discards and comments reach the
 * listeners in stream order, the event size limit does not bound data, a connection that ends
 * mid-event discards it, and a slow data listener holds back the read.
 */
class StreamEventDataTest extends EventSourceTestBase {
  private final List<String> log = new ArrayList<>();

  private final EventDataListener data =
      new EventDataListener() {
        @Override
        public void onDataPart(EventSource source, byte[] part) {
          log.add("part " + new String(part, StandardCharsets.UTF_8));
        }

        @Override
        public void onEventEnd(EventSource source, String type, String lastEventId) {
          assertThat(source.lastEventId()).isEqualTo(lastEventId);
          log.add("end " + type + " " + lastEventId);
        }

        @Override
        public void onEventDiscarded(EventSource source) {
          log.add("discarded");
        }
      };

  /** A builder that logs every callback in order. */
  private EventSource.Builder logging() {
    return bareBuilder()
        .streamEventData(data)
        .onOpen(s -> log.add("open"))
        .onError((s, e) -> log.add("error " + s.readyState() + " " + e.getClass().getSimpleName()))
        .onComment((s, c) -> log.add("comment" + c));
  }

  @Test
  void partsEndsAndCommentsArriveInStreamOrder() {
    EventSource source = start(logging());
    transport.last().respondOk().body("data: he").body("llo\n: c\ndata: w").body("orld\nid: 5\n");
    assertThat(log)
        .containsExactly("open", "part he", "part llo", "comment c", "part \nw", "part orld");
    log.clear();

    transport.last().body("event: t\n\ndata\n\n");
    assertThat(log).containsExactly("end t 5", "end message 5");
    assertThat(source.lastEventId()).isEqualTo("5");
  }

  @Test
  void dataIsNotBoundedByMaxEventSizeButOtherLinesAre() {
    start(logging().maxEventSize(16));
    FakeExchange exchange = transport.last().respondOk();
    String big = "x".repeat(1000);
    exchange.body("data: " + big + "\n\ndata: abc\n: " + "c".repeat(40) + "\n");

    assertThat(log)
        .containsExactly(
            "open",
            "part " + big,
            "end message ",
            "part abc",
            "discarded",
            "error CLOSED EventTooLargeException");
  }

  @Test
  void connectionThatEndsMidEventDiscardsItBeforeTheError() {
    start(logging());
    transport.last().respondOk().body("data: a\n\ndata: b\ndata: c");
    transport.last().end();

    assertThat(log)
        .containsExactly(
            "open",
            "part a",
            "end message ",
            "part b\nc",
            "discarded",
            "error CONNECTING StreamEndedException");
    log.clear();
    reconnectsAfter(RECONNECT_MILLIS).respondOk().body("data: d\n\n");
    assertThat(log).containsExactly("open", "part d", "end message ");
  }

  @Test
  void restartDiscardsTheEventBeforeTheNextConnectionsData() {
    EventSource source = start(logging());
    transport.last().respondOk().body("data: a");
    source.restart();
    transport.last().respondOk().body("data: b\n\n");

    assertThat(log)
        .containsExactly("open", "part a", "open", "discarded", "part b", "end message ");
  }

  @Test
  void slowDataListenerHoldsBackTheRead() {
    ManualExecutor ui = new ManualExecutor();
    start(logging().executor(ui));
    FakeExchange exchange = transport.last().respondOk();
    String half = "y".repeat(ConnectionAttempt.MAX_QUEUED_BYTES / 2 + 1);
    exchange.body("data: " + half);
    for (int i = 0; i < 5; i++) {
      exchange.body(half);
    }
    assertThat(exchange.delivered()).isEqualTo(2);
    assertThat(exchange.queued()).isEqualTo(4);

    ui.runAll();
    exchange.body("\n\n");
    ui.runAll();
    assertThat(exchange.queued()).isZero();
    assertThat(log).hasSize(8).startsWith("open").endsWith("end message ");
    assertThat(String.join("", log.subList(1, 7)).replace("part ", "")).isEqualTo(half.repeat(6));
  }

  @Test
  void eventListenersThatWouldNeverBeCalledAreRefused() {
    assertThatThrownBy(() -> logging().onMessage((s, e) -> {}).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("streamEventData");
    assertThatThrownBy(() -> logging().on("update", (s, e) -> {}).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> logging().onAnyEvent((s, e) -> {}).build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(transport.count()).as("no request for a refused builder").isZero();

    EventSource source = start(logging());
    assertThatThrownBy(() -> source.addEventListener("message", (s, e) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("streamEventData");
  }

  @Test
  void pullStreamCannotBeCombinedWithStreamedData() {
    assertThatThrownBy(() -> bareBuilder().streamEventData(data).stream())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("streamEventData");
    assertThat(transport.count()).isZero();
  }
}
