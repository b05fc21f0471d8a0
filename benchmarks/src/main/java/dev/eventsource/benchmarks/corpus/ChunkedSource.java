package dev.eventsource.benchmarks.corpus;

import okio.Buffer;
import okio.Source;
import okio.Timeout;

/** The okio form of {@link ChunkedInputStream}: each read appends at most one chunk. */
public final class ChunkedSource implements Source {
  private final byte[] bytes;
  private final int chunkSize;
  private int position;

  /**
   * Creates a source over the corpus from its start.
   *
   * @param corpus the bytes to read and the chunk size
   */
  public ChunkedSource(Corpus corpus) {
    this.bytes = corpus.bytes();
    this.chunkSize = corpus.chunkSize();
  }

  @Override
  public long read(Buffer sink, long byteCount) {
    if (position == bytes.length) {
      return -1;
    }
    int n = (int) Math.min(Math.min(byteCount, chunkSize), bytes.length - position);
    sink.write(bytes, position, n);
    position += n;
    return n;
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() {}
}
