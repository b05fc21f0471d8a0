package dev.eventsource.contracttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.MessageEvent;
import org.junit.jupiter.api.Test;

/** Each event is reported by exactly one of the any-event listener and the typed listener. */
class EventReportsTest {
  private final EventReports reports = new EventReports();

  private static MessageEvent event(String type) {
    return MessageEvent.of(type, "data", "", "http://127.0.0.1");
  }

  @Test
  void unlistenedTypesAreReportedByTheAnyEventListener() {
    MessageEvent e = event("message");
    assertThat(reports.reportFromAnyListener(e)).isTrue();
  }

  @Test
  void listenedTypesAreReportedByTheTypedListenerOnly() {
    reports.markListening("greeting");
    MessageEvent e = event("greeting");
    assertThat(reports.reportFromAnyListener(e)).isFalse();
    assertThat(reports.reportFromTypedListener(e)).isTrue();
    assertThat(reports.isListening("greeting")).isTrue();
    assertThat(reports.isListening(" greeting")).isFalse();
  }

  @Test
  void anEventThatRacedWithListenIsNotReportedTwice() {
    // The typed listener is registered while the any-event listener is already reporting.
    MessageEvent e = event("greeting");
    assertThat(reports.reportFromAnyListener(e)).isTrue();
    reports.markListening("greeting");
    assertThat(reports.reportFromTypedListener(e)).isFalse();

    MessageEvent next = event("greeting");
    assertThat(reports.reportFromAnyListener(next)).isFalse();
    assertThat(reports.reportFromTypedListener(next)).isTrue();
  }
}
