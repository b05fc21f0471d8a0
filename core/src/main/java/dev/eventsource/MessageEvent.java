package dev.eventsource;

import java.util.Objects;

/**
 * One event from the stream, as the browser's {@code MessageEvent} carries it. Immutable.
 *
 * <p>A stream may name any type, {@code error} and {@code open} included; those arrive as message
 * events of that type, exactly as in the browser.
 */
public final class MessageEvent {
  private final String type;
  private final String data;
  private final String lastEventId;
  private final String origin;

  private MessageEvent(String type, String data, String lastEventId, String origin) {
    this.type = type;
    this.data = data;
    this.lastEventId = lastEventId;
    this.origin = origin;
  }

  /**
   * Creates an event.
   *
   * @param type the event type, {@code "message"} when the stream named none
   * @param data the data, lines joined with LF
   * @param lastEventId the last event ID at dispatch, empty for none
   * @param origin the origin of the stream's final URL, e.g. {@code https://example.com}
   * @return the event
   * @throws NullPointerException if any argument is null
   */
  public static MessageEvent of(String type, String data, String lastEventId, String origin) {
    return new MessageEvent(
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(data, "data"),
        Objects.requireNonNull(lastEventId, "lastEventId"),
        Objects.requireNonNull(origin, "origin"));
  }

  /**
   * The event type; {@code "message"} when the stream named none.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * The data lines joined with LF, without the final LF; may be empty.
   *
   * @return the data
   */
  public String data() {
    return data;
  }

  /**
   * The last event ID at dispatch; empty when there is none.
   *
   * @return the ID
   */
  public String lastEventId() {
    return lastEventId;
  }

  /**
   * The serialized origin of the URL the stream came from after redirects: scheme, host and port (a
   * default port omitted).
   *
   * @return the origin
   */
  public String origin() {
    return origin;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MessageEvent)) {
      return false;
    }
    MessageEvent other = (MessageEvent) o;
    return type.equals(other.type)
        && data.equals(other.data)
        && lastEventId.equals(other.lastEventId)
        && origin.equals(other.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, data, lastEventId, origin);
  }

  @Override
  public String toString() {
    return "MessageEvent{type="
        + type
        + ", data="
        + data
        + ", lastEventId="
        + lastEventId
        + ", origin="
        + origin
        + "}";
  }
}
