package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** REQUIREMENTS B and F (R10–R13, R27–R29, D1, D2): the last event ID and its header. */
class LastEventIdTest extends EventSourceTestBase {

  /** Ends the current stream and returns the Last-Event-ID header of the reconnection. */
  private String reconnectHeader() {
    endStream();
    return reconnectsAfter(RECONNECT_MILLIS).header("Last-Event-ID");
  }

  @Test
  void r10_firstRequestHasNoLastEventIdAndNoneIsSentWhileItIsEmpty() {
    EventSource source = open();
    assertThat(transport.get(0).header("Last-Event-ID")).isNull();
    assertThat(source.lastEventId()).isEmpty();
    transport.last().body("data: no id\n\n");
    listener.takeMessage("no id");
    assertThat(reconnectHeader()).isNull();
  }

  @Test
  void r10_anInitialLastEventIdIsSentOnTheFirstRequest() {
    EventSource source = start(builder().lastEventId("resume-9"));
    assertThat(transport.last().header("Last-Event-ID")).isEqualTo("resume-9");
    assertThat(source.lastEventId()).isEqualTo("resume-9");
    transport.last().respondOk();
    listener.takeOpen();
    // D1: the seed is the stream's starting ID, so an event without id: reports it.
    transport.last().body("data: a\n\n");
    assertThat(listener.takeMessage("a").lastEventId()).isEqualTo("resume-9");
    assertThat(reconnectHeader()).isEqualTo("resume-9");
  }

  @Test
  void r11_reconnectSendsTheIdOfTheLastEvent() {
    EventSource source = open();
    transport.last().body("id: 1\ndata: a\n\nid: 2\ndata: b\n\n");
    assertThat(listener.takeMessage("a").lastEventId()).isEqualTo("1");
    assertThat(listener.takeMessage("b").lastEventId()).isEqualTo("2");
    assertThat(source.lastEventId()).isEqualTo("2");
    assertThat(reconnectHeader()).isEqualTo("2");
  }

  @Test
  void r11_anIdResetByAnEmptyIdFieldSendsNoHeaderAtAll() {
    EventSource source = open(builder().lastEventId("0"));
    transport.last().body("id: 1\ndata: a\n\nid\ndata: b\n\n");
    listener.takeMessage("a");
    assertThat(listener.takeMessage("b").lastEventId()).isEmpty();
    assertThat(source.lastEventId()).isEmpty();
    assertThat(reconnectHeader()).isNull();
    // Not an empty header either: no header at all.
    assertThat(transport.last().sent().headers().keySet())
        .containsExactly("Accept", "Cache-Control", "Pragma");
  }

  @Test
  void r27_anIdIsCommittedByADispatchThatFiresNoEvent() {
    // "id: 5" + blank line dispatches nothing (no data), yet the ID string becomes "5".
    EventSource source = open();
    transport.last().body("id: 5\n\n");
    assertThat(source.lastEventId()).isEqualTo("5");
    assertThat(reconnectHeader()).isEqualTo("5");
  }

  @Test
  void r27_anIdResetByADispatchWithoutDataSendsNoHeader() {
    EventSource source = open();
    transport.last().body("id: 5\ndata: a\n\n");
    listener.takeMessage("a");
    transport.last().body("id:\n\n");
    assertThat(source.lastEventId()).isEmpty();
    assertThat(reconnectHeader()).isNull();
  }

  @Test
  void r27_anIdWithoutItsBlankLineIsNeverCommitted() {
    EventSource source = open();
    transport.last().body("id: 1\ndata: a\n\nid: 2\ndata: b\n");
    listener.takeMessage("a");
    assertThat(source.lastEventId()).isEqualTo("1");
    assertThat(reconnectHeader()).isEqualTo("1");
  }

  @Test
  void r28_theIdPersistsAcrossEventsWithoutAnIdField() {
    open();
    transport.last().body("id: 7\ndata: a\n\ndata: b\n\nevent: x\ndata: c\n\n");
    assertThat(listener.takeMessage("a").lastEventId()).isEqualTo("7");
    assertThat(listener.takeMessage("b").lastEventId()).isEqualTo("7");
    assertThat(reconnectHeader()).isEqualTo("7"); // the "x" event had no listener, still counts
  }

  @Test
  void r29_d1_theIdPersistsAcrossReconnectsAndIsResentEveryTime() {
    // WPT format-field-id-2: the second stream has no id field, yet reports the first's id.
    EventSource source = open();
    transport.last().body("id: \u2026\ndata: first\n\n");
    listener.takeMessage("first");
    for (int i = 0; i < 3; i++) {
      endStream();
      FakeExchange next = reconnectsAfter(RECONNECT_MILLIS);
      assertThat(next.header("Last-Event-ID")).isEqualTo("\u2026"); // R12: adapters send UTF-8
      next.respondOk();
      listener.takeOpen();
      next.body("data: echo\n\n");
      assertThat(listener.takeMessage("echo").lastEventId()).isEqualTo("\u2026");
    }
    assertThat(source.lastEventId()).isEqualTo("\u2026");
  }

  @Test
  void d2_anIdContainingNulIsIgnored() {
    open();
    transport.last().body("id: 1\n\nid: a\u0000b\ndata: x\n\n");
    assertThat(listener.takeMessage("x").lastEventId()).isEqualTo("1");
    assertThat(reconnectHeader()).isEqualTo("1");
  }

  @Test
  void r13_aLongIdWithCorsUnsafeBytesIsSentVerbatim() {
    String id = "<" + "x".repeat(300) + "\"{}>";
    open();
    transport.last().body("id: " + id + "\n\n");
    assertThat(reconnectHeader()).isEqualTo(id);
  }

  @Test
  void anIdSplitAcrossChunksIsCommittedOnlyWithItsBlankLine() {
    EventSource source = open();
    transport.last().body("id: 4");
    transport.last().body("2\n");
    assertThat(source.lastEventId()).isEmpty();
    transport.last().body("\n");
    assertThat(source.lastEventId()).isEqualTo("42");
    assertThat(reconnectHeader()).isEqualTo("42");
  }
}
