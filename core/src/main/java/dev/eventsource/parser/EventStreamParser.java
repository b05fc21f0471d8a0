package dev.eventsource.parser;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incremental push parser for {@code text/event-stream}, exactly as WHATWG HTML §9.2.6
 * "Interpreting an event stream" defines it.
 *
 * <p>Feed it the body's bytes as they arrive, in chunks of any size; any chunking of the same bytes
 * gives the same callbacks in the same order. It strips one leading byte order mark, ends lines at
 * CRLF, LF or CR (a CRLF split between two chunks is one line break), decodes UTF-8 with U+FFFD
 * replacement, and calls its {@link Handler} for every event, {@code retry} and comment as soon as
 * the line that completes it has been read: a final CR is not held back waiting for an LF.
 *
 * <p>The parser works on bytes and builds strings only for what it hands out. One event, its data
 * and type plus the line still open, may not exceed {@link #maxEventSize()} bytes (64 MiB unless
 * set); more raises {@link EventSizeLimitException} instead of exhausting memory. Buffers grow by
 * doubling up to the limit and are given back after an event larger than 64 KiB, so the memory a
 * parser holds stays within a small multiple of the limit (the data and the open line share one
 * array; the type and the last event ID have their own).
 *
 * <p>Given a {@link DataHandler}, the parser hands out each event's data in parts as it arrives
 * instead of buffering it, so that an event of any size can be read in bounded memory; the limit
 * then bounds everything but the data.
 *
 * <p>Not thread-safe and not reentrant: feed one instance from one thread at a time, and do not
 * feed it from inside its handler. An exception thrown by the handler propagates out of {@code
 * feed}, and the rest of that chunk is not parsed.
 */
public final class EventStreamParser {
  /** The default maximum event size: 64 MiB, well above the largest events real feeds send. */
  public static final int DEFAULT_MAX_EVENT_SIZE = 64 * 1024 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final int BOM_DONE = -1;

  /** Word views of arrays up to this size are kept from one feed to the next. */
  private static final int KEPT_VIEW_MAX = 64 * 1024;

  /**
   * The per-thread array that read-only buffers are copied through, with its word view: as large as
   * java.net.http's reads (16 KiB), so that one of its buffers is one feed.
   */
  private static final ThreadLocal<Scratch> SCRATCH =
      new ThreadLocal<Scratch>() {
        @Override
        protected Scratch initialValue() {
          return new Scratch(new byte[16 * 1024]);
        }
      };

  private final int maxEventSize;

  /** Takes the lines this parser splits, buffers the open one and interprets them. */
  private final FieldInterpreter fields;

  /** The data streaming mode's line reader; null in the default mode. */
  private final @Nullable DataStreamer streamer;

  /**
   * A word view of the array last fed, kept while the caller reuses that array (as transports do),
   * so that a chunk costs no new view: on long lines the views were the only garbage left.
   */
  private @Nullable ByteBuffer lastWords;

  private int bomMatched;
  private boolean skipNextLf;
  private boolean failed;

  /**
   * Creates a parser with the default maximum event size and an empty last event ID.
   *
   * @param handler receives events, retry values and comments; not null
   * @throws NullPointerException if {@code handler} is null
   */
  public EventStreamParser(Handler handler) {
    this(handler, DEFAULT_MAX_EVENT_SIZE);
  }

  /**
   * Creates a parser with the given maximum event size and an empty last event ID.
   *
   * @param handler receives events, retry values and comments; not null
   * @param maxEventSize the most bytes one event (its data and type plus the line still open) may
   *     take
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalArgumentException if {@code maxEventSize} is not positive
   */
  public EventStreamParser(Handler handler, int maxEventSize) {
    Objects.requireNonNull(handler, "handler");
    if (maxEventSize <= 0) {
      throw new IllegalArgumentException("maxEventSize must be positive: " + maxEventSize);
    }
    this.maxEventSize = maxEventSize;
    this.fields = new FieldInterpreter(handler, maxEventSize);
    this.streamer =
        handler instanceof DataHandler ? new DataStreamer((DataHandler) handler, fields) : null;
  }

