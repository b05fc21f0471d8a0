package dev.eventsource.parser;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The event type buffer and the last event ID buffer of WHATWG HTML §9.2.6, kept as bytes and
 * decoded only when an event is dispatched, and then only if they changed: a feed that repeats one
 * type or counts IDs up costs no new string for the type and one for each new ID.
 */
final class TypeAndId {
  private static final String MESSAGE = "message";

  /** Longer event types are decoded each time instead of cached. */
  private static final int CACHED_TYPE_MAX = 256;

  private final int maxEventSize;

  // The buffers are made on first use (an event or id field, an ID seed, a type to cache): many
  // streams send data lines only, and an idle stream should hold as little as it can. Null reads
  // as empty.
  private @Nullable ByteAccumulator type;
  private @Nullable ByteAccumulator id;

  /** The last type dispatched, reused while the server keeps sending the same one. */
  private @Nullable ByteAccumulator lastTypeBytes;

  private String lastType = MESSAGE;

  /** The ID buffer decoded, or null until the next dispatch needs it. */
  private @Nullable String idString = "";

  private String lastEventId = "";

  TypeAndId(int maxEventSize) {
    this.maxEventSize = maxEventSize;
  }

  /** The last event ID string as of the most recent dispatch, or the seed. */
  String lastEventId() {
    return lastEventId;
  }

  /** How many bytes the event type buffer holds: they count toward the event's size. */
  int typeLength() {
    return type == null ? 0 : type.length();
  }

  /** Starts a new stream: the type buffer is emptied and the ID buffer set to {@code seed}. */
  void reset(String seed) {
    clearType();
    if (seed.isEmpty()) {
      if (id != null) {
        id.clear();
      }
    } else {
      byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
      idBuffer().set(bytes, 0, bytes.length);
    }
    idString = seed;
    lastEventId = seed;
  }

  /** The {@code event} field: sets the type buffer to {@code bytes[start, end)}. */
  void setType(byte[] bytes, int start, int end) {
    if (type == null) {
      type = new ByteAccumulator(maxEventSize);
    }
    type.set(bytes, start, end - start);
  }

  /** The {@code id} field: sets the ID buffer, unless the value contains U+0000. */
  void setId(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      if (bytes[i] == 0) {
        return;
      }
    }
    boolean unchanged = id == null ? start == end : id.contentEquals(bytes, start, end - start);
    if (!unchanged) {
      idBuffer().set(bytes, start, end - start);
      idString = null;
    }
  }

  /** Dispatch step 1: the last event ID is set from the ID buffer, even if no event fires. */
  String commitId() {
    String committed = idString;
    if (committed == null) {
      ByteAccumulator set = idBuffer(); // idString is null only after an ID was set
      committed = idString = set.decode(set.length());
    }
    lastEventId = committed;
    return committed;
  }

  /** Dispatch steps 5 and 7: the event's type ({@code message} if none), the buffer then reset. */
  String takeType() {
    String taken = typeString();
    clearType();
    return taken;
  }

  void clearType() {
    if (type != null) {
      type.clear();
    }
  }

  long bytesMoved() {
    return moved(type) + moved(id) + moved(lastTypeBytes);
  }

  long retainedBytes() {
    return capacity(type) + capacity(id) + capacity(lastTypeBytes);
  }

  private String typeString() {
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

  private ByteAccumulator idBuffer() {
    if (id == null) {
      id = new ByteAccumulator(maxEventSize);
    }
    return id;
  }

  private static long moved(@Nullable ByteAccumulator buffer) {
    return buffer == null ? 0 : buffer.bytesMoved;
  }

  private static long capacity(@Nullable ByteAccumulator buffer) {
    return buffer == null ? 0 : buffer.capacity();
  }
}
