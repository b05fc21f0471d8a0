package dev.eventsource;

/**
 * Thrown by an {@link EventStream}'s iterator, which cannot throw checked exceptions, when the
 * stream cannot go on: its {@linkplain #getCause() cause} is the {@link EventSourceException} that
 * closed the source for good, or the {@link InterruptedException} of a thread interrupted while it
 * waited (the stream is then closed and the thread's interrupt status set again).
 */
public final class EventStreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EventStreamException(Exception cause) {
    super(cause.getMessage(), cause);
  }
}