  /**
   * Returns the maximum event size this parser enforces.
   *
   * @return the limit in bytes
   */
  public int maxEventSize() {
    return maxEventSize;
  }

  /**
   * Returns the last event ID string: the ID buffer as of the most recent dispatch (WHATWG HTML
   * §9.2.6 dispatch step 1), even one that fired no event, or the seed given to {@link
   * #reset(String)}. Never null; empty when there is none.
   *
   * @return the last event ID
   */
  public String lastEventId() {
    return fields.lastEventId();
  }

  /**
   * Parses the next bytes of the stream, calling the handler for everything they complete.
   *
   * @param bytes the array holding the bytes
   * @param offset where the bytes start
   * @param length how many bytes to read
   * @throws EventSizeLimitException if an event grows past {@link #maxEventSize()}
   * @throws IllegalStateException if an earlier call threw {@link EventSizeLimitException} and no
   *     {@link #reset(String)} followed
   * @throws IndexOutOfBoundsException if the range lies outside {@code bytes}
   */
  public void feed(byte[] bytes, int offset, int length) throws EventSizeLimitException {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + ", array length " + bytes.length);
    }
    if (failed) {
      throw new IllegalStateException("the stream went over the event size limit; reset() first");
    }
    int start = offset;
    int end = offset + length;
    try {
      if (bomMatched != BOM_DONE) {
        start = stripBom(bytes, start, end);
      }
      parseAny(bytes, start, end);
    } catch (EventSizeLimitException e) {
      failed = true; // the interpreter has discarded the event
      if (streamer != null) {
        streamer.clear(); // tells the handler of the event's parts already out
      }
      throw e;
    }
  }

  /**
   * Parses the buffer's remaining bytes and advances its position to its limit.
   *
   * @param bytes the next bytes of the stream
   * @throws EventSizeLimitException if an event grows past {@link #maxEventSize()}
   * @throws IllegalStateException as {@link #feed(byte[], int, int)}
   */
  public void feed(ByteBuffer bytes) throws EventSizeLimitException {
    if (bytes.hasArray()) {
      feed(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
      bytes.position(bytes.limit());
      return;
    }
    // Read-only and direct buffers (java.net.http hands out read-only ones) are copied through a
    // per-thread array: a per-parser one would cost 8 KiB for every idle stream.
    Scratch shared = SCRATCH.get();
    // A handler that feeds a parser from inside a feed on this thread must not overwrite the
    // array the outer feed is still reading: a nested feed copies through an array of its own.
    Scratch scratch = shared.inUse ? new Scratch(new byte[shared.bytes.length]) : shared;
    scratch.inUse = true;
    byte[] copy = scratch.bytes;
    // The thread's view, not a new one: a stream parsed by turns on several threads would
    // otherwise make a view per feed.
    lastWords = scratch.words;
    try {
      while (bytes.hasRemaining()) {
        int count = Math.min(copy.length, bytes.remaining());
        bytes.get(copy, 0, count);
        feed(copy, 0, count);
      }
    } finally {
      scratch.inUse = false;
      lastWords = null; // an idle parser must not keep a thread's array alive
    }
  }

  /** A per-thread copy array, its word view, and whether a feed on the thread is using it. */
  private static final class Scratch {
    final byte[] bytes;
    final ByteBuffer words;
    boolean inUse;

    Scratch(byte[] bytes) {
      this.bytes = bytes;
      this.words = ByteScan.words(bytes);
    }
  }

  /**
   * Ends the stream: an event not yet terminated by a blank line is discarded (WHATWG HTML §9.2.6,
   * "once the end of the file is reached"), as is an unfinished line. The parser is then ready for
   * a new stream that keeps the current last event ID, as {@code reset(lastEventId())} would.
   */
  public void end() {
    reset(fields.lastEventId());
  }

  /**
   * Starts a new stream, for example a reconnection: clears every buffer, expects a byte order mark
   * again, and sets the last event ID to {@code lastEventId}, so events of the new stream that
   * carry no {@code id} report it, as browsers do across reconnects.
   *
   * @param lastEventId the last event ID string to start from; empty for none
   * @throws NullPointerException if {@code lastEventId} is null
   */
  public void reset(String lastEventId) {
    Objects.requireNonNull(lastEventId, "lastEventId");
    bomMatched = 0;
    skipNextLf = false;
    failed = false;
    fields.reset(lastEventId);
    if (streamer != null) {
      streamer.clear(); // last: it may tell the handler of a discarded event
    }
  }

  /**
   * Bytes copied so far to grow a buffer or move its content, the copies that could make work
   * quadratic; lets tests prove linear work without timing.
   */
  long bytesMoved() {
    return fields.bytesMoved();
  }

  /** Bytes held by internal buffers right now, used or not. */
  long retainedBytes() {
    return fields.retainedBytes();
  }

  /** WHATWG Encoding "UTF-8 decode": one leading BOM is dropped, even when split across chunks. */
  private int stripBom(byte[] bytes, int start, int end) throws EventSizeLimitException {
    int i = start;
    while (i < end && bomMatched < BOM.length) {
      if (bytes[i] != BOM[bomMatched]) {
        int matched = bomMatched;
        bomMatched = BOM_DONE;
        parseAny(BOM, 0, matched); // not a BOM after all: those bytes are content
        return i;
      }
      bomMatched++;
      i++;
    }
    if (bomMatched == BOM.length) {
      bomMatched = BOM_DONE;
    }
    return i;
  }

  /** Parses in the mode chosen at construction. */
  private void parseAny(byte[] bytes, int start, int end) throws EventSizeLimitException {
    DataStreamer streaming = streamer;
    if (streaming == null) {
      parse(bytes, start, end);
    } else {
      streaming.parse(
          bytes, end - start >= ByteScan.MIN_WORD_SCAN ? words(bytes) : null, start, end);
    }
  }

  /**
   * Splits {@code bytes[start, end)} into lines for the interpreter: the end of the line open
   * before this chunk, complete lines, and the start of the line left open after it.
   */
  private void parse(byte[] bytes, int start, int end) throws EventSizeLimitException {
    int i = start;
    if (skipNextLf && i < end) {
      // WHATWG HTML §9.2.6: a CR followed by an LF is one line break, even across chunks.
      skipNextLf = false;
      if (bytes[i] == LF) {
        i++;
      }
    }
    // A chunk of a few bytes is scanned byte by byte: a view would cost more than it saves.
    ByteBuffer words = end - i >= ByteScan.MIN_WORD_SCAN ? words(bytes) : null;
    while (i < end) {
      int found = ByteScan.lineEnd(bytes, words, i, end);
      boolean ascii = found >= 0;
      int lineEnd = ascii ? found : ~found;
      if (lineEnd == end) {
        fields.appendToLine(bytes, i, end, ascii);
        return;
      }
      int next = afterBreak(bytes, lineEnd, end);
      boolean blankLineFollows =
          next >= 0 && next < end && (bytes[next] == LF || bytes[next] == CR);
      if (fields.endLine(bytes, words, i, lineEnd, ascii, blankLineFollows)) {
        next = afterBreak(bytes, next, end); // the blank line was taken with the data line
      }
      if (next < 0) {
        skipNextLf = true; // the line is done now; an LF opening the next chunk is its tail
        return;
      }
      i = next;
    }
  }

  /**
   * The index after the line break (CR, LF or CRLF) at {@code at}, or -1 if a CR ends the chunk.
   */
  static int afterBreak(byte[] bytes, int at, int end) {
    if (bytes[at] == LF) {
      return at + 1;
    }
    if (at + 1 == end) {
      return -1;
    }
    return bytes[at + 1] == LF ? at + 2 : at + 1;
  }

  private ByteBuffer words(byte[] bytes) {
    ByteBuffer view = lastWords;
    if (view != null && view.array() == bytes) {
      return view;
    }
    view = ByteScan.words(bytes);
    // A large array is not kept alive for the next feed: its view is made anew each time.
    lastWords = bytes.length <= KEPT_VIEW_MAX ? view : null;
    return view;
  }

  /**
   * Receives what the parser reads. Only {@link #onEvent} must be implemented, so a lambda can
   * serve; the other callbacks do nothing unless overridden. Called on the thread that feeds the
   * parser.
   */
  public interface Handler {
    /**
     * Called for each dispatched event (WHATWG HTML §9.2.6 "dispatch the event").
     *
     * @param type the event type; {@code "message"} when the event named none
     * @param data the data lines joined with LF, without the final LF; may be empty
     * @param lastEventId the last event ID at dispatch; empty when there is none
     */
    void onEvent(String type, String data, String lastEventId);

    /**
     * Called when a valid {@code retry} field sets the reconnection time, as soon as its line is
     * read, whether or not the event is later dispatched. A value of more digits than a {@code
     * long} holds is clamped to {@link Long#MAX_VALUE}.
     *
     * @param reconnectionTimeMillis the new reconnection time in milliseconds, zero or more
     */
    default void onRetry(long reconnectionTimeMillis) {}

    /**
     * Called for each comment line (a line starting with a colon) as soon as it is read.
     *
     * @param comment the line after its colon, exactly as sent (a leading space is kept)
     */
    default void onComment(String comment) {}
  }

  /**
   * A {@link Handler} that takes each event's data in parts as its bytes arrive, so that an event
   * of any size can be read without holding its data in memory. A parser whose handler implements
   * this interface works in data streaming mode, chosen once when it is made: it never calls {@link
   * #onEvent}; instead it calls {@link #onDataPart} with the bytes of each {@code data} line's
   * value as they come, parts of a line whose end has not arrived included, and {@link #onEventEnd}
   * when a blank line dispatches the event (WHATWG HTML §9.2.6). Between two data lines of one
   * event it hands out a part holding one LF, and none after the last, so the parts of an event put
   * together are exactly the data the default mode would give, as UTF-8 bytes as sent (not yet
   * decoded: malformed sequences are passed on as they are, where the default mode decodes them to
   * U+FFFD). The {@code id}, {@code event} and {@code retry} fields and comments work as in the
   * default mode.
   *
   * <p>{@link #maxEventSize()} does not bound data taken this way; it still bounds each other line
   * together with the event type. An event whose parts went out but that no blank line ends before
   * the stream ends ({@link #end()}, {@link #reset(String)}) or goes over the size limit is
   * discarded, as WHATWG HTML §9.2.6 discards it, and {@link #onEventDiscarded} says so.
   */
  public interface DataHandler extends Handler {
    /**
     * Never called: a parser with this handler ends events with {@link #onEventEnd} instead.
     *
     * @param type not used
     * @param data not used
     * @param lastEventId not used
     */
    @Override
    default void onEvent(String type, String data, String lastEventId) {}

    /**
     * Called with the next bytes of the current event's data, in stream order. Parts are never
     * empty; they may end anywhere, in the middle of a UTF-8 sequence included. The bytes are the
     * parser's or the caller's of {@code feed} and are valid only during the call: copy what must
     * be kept.
     *
     * @param bytes the array holding the part
     * @param offset where the part starts
     * @param length how many bytes it has, at least one
     */
    void onDataPart(byte[] bytes, int offset, int length);

    /**
     * Called when a blank line dispatches an event that had at least one {@code data} line (WHATWG
     * HTML §9.2.6 dispatch step 2), even one whose data is empty and so had no parts.
     *
     * @param type the event type; {@code "message"} when the event named none
     * @param lastEventId the last event ID at dispatch; empty when there is none
     */
    void onEventEnd(String type, String lastEventId);

    /**
     * Called when the parts handed out since the last {@link #onEventEnd} belong to an event that
     * will never be dispatched: the stream ended or was reset before its blank line, or a line went
     * over the size limit. Called only when there were such parts. Does nothing unless overridden.
     */
    default void onEventDiscarded() {}
  }
}
