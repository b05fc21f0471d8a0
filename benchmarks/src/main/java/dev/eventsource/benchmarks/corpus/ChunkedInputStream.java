package dev.eventsource.benchmarks.corpus;

import java.io.InputStream;

/**
 * Reads a corpus at most one chunk at a time, as a socket hands over what has arrived: a reader
 * asking for more gets no more than {@link Corpus#chunkSize()} bytes per call.
 */
public final class ChunkedInputStream extends InputStream {
  private final byte[] bytes;
  private final int chunkSize;
  private int position;

  /**
   * Creates a stream over the corpus from its start.
   *
   * @param corpus the bytes to read and the chunk size
   */
  public ChunkedInputStream(Corpus corpus) {
    this.bytes = corpus.bytes();
    this.chunkSize = corpus.chunkSize();
  }

  @Override
  public int read() {
    return position < bytes.length ? bytes[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (position == bytes.length) {
      return -1;
    }
    int n = Math.min(Math.min(len, chunkSize), bytes.length - position);
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return Math.min(chunkSize, bytes.length - position);
  }
}
