package dev.eventsource;

import java.util.ArrayList;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What one chunk of the stream gave a source that streams event data ({@link EventDataListener}):
 * data parts, event ends, discards and comments, in stream order. The parts the chunk gave in a row
 * are joined into one, so a listener is called once per chunk, not once per line. Filled by one
 * thread, then read by another after a hand-over through the dispatch queue.
 */
final class DataChunk {
  /** What an item is. */
  enum Kind {
    PART,
    END,
    DISCARD,
    COMMENT
  }

  /** One item: a part's bytes, an end's type and ID, or a comment's text. */
  static final class Item {
    final Kind kind;
    final byte @Nullable [] part;
    final @Nullable String text;
    final @Nullable String lastEventId;

    private Item(
        Kind kind, byte @Nullable [] part, @Nullable String text, @Nullable String lastEventId) {
      this.kind = kind;
      this.part = part;
      this.text = text;
      this.lastEventId = lastEventId;
    }
  }

  private final ArrayList<Item> items = new ArrayList<>(2);

  /** Bytes of parts not yet made an item: the transport reuses its buffers, so they are copied. */
  private static final byte[] NONE = new byte[0];

  private byte[] pending = NONE;

  private int pendingLength;

  void addPart(byte[] bytes, int offset, int length) {
    if (pendingLength + length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pendingLength + length, 2 * pending.length));
    }
    System.arraycopy(bytes, offset, pending, pendingLength, length);
    pendingLength += length;
  }

  void addEnd(String type, String lastEventId) {
    add(new Item(Kind.END, null, type, lastEventId));
  }

  void addDiscard() {
    add(new Item(Kind.DISCARD, null, null, null));
  }

  void addComment(String comment) {
    add(new Item(Kind.COMMENT, null, comment, null));
  }

  boolean isEmpty() {
    return items.isEmpty() && pendingLength == 0;
  }

  /** The items, parts not yet made items included; the chunk is then done. */
  ArrayList<Item> items() {
    flushPart();
    return items;
  }

  private void add(Item item) {
    flushPart();
    items.add(item);
  }

  private void flushPart() {
    if (pendingLength > 0) {
      byte[] part =
          pendingLength == pending.length ? pending : Arrays.copyOf(pending, pendingLength);
      items.add(new Item(Kind.PART, part, null, null));
      pending = NONE;
      pendingLength = 0;
    }
  }
}
