package dev.eventsource.parser;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Takes the lines the parser splits, buffers the one still open, and interprets each complete line
 * (WHATWG HTML §9.2.6 "process the field", "dispatch the event"). It owns every buffer of the
 * event: the data and the open line share one array, and the event type and last event ID live in
 * {@link TypeAndId}. It also enforces the event size limit, which covers all of them but the ID.
 *
 * <p>Two tricks spare copies. A data line that is followed by the blank line while no data is
 * buffered is decoded where it lies, in the caller's chunk. And the value of an event's first data
 * line that was buffered because it spanned chunks stays where it was buffered, at the front of the
 * array after its {@code data:} prefix, instead of moving down: a long single-line event is copied
 * once, not twice. The prefix is dropped (the data moved to the front) only when the array would
 * otherwise outgrow the limit.
 */
final class FieldInterpreter {
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';
  private static final byte LF = '\n';
  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

  private final EventStreamParser.Handler handler;
  private final int maxEventSize;
  private final TypeAndId typeAndId;

  /** The data (first {@code dataLength} bytes, from {@code dataStart}) and then the open line. */
  private final ByteAccumulator buffer;

  private int dataLength;

  /** Where the data starts in the buffer: after the "data:" of a first line left in place. */
  private int dataStart;

  /** Whether every data line of the event so far was all ASCII. */
  private boolean dataAscii = true;

  /** Whether the open line (the buffer after the data) is all ASCII so far. */
  private boolean openLineAscii = true;

  FieldInterpreter(EventStreamParser.Handler handler, int maxEventSize) {
    this.handler = handler;
    this.maxEventSize = maxEventSize;
    this.typeAndId = new TypeAndId(maxEventSize);
    this.buffer = new ByteAccumulator(maxEventSize);
  }

  String lastEventId() {
    return typeAndId.lastEventId();
  }

  /**
   * Takes {@code bytes[start, end)}, the start or a middle part of a line whose end is not in this
   * chunk: it is buffered until the line ends.
   *
   * @param ascii whether the bytes are all ASCII
   * @throws EventSizeLimitException if the event would grow past the limit; the event is discarded
   */
  void appendToLine(byte[] bytes, int start, int end, boolean ascii)
      throws EventSizeLimitException {
    makeRoom(end - start);
    buffer.append(bytes, start, end - start);
    openLineAscii &= ascii;
  }

  /**
   * Takes {@code bytes[start, end)}, the end of a line (the whole line if nothing of it was
   * buffered), which holds no CR or LF, and processes the line; an empty line dispatches the event.
   *
   * @param words a {@link ByteScan#words} view of {@code bytes}, or null
   * @param ascii whether the bytes are all ASCII
   * @param blankLineFollows whether an empty line comes right after this one in the chunk
   * @return true if that empty line was processed too (a data line dispatched where it lies): the
   *     caller goes on after it
   * @throws EventSizeLimitException if the event would grow past the limit; the event is discarded
   */
  boolean endLine(
      byte[] bytes,
      @Nullable ByteBuffer words,
      int start,
      int end,
      boolean ascii,
      boolean blankLineFollows)
      throws EventSizeLimitException {
    if (buffer.length() > dataLength) {
      appendToLine(bytes, start, end, ascii);
      endBufferedLine();
      return false;
    }
    makeRoom(end - start);
    if (blankLineFollows && dataLength == 0 && dispatchDataLine(bytes, words, start, end, ascii)) {
      return true;
    }
    processLine(bytes, start, end, ascii);
    return false;
  }

  /**
   * WHATWG HTML §9.2.6 "dispatch the event" for an event whose data went out in parts: ends it with
   * its type and ID if it had a data line (step 2), having reset the type buffer first.
   */
  void endStreamedEvent(boolean hadData, EventStreamParser.DataHandler to) {
    String committedId = typeAndId.commitId();
    if (!hadData) {
      typeAndId.clearType();
      return;
    }
    to.onEventEnd(typeAndId.takeType(), committedId);
  }

  /**
   * Forgets the stream's buffers and starts a new one whose last event ID is {@code seed}.
   *
   * @param seed the last event ID string to start from; empty for none
   */
  void reset(String seed) {
    discardEvent();
    typeAndId.reset(seed);
  }

  /** Bytes copied to grow a buffer or move its content, which is where work could go quadratic. */
  long bytesMoved() {
    return buffer.bytesMoved + typeAndId.bytesMoved();
  }

