package dev.eventsource.parser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Interprets one complete line at a time (WHATWG HTML §9.2.6 "process the field", "dispatch the
 * event") and keeps the event type and last event ID buffers. The data buffer lives in the parser's
 * {@link ByteAccumulator}, in front of the open line, so one array holds both.
 */
final class FieldInterpreter {
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';
  private static final byte LF = '\n';
  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};
  private static final String MESSAGE = "message";

  /** Longer event types are decoded each time instead of cached. */
  private static final int CACHED_TYPE_MAX = 256;

  private final EventStreamParser.Handler handler;
  private final int maxEventSize;

  // The type, ID and last-type buffers are made on first use (an event or id field, an ID seed, a
  // type to cache): many streams send data lines only, and an idle stream should hold as little
  // as it can. Null reads as empty.
  private @Nullable ByteAccumulator type;
  private @Nullable ByteAccumulator id;

  /** The last type dispatched, reused while the server keeps sending the same one. */
  private @Nullable ByteAccumulator lastTypeBytes;

  private String lastType = MESSAGE;

  /** Where the data starts in the data buffer: after the "data:" of a first line left in place. */
  private int dataStart;

  /** Whether every data line of the event so far was all ASCII. */
  private boolean dataAscii = true;

  /** The ID buffer decoded, or null until the next dispatch needs it. */
  private @Nullable String idString = "";

  private String lastEventId = "";

  FieldInterpreter(EventStreamParser.Handler handler, int maxEventSize) {
    this.handler = handler;
    this.maxEventSize = maxEventSize;
  }

  String lastEventId() {
    return lastEventId;
  }

  /**
   * The size of the event so far, given how many bytes the parser's buffer holds (the data and the
   * open line): the "data:" prefix of a first line left in place does not count, the event type
   * does. The last event ID is not counted: it outlives its event, and counting it would make a
   * long ID fail every later event.
   */
  long eventSize(int bufferLength) {
    return (long) bufferLength - dataStart + (type == null ? 0 : type.length());
  }

  /** How many bytes before the data are a first line's prefix left in place; 0 for none. */
  int dataStart() {
    return dataStart;
  }

  /** The parser moved the data to the front of its buffer, prefix dropped. */
  void dataMovedToFront() {
    dataStart = 0;
  }

  long bytesCopied() {
    return copied(type) + copied(id) + copied(lastTypeBytes);
  }

  long retainedBytes() {
    return capacity(type) + capacity(id) + capacity(lastTypeBytes);
  }

  private static long copied(@Nullable ByteAccumulator buffer) {
    return buffer == null ? 0 : buffer.bytesCopied;
  }

  private static long capacity(@Nullable ByteAccumulator buffer) {
    return buffer == null ? 0 : buffer.capacity();
  }

  void reset(String seededLastEventId) {
    clearType();
    dataStart = 0;
    dataAscii = true;
    if (seededLastEventId.isEmpty()) {
      if (id != null) {
        id.clear();
      }
    } else {
      byte[] seed = seededLastEventId.getBytes(StandardCharsets.UTF_8);
      idBuffer().set(seed, 0, seed.length);
    }
    idString = seededLastEventId;
    lastEventId = seededLastEventId;
  }

  void discardEvent() {
    clearType();
    dataStart = 0;
    dataAscii = true;
  }

  /**
   * Processes the non-empty line {@code bytes[start, end)}, which holds no CR or LF; the empty line
   * goes to {@link #dispatch}.
   *
   * @param ascii whether the line is all ASCII, as the scan that found its end saw
   * @param data the data buffer; its first {@code dataLength} bytes are the data so far (the line
   *     itself may sit after them in the same array)
   * @return the data buffer's length afterwards
   */
  int line(byte[] bytes, int start, int end, boolean ascii, ByteAccumulator data, int dataLength) {
    if (bytes[start] == COLON) {
      handler.onComment(
          ascii ? Utf8.ascii(bytes, start + 1, end - start - 1) : decode(bytes, start + 1, end));
      return dataLength;
    }
    int colon = start;
    while (colon < end && bytes[colon] != COLON) {
      colon++;
    }
    int value = valueStart(bytes, colon, end);
    int nameLength = colon - start;
    if (matches(DATA, bytes, start, nameLength)) {
      dataAscii &= ascii;
      if (dataLength == 0 && start == 0 && bytes == data.array() && end < data.capacity()) {
        // The event's first data line was buffered at the array's start: its value stays where
        // it is instead of being moved down, which saves a copy of every long single-line event
        // (when its LF fits: the array must not grow for it).
        dataStart = value;
        data.truncate(end);
        data.append(LF);
        return data.length();
      }
      data.truncate(dataLength);
      data.append(bytes, value, end - value); // may move bytes down within the same array
      data.append(LF);
      return data.length();
    }
    if (matches(EVENT, bytes, start, nameLength)) {
      if (type == null) {
        type = new ByteAccumulator(maxEventSize);
      }
      type.set(bytes, value, end - value);
    } else if (matches(ID, bytes, start, nameLength)) {
      setId(bytes, value, end);
    } else if (matches(RETRY, bytes, start, nameLength)) {
      retry(bytes, value, end);
    }
    return dataLength;
  }

  /**
   * WHATWG HTML §9.2.6 "dispatch the event" for the data in {@code data[dataStart, dataLength)}.
   * Every buffer is reset before the handler is called.
   */
  void dispatch(ByteAccumulator data, int dataLength) {
    String committedId = commitId();
    if (dataLength == 0) {
      clearType(); // step 2: no data, no event, but the type buffer is still reset
      return;
    }
    // Step 3: drop the one trailing LF.
    int eventDataLength = dataLength - 1 - dataStart;
    String eventData =
        dataAscii
            ? Utf8.ascii(data.array(), dataStart, eventDataLength)
            : data.decodeNonAscii(dataStart, eventDataLength);
    dataStart = 0;
    dataAscii = true;
    data.clear();
    fire(eventData, committedId);
  }

  /**
   * WHATWG HTML §9.2.6 "dispatch the event" for an event whose data went out in parts: ends it with
   * its type and ID if it had a data line (step 2), having reset the type buffer first.
   */
  void endStreamedEvent(boolean hadData, EventStreamParser.DataHandler to) {
    String committedId = commitId();
    if (!hadData) {
      clearType();
      return;
    }
    String eventType = eventType();
    clearType();
    to.onEventEnd(eventType, committedId);
  }

  /**
   * Does what {@link #line} and then {@link #dispatch} would do for a data line that the blank line
   * follows while the data buffer is empty, without copying the value into the data buffer.
   *
   * @param words a {@link ByteScan#words} view of {@code bytes}, or null
   * @return false, having done nothing, if the line is not a {@code data} field
   */
  boolean dispatchDataLine(
      byte[] bytes, @Nullable ByteBuffer words, int start, int end, boolean ascii) {
    int nameEnd = start + DATA.length;
    if (end < nameEnd
        || !matches(DATA, bytes, start, DATA.length)
        || (nameEnd < end && bytes[nameEnd] != COLON)) {
      return false;
    }
    int value = valueStart(bytes, nameEnd, end);
    String committedId = commitId();
    String eventData =
        ascii
            ? Utf8.ascii(bytes, value, end - value)
            : Utf8.decodeNonAscii(bytes, words, value, end - value);
    fire(eventData, committedId);
    return true;
  }

  /**
   * Where a field's value starts: after the colon at {@code colon} and one space after it; {@code
   * end} if the line has no colon ({@code colon == end}), the whole line being the field's name.
   */
  private static int valueStart(byte[] bytes, int colon, int end) {
    if (colon == end) {
      return end;
    }
    int value = colon + 1;
    return value < end && bytes[value] == SPACE ? value + 1 : value;
  }

  /** Dispatch steps 4 to 7: the event takes the buffered type, which is reset before the call. */
  private void fire(String eventData, String committedId) {
    String eventType = eventType();
    clearType();
    handler.onEvent(eventType, eventData, committedId);
  }

  /** Dispatch step 1: the last event ID is committed even if no event fires. */
  private String commitId() {
    String committedId = idString;
    if (committedId == null) {
      ByteAccumulator set = idBuffer(); // idString is null only after an ID was set
      committedId = idString = set.decode(set.length());
    }
    lastEventId = committedId;
    return committedId;
  }

  private String eventType() {
    ByteAccumulator type = this.type;
    int length = type == null ? 0 : type.length();
    if (length == 0) {
      return MESSAGE;
    }
    if (length > CACHED_TYPE_MAX) {
      return type.decode(length); // not cached: a huge type must not outlive its event
    }
    if (lastTypeBytes == null) {
      lastTypeBytes = new ByteAccumulator(Math.min(CACHED_TYPE_MAX, maxEventSize));
    }
    if (!lastTypeBytes.contentEquals(type.array(), 0, length)) {
      lastType = type.decode(length);
      lastTypeBytes.set(type.array(), 0, length);
    }
    return lastType;
  }

  private void setId(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      if (bytes[i] == 0) {
        return; // WHATWG HTML §9.2.6: an id containing U+0000 is ignored
      }
    }
    boolean unchanged = id == null ? start == end : id.contentEquals(bytes, start, end - start);
    if (!unchanged) {
      idBuffer().set(bytes, start, end - start);
      idString = null;
    }
  }

  private ByteAccumulator idBuffer() {
    if (id == null) {
      id = new ByteAccumulator(maxEventSize);
    }
    return id;
  }

  private void clearType() {
    if (type != null) {
      type.clear();
    }
  }

  /** WHATWG HTML §9.2.6 "retry": ASCII digits only; more than a long holds clamps to its max. */
  private void retry(byte[] bytes, int start, int end) {
    if (start == end) {
      return;
    }
    long millis = 0;
    for (int i = start; i < end; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return;
      }
      millis = millis > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : millis * 10 + digit;
    }
    handler.onRetry(millis);
  }

  private static boolean matches(byte[] name, byte[] bytes, int start, int length) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[start + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static String decode(byte[] bytes, int start, int end) {
    return start == end ? "" : Utf8.decode(bytes, null, start, end - start);
  }
}
