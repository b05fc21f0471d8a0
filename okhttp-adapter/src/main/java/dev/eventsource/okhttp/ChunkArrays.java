package dev.eventsource.okhttp;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Arrays that carry body bytes to the event source, shared by every stream of the process. A stream
 * borrows one only while it hands a chunk over, so thousands of idle streams hold none.
 */
final class ChunkArrays {
  /** The most bytes one {@code onBody} carries: okio's segment size, so a read fills it at once. */
  static final int CHUNK_SIZE = 8192;

  /** Arrays kept for reuse; more are made when all are out, and dropped when this is full. */
  private static final ArrayBlockingQueue<byte[]> FREE = new ArrayBlockingQueue<>(64);

  private ChunkArrays() {}

  static byte[] borrow() {
    byte[] bytes = FREE.poll();
    return bytes != null ? bytes : new byte[CHUNK_SIZE];
  }

  static void giveBack(byte[] bytes) {
    FREE.offer(bytes);
  }
}
