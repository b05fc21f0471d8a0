package dev.eventsource.samples;

import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The readable output: a time stamp, the ready state, and what happened, so the protocol can be
 * watched at work: opens, named and unnamed events with their ids, comments, drops and the
 * reconnection delay in force.
 */
final class ReadableOutput implements ConsoleSubscriber.Output {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private final PrintStream out;

  ReadableOutput(PrintStream out) {
    this.out = out;
  }

  @Override
  public void connecting(EventSource source) {
    line(source, "connecting to " + source.url());
  }

  @Override
  public void open(EventSource source) {
    line(source, "open");
  }

  @Override
  public void event(EventSource source, MessageEvent event) {
    line(
        source,
        "event "
            + event.type()
            + " id="
            + quote(event.lastEventId())
            + " data="
            + quote(event.data()));
  }

  @Override
  public void comment(EventSource source, String comment) {
    line(source, "comment " + quote(comment));
  }

  @Override
  public void error(EventSource source, EventSourceException error) {
    String next =
        source.readyState() == ReadyState.CLOSED
            ? "closed for good"
            : "reconnecting; reconnection time "
                + source.reconnectionTimeMillis()
                + " ms"
                + (source.lastEventId().isEmpty()
                    ? ""
                    : " with Last-Event-ID " + source.lastEventId());
    line(source, "error: " + error.getMessage() + "; " + next);
  }

  @Override
  public void complete(EventSource source) {
    line(source, "complete: the stream ended; closed for good");
  }

  private void line(EventSource source, String text) {
    out.printf("%s %-10s %s%n", LocalTime.now().format(TIME), source.readyState(), text);
    out.flush();
  }

  private static String quote(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        + "\"";
  }
}
