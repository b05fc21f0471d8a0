package dev.eventsource.parser;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The parser's data streaming mode (see {@link EventStreamParser.DataHandler}): it splits lines as
 * the parser does, but hands out the value of each {@code data} line in parts as its bytes arrive
 * instead of buffering the event's data. Only the other lines are buffered, each until it ends, and
 * they count toward the event size limit with the event type; data does not.
 *
 * <p>A line is known to be a {@code data} line once its first five bytes are {@code data:} (or it
 * ends after {@code data}); the byte after the colon then decides the one optional space (WHATWG
 * HTML §9.2.6 "process the field"), in whichever chunk it comes. Before the value of every data
 * line but an event's first, an LF part joins it to the previous one (§9.2.6 "data": the buffer
 * gets the value and an LF; dispatch step 3 drops the last LF), so the parts of an event put
 * together are exactly its data as sent, in UTF-8.
 */
final class DataStreamer {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] LF_PART = {LF};
  private static final byte[] DATA_COLON = {'d', 'a', 't', 'a', ':'};

  // The state of the current line: 0 to 4 are how many bytes of "data:" it has matched so far.
  private static final int AFTER_COLON = 5;
  private static final int VALUE = 6;
  private static final int OTHER = 7;

  private final EventStreamParser.DataHandler handler;

  /** Takes every line that is not a data line, buffering it until it ends. */
  private final FieldInterpreter fields;

  private int state;
  private boolean skipNextLf;

  /** Whether the event has a data line, so that its dispatch fires it (dispatch step 2). */
  private boolean eventHasData;

  /** Whether parts of the event have been handed out, so that dropping it must be told. */
  private boolean partsOut;

  DataStreamer(EventStreamParser.DataHandler handler, FieldInterpreter fields) {
    this.handler = handler;
    this.fields = fields;
  }

  /**
   * Parses {@code bytes[start, end)}.
   *
   * @param words a {@link ByteScan#words} view of {@code bytes}, or null
   */
  void parse(byte[] bytes, @Nullable ByteBuffer words, int start, int end)
      throws EventSizeLimitException {
    int i = start;
    if (skipNextLf && i < end) {
      // WHATWG HTML §9.2.6: a CR followed by an LF is one line break, even across chunks.
      skipNextLf = false;
      if (bytes[i] == LF) {
        i++;
      }
    }
    int lineStart = i; // where the current line starts in this chunk, if it started in it
    while (i < end) {
      int lineEnd;
      if (state == VALUE || state == OTHER) {
        int found = ByteScan.lineEnd(bytes, words, i, end);
        lineEnd = found >= 0 ? found : ~found;
        if (state == VALUE) {
          if (lineEnd > i) {
            partsOut = true;
            handler.onDataPart(bytes, i, lineEnd - i);
          }
        } else if (lineEnd == end) {
          fields.appendToLine(bytes, lineStart, end, found >= 0);
        } else {
          fields.endLine(bytes, words, lineStart, lineEnd, found >= 0, false);
        }
        if (lineEnd == end) {
          return;
        }
      } else if (state == AFTER_COLON) {
        byte b = bytes[i];
        if (b != CR && b != LF) {
          state = VALUE;
          if (b == ' ') {
            i++;
          }
          continue;
        }
        lineEnd = i; // "data:" and the end of the line: an empty value
      } else {
        byte b = bytes[i];
        if (b == DATA_COLON[state]) {
          i++;
          if (++state == AFTER_COLON) {
            startDataLine();
          }
          continue;
        }
        if (b != CR && b != LF) {
          lineStart = toOtherLine(i, lineStart);
          continue;
        }
        if (state == 4) {
          startDataLine(); // "data" alone: a data field with an empty value
        } else if (state == 0) {
          dispatch();
        } else {
          lineStart = toOtherLine(i, lineStart);
          continue;
        }
        lineEnd = i;
      }
      state = 0;
      i = EventStreamParser.afterBreak(bytes, lineEnd, end);
      if (i < 0) {
        skipNextLf = true; // the line is done now; an LF opening the next chunk is its tail
        return;
      }
      lineStart = i;
    }
  }

  /**
   * The line is not a data line: the bytes of {@code data:} it matched are buffered if the line
   * started in an earlier chunk, and it is read to its end as any other line.
   *
   * @param i the index of the first byte that did not match
   * @param lineStart the start of the line, or of the chunk if the line started earlier
   * @return where the line's bytes not yet buffered start in this chunk
   */
  private int toOtherLine(int i, int lineStart) throws EventSizeLimitException {
    int matched = state;
    state = OTHER;
    if (i - matched == lineStart) {
      return lineStart; // the line started in this chunk: nothing of it was buffered
    }
    fields.appendToLine(DATA_COLON, 0, matched, true);
    return i;
  }

  /** A data line begins: the LF that joins it to the event's previous one goes out first. */
  private void startDataLine() {
    if (eventHasData) {
      partsOut = true;
      handler.onDataPart(LF_PART, 0, 1);
    }
    eventHasData = true;
  }

  /** WHATWG HTML §9.2.6 "dispatch the event", with the data already handed out. */
  private void dispatch() {
    boolean hadData = eventHasData;
    eventHasData = false;
    partsOut = false;
    fields.endStreamedEvent(hadData, handler);
  }

  /**
   * Forgets the stream's state (the interpreter's buffers are cleared by its own reset); an event
   * whose parts went out undispatched is discarded (WHATWG HTML §9.2.6: an event not ended by a
   * blank line when the stream ends is not dispatched), and the handler is told so last, with the
   * state already clear.
   */
  void clear() {
    boolean discard = partsOut;
    state = 0;
    skipNextLf = false;
    eventHasData = false;
    partsOut = false;
    if (discard) {
      handler.onEventDiscarded();
    }
  }
}