  /** Bytes held by the buffers right now, used or not. */
  long retainedBytes() {
    return buffer.capacity() + typeAndId.retainedBytes();
  }

  private void endBufferedLine() {
    boolean ascii = openLineAscii;
    openLineAscii = true;
    try {
      processLine(buffer.array(), dataLength, buffer.length(), ascii);
    } finally {
      // Even if the handler threw, the line is done: it must not be glued to the next one.
      if (dataLength == 0) {
        buffer.clear(); // also gives back the array of a huge line that was not data
      } else if (buffer.length() > dataLength) {
        buffer.truncate(dataLength);
      }
    }
  }

  /**
   * Processes one complete line. State is updated before any handler call, so a handler that throws
   * leaves the interpreter consistent for the next chunk.
   */
  private void processLine(byte[] bytes, int start, int end, boolean ascii) {
    if (start == end) {
      dispatch();
    } else {
      dataLength = field(bytes, start, end, ascii);
    }
  }

  /**
   * WHATWG HTML §9.2.6 "process the field" for the non-empty line {@code bytes[start, end)}.
   *
   * @return the data's length in the buffer afterwards
   */
  private int field(byte[] bytes, int start, int end, boolean ascii) {
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
      ByteAccumulator data = buffer;
      if (dataLength == 0 && start == 0 && bytes == data.array() && end < data.capacity()) {
        // The event's first data line was buffered at the array's start: its value stays where
        // it is (when its LF fits: the array must not grow for it).
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
      typeAndId.setType(bytes, value, end);
    } else if (matches(ID, bytes, start, nameLength)) {
      typeAndId.setId(bytes, value, end);
    } else if (matches(RETRY, bytes, start, nameLength)) {
      retry(bytes, value, end);
    }
    return dataLength;
  }

  /**
   * WHATWG HTML §9.2.6 "dispatch the event"; every buffer is reset before the handler is called.
   */
  private void dispatch() {
    String committedId = typeAndId.commitId();
    int length = dataLength;
    dataLength = 0;
    if (length == 0) {
      typeAndId.clearType(); // step 2: no data, no event, but the type buffer is still reset
      return;
    }
    // Step 3: drop the one trailing LF.
    int eventDataLength = length - 1 - dataStart;
    String eventData =
        dataAscii
            ? Utf8.ascii(buffer.array(), dataStart, eventDataLength)
            : buffer.decodeNonAscii(dataStart, eventDataLength);
    dataStart = 0;
    dataAscii = true;
    buffer.clear();
    handler.onEvent(typeAndId.takeType(), eventData, committedId);
  }

  /**
   * Does what {@link #field} and then {@link #dispatch} would do for a data line that the blank
   * line follows while no data is buffered, without copying the value into the buffer.
   *
   * @return false, having done nothing, if the line is not a {@code data} field
   */
  private boolean dispatchDataLine(
      byte[] bytes, @Nullable ByteBuffer words, int start, int end, boolean ascii) {
    int nameEnd = start + DATA.length;
    if (end < nameEnd
        || !matches(DATA, bytes, start, DATA.length)
        || (nameEnd < end && bytes[nameEnd] != COLON)) {
      return false;
    }
    int value = valueStart(bytes, nameEnd, end);
    String committedId = typeAndId.commitId();
    String eventData =
        ascii
            ? Utf8.ascii(bytes, value, end - value)
            : Utf8.decodeNonAscii(bytes, words, value, end - value);
    handler.onEvent(typeAndId.takeType(), eventData, committedId);
    return true;
  }

  /**
   * Checks the size limit for {@code moreBytes}, then makes sure the buffer will not grow past the
   * limit for them: a first data line's prefix left in place does not count toward the event, so it
   * is dropped (the data moved to the front) when the array would otherwise outgrow the limit.
   */
  private void makeRoom(int moreBytes) throws EventSizeLimitException {
    // The last event ID is not counted: it outlives its event, and counting it would make a long
    // ID fail every later event.
    long eventSize = (long) buffer.length() - dataStart + typeAndId.typeLength();
    if (eventSize + moreBytes > maxEventSize) {
      discardEvent();
      throw new EventSizeLimitException(maxEventSize);
    }
    if (dataStart > 0 && (long) buffer.length() + moreBytes > maxEventSize) {
      buffer.removeFront(dataStart);
      dataLength -= dataStart;
      dataStart = 0;
    }
  }

  private void discardEvent() {
    buffer.clear();
    dataLength = 0;
    dataStart = 0;
    dataAscii = true;
    openLineAscii = true;
    typeAndId.clearType();
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
