package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REQUIREMENTS A and H (R6, R34, R35): which listener gets what, and in which order. */
class DispatchTest extends EventSourceTestBase {

  @Test
  void r34_aMessageEventCarriesTypeDataIdAndOrigin() {
    open();
    transport.last().body("event:\ndata: a\ndata: b\nid: 7\n\n");
    MessageEvent event = listener.takeMessage("message", "a\nb");
    assertThat(event).isEqualTo(MessageEvent.of("message", "a\nb", "7", ORIGIN));
    assertThat(event.toString()).contains("a\nb", "7", ORIGIN);
  }

  @Test
  void r6_namedEventsReachOnlyTheListenersOfTheirType() {
    open(builder().on("update", listener.messages()));
    transport
        .last()
        .body("event: update\ndata: u1\n\ndata: m1\n\nevent: other\ndata: o1\n\nevent: update\n");
    transport.last().body("data: u2\n\n");
    listener.takeMessage("update", "u1");
    listener.takeMessage("message", "m1");
    listener.takeMessage("update", "u2");
  }

  @Test
  void r6_eventTypesErrorAndOpenAreMessageEventsNotErrorsOrOpens() {
    EventSource source =
        open(builder().on("error", listener.messages()).on("open", listener.messages()));
    transport.last().body("event: error\ndata: e\n\nevent: open\ndata: o\n\n");
    listener.takeMessage("error", "e"); // at a MessageListener, not at onError
    listener.takeMessage("open", "o"); // at a MessageListener, not at onOpen
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void theAnyEventListenerSeesEveryTypeBeforeTheTypeListeners() {
    open(builder().onAnyEvent(listener.anyEvents()).on("update", listener.messages()));
    transport.last().body("data: m\n\nevent: update\ndata: u\n\nevent: unheard\ndata: x\n\n");
    listener.takeAny("message", "m");
    listener.takeMessage("message", "m");
    listener.takeAny("update", "u");
    listener.takeMessage("update", "u");
    listener.takeAny("unheard", "x");
  }

  @Test
  void listenersCanBeAddedAndRemovedAtRuntime() {
    EventSource source = open();
    MessageListener updates = listener.messages();
    transport.last().body("event: update\ndata: 1\n\n");
    source.addEventListener("update", updates);
    transport.last().body("event: update\ndata: 2\n\n");
    listener.takeMessage("update", "2");
    source.removeEventListener("update", updates);
    source.removeEventListener("never-added", updates);
    transport.last().body("event: update\ndata: 3\n\n");
  }

  @Test
  void aListenerAddedByAListenerSeesTheNextEventOfTheSameChunk() {
    MessageListener updates = listener.messages();
    open(builder().onMessage((s, e) -> s.addEventListener("update", updates)));
    transport.last().body("data: m\n\nevent: update\ndata: u\n\n");
    listener.takeMessage("message", "m");
    listener.takeMessage("update", "u");
  }

  @Test
  void commentsAreDeliveredInOrderWithEvents() {
    open();
    transport.last().body(": first\ndata: a\n: inside\n\n:\n:no space\n");
    assertThat(listener.takeComment()).isEqualTo(" first");
    assertThat(listener.takeComment()).isEqualTo(" inside"); // comes before its event completes
    listener.takeMessage("a");
    assertThat(listener.takeComment()).isEmpty();
    assertThat(listener.takeComment()).isEqualTo("no space");
  }

  @Test
  void r35_openThenMessagesThenErrorThenTheNextOpen() {
    // With a busy dispatch thread everything queues; it must still come out in the browser's
    // order, each callback seeing the readyState of its moment.
    ManualExecutor ui = new ManualExecutor();
    start(builder().executor(ui));
    transport.last().respondOk().body("data: 1\n\ndata: 2\n\n");
    ui.runAll(); // dispatch asks for the next chunk
    transport.last().body("data: 3\n\n");
    transport.last().end();
    ui.runAll();
    scheduler.advance(RECONNECT_MILLIS);
    transport.last().respondOk().body("data: 4\n\n");
    ui.runAll();

    listener.takeOpen();
    listener.takeMessage("1");
    listener.takeMessage("2");
    listener.takeMessage("3");
    listener.takeError(ReadyState.CONNECTING, StreamEndedException.class);
    listener.takeOpen();
    listener.takeMessage("4");
  }

  @Test
  void r35_messagesQueuedBeforeAFailureComeBeforeItsError() {
    ManualExecutor ui = new ManualExecutor();
    start(builder().executor(ui));
    transport.last().respondOk().body("data: 1\n\ndata: 2\n\n");
    transport.last().fail(new IOException("reset"));
    ui.runAll();
    listener.takeOpen();
    listener.takeMessage("1"); // still OPEN inside, though the connection is already gone
    listener.takeMessage("2");
    listener.takeError(ReadyState.CONNECTING, ConnectionFailedException.class);
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheStream() {
    List<Throwable> reported = new ArrayList<>();
    Thread thread = Thread.currentThread();
    Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
    thread.setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try {
      open(
          builder()
              .onOpen(
                  s -> {
                    throw new IllegalStateException("open bug");
                  })
              .onMessage(
                  (s, e) -> {
                    throw new IllegalStateException("bug on " + e.data());
                  }));
      transport.last().body("data: a\n\ndata: b\n\n");
      listener.takeMessage("a");
      listener.takeMessage("b");
      transport.last().body("data: c\n\n");
      listener.takeMessage("c");
    } finally {
      thread.setUncaughtExceptionHandler(previous);
    }
    assertThat(reported)
        .extracting(Throwable::getMessage)
        .containsExactly("open bug", "bug on a", "bug on b", "bug on c");
  }
}
