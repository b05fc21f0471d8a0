package dev.eventsource.benchmarks.loopback;

import java.net.URI;

/** One way of reading a whole event stream from a URL: a library, or a limit that reads bytes. */
public interface StreamClient extends AutoCloseable {
  /**
   * Opens the stream, reads it to its last event (or, for a byte reader, its end) and closes it.
   *
   * @param uri the stream
   * @param events how many events it carries
   * @return a checksum (data chars or bytes read), so that nothing is optimized away
   * @throws Exception if the stream fails or stops short
   */
  long stream(URI uri, int events) throws Exception;

  /** Releases the client's threads and connections; by default there is nothing to release. */
  @Override
  default void close() {}
}
