package dev.eventsource.benchmarks.corpus;

/**
 * One generated event stream: its bytes, how it is to be fed, and what a parser must report for it.
 * Immutable apart from the array, which nobody writes after generation.
 */
public final class Corpus {
  private final Workload workload;
  private final byte[] bytes;
  private final int events;
  private final long dataChars;
  private final long stringBytes;

  Corpus(Workload workload, byte[] bytes, int events, long dataChars, long stringBytes) {
    this.workload = workload;
    this.bytes = bytes;
    this.events = events;
    this.dataChars = dataChars;
    this.stringBytes = stringBytes;
  }

  /**
   * The workload this corpus was generated for.
   *
   * @return the workload
   */
  public Workload workload() {
    return workload;
  }

  /**
   * The stream's bytes; shared, never to be written.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * The bytes of one read: 8 KiB as a socket delivers them, 16 for the drip case F.
   *
   * @return the chunk size
   */
  public int chunkSize() {
    return workload.chunkSize();
  }

  /**
   * The number of events the stream dispatches.
   *
   * @return the event count
   */
  public int events() {
    return events;
  }

  /**
   * The sum of the lengths (in chars) of every event's data, a checksum for the harnesses.
   *
   * @return total data chars
   */
  public long dataChars() {
    return dataChars;
  }

  /**
   * The heap that the strings a parser must create take, summed over all events: each event's data
   * and, where the event changes it, its last event ID (the type {@code update} repeats and may be
   * reused). This is the allocation floor the targets are stated against.
   *
   * @return bytes of new strings for the whole corpus
   */
  public long stringBytes() {
    return stringBytes;
  }

  /**
   * The allocation floor per event: {@link #stringBytes()} divided by {@link #events()}.
   *
   * @return bytes per event
   */
  public double stringBytesPerEvent() {
    return (double) stringBytes / events;
  }
}
