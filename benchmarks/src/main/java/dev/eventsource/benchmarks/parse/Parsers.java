package dev.eventsource.benchmarks.parse;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.logging.LDLogger;
import dev.eventsource.benchmarks.corpus.ChunkedInputStream;
import dev.eventsource.benchmarks.corpus.ChunkedSource;
import dev.eventsource.benchmarks.corpus.Corpus;
import dev.eventsource.parser.EventStreamParser;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Drives each parser over a corpus the same way: every library reads the corpus through one copy
 * into its own buffer, at most one chunk (8 KiB, or 16 bytes for F) per read, as from a socket, and
 * hands out type, data and last event ID as strings.
 */
public final class Parsers {
  private static final URI ORIGIN = URI.create("http://127.0.0.1/");

  private Parsers() {}

  /** Receives each event's strings; the benchmarks pass them to a JMH {@code Blackhole}. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Called once per event, on the parsing thread.
     *
     * @param type the event type, or null where a library reports none for {@code message}
     * @param data the data
     * @param id the last event ID, or null where a library reports none
     */
    void event(@Nullable String type, String data, @Nullable String id);
  }

  /**
   * This library: {@link EventStreamParser#feed(byte[], int, int)} once per read, then {@code
   * end()}.
   *
   * @param corpus the stream
   * @param readBuffer the buffer each read is copied into, at least one chunk long
   * @param sink receives the events
   * @return the number of events
   * @throws IOException if the parser rejects the stream
   */
  public static int ours(Corpus corpus, byte[] readBuffer, Sink sink) throws IOException {
    int[] count = {0};
    EventStreamParser parser =
        new EventStreamParser(
            (type, data, id) -> {
              count[0]++;
              sink.event(type, data, id);
            });
    byte[] bytes = corpus.bytes();
    int chunk = corpus.chunkSize();
    for (int position = 0; position < bytes.length; position += chunk) {
      int n = Math.min(chunk, bytes.length - position);
      System.arraycopy(bytes, position, readBuffer, 0, n);
      parser.feed(readBuffer, 0, n);
    }
    parser.end();
    return count[0];
  }

  /**
   * This library in data streaming mode ({@link EventStreamParser.DataHandler}): the same feeds as
   * {@link #ours}, each event's data handed out in parts and counted, never made a string.
   *
   * @param corpus the stream
   * @param readBuffer the buffer each read is copied into, at least one chunk long
   * @param dataLength receives, at index 0, the bytes of data handed out
   * @return the number of events
   * @throws IOException if the parser rejects the stream
   */
  public static int oursStreaming(Corpus corpus, byte[] readBuffer, long[] dataLength)
      throws IOException {
    PartCounter counter = new PartCounter();
    EventStreamParser parser = new EventStreamParser(counter);
    byte[] bytes = corpus.bytes();
    int chunk = corpus.chunkSize();
    for (int position = 0; position < bytes.length; position += chunk) {
      int n = Math.min(chunk, bytes.length - position);
      System.arraycopy(bytes, position, readBuffer, 0, n);
      parser.feed(readBuffer, 0, n);
    }
    parser.end();
    dataLength[0] = counter.bytes;
    return counter.events;
  }

  /** Counts the parts and ends of {@link #oursStreaming}. */
  private static final class PartCounter implements EventStreamParser.DataHandler {
    long bytes;
    int events;

    @Override
    public void onDataPart(byte[] part, int offset, int length) {
      bytes += length;
    }

    @Override
    public void onEventEnd(String type, String lastEventId) {
      events++;
    }
  }

  /**
   * LaunchDarkly in its data streaming mode ({@code streamEventData(true)}): as {@link
   * #launchDarkly}, but each event's data is read from {@code MessageEvent.getDataReader()} into a
   * reused char array and counted, never made a string.
   *
   * @param corpus the stream
   * @param readChars the array the data is read into
   * @param dataLength receives, at index 0, the chars of data read
   * @return the number of events
   * @throws StreamException if the library reports an error other than the end of the stream
   * @throws IOException if reading an event's data fails
   */
  public static int launchDarklyStreaming(Corpus corpus, char[] readChars, long[] dataLength)
      throws StreamException, IOException {
    int count = 0;
    long chars = 0;
    try (EventSource source =
        new EventSource.Builder(new FixedStream(corpus))
            .readBufferSize(8192)
            .streamEventData(true)
            .errorStrategy(ErrorStrategy.alwaysThrow())
            .logger(LDLogger.none())
            .build()) {
      source.start();
      while (true) {
        MessageEvent event = source.readMessage();
        count++;
        Reader data = event.getDataReader();
        for (int n; (n = data.read(readChars)) >= 0; ) {
          chars += n;
        }
        event.close();
      }
    } catch (StreamClosedByServerException endOfStream) {
      dataLength[0] = chars;
      return count;
    }
  }

  /**
   * okhttp-sse: its {@code ServerSentEventReader} over an okio buffer whose source yields one chunk
   * per read, {@code processNextEvent()} until the source is exhausted.
   *
   * @param corpus the stream
   * @param sink receives the events
   * @return the number of events
   * @throws IOException if okio fails
   */
  public static int okhttpSse(Corpus corpus, Sink sink) throws IOException {
    Callback callback = new Callback(sink);
    try (BufferedSource source = Okio.buffer(new ChunkedSource(corpus))) {
      ServerSentEventReader reader = new ServerSentEventReader(source, callback);
      while (reader.processNextEvent()) {
        // every event goes to the callback
      }
    }
    return callback.count;
  }

  /**
   * LaunchDarkly: its public {@code EventSource} over a {@code ConnectStrategy} whose client
   * returns the corpus as an input stream, {@code readMessage()} until the stream ends. Its read
   * buffer is set to 8 KiB (the default is 1,000 bytes) so that it too reads one chunk at a time.
   *
   * @param corpus the stream
   * @param sink receives the events
   * @return the number of events
   * @throws StreamException if the library reports an error other than the end of the stream
   */
  public static int launchDarkly(Corpus corpus, Sink sink) throws StreamException {
    int count = 0;
    try (EventSource source =
        new EventSource.Builder(new FixedStream(corpus))
            .readBufferSize(8192)
            .errorStrategy(ErrorStrategy.alwaysThrow())
            .logger(LDLogger.none())
            .build()) {
      source.start();
      while (true) {
        MessageEvent event = source.readMessage();
        count++;
        sink.event(event.getEventName(), event.getData(), event.getLastEventId());
      }
    } catch (StreamClosedByServerException endOfStream) {
      return count;
    }
  }

  /**
   * The limit: copy each chunk as the parsers do and count its LF bytes, nothing else.
   *
   * @param corpus the stream
   * @param readBuffer the buffer each read is copied into
   * @return the number of LF bytes
   */
  public static int newlineScan(Corpus corpus, byte[] readBuffer) {
    byte[] bytes = corpus.bytes();
    int chunk = corpus.chunkSize();
    int lines = 0;
    for (int position = 0; position < bytes.length; position += chunk) {
      int n = Math.min(chunk, bytes.length - position);
      System.arraycopy(bytes, position, readBuffer, 0, n);
      for (int i = 0; i < n; i++) {
        if (readBuffer[i] == '\n') {
          lines++;
        }
      }
    }
    return lines;
  }

  private static final class Callback implements ServerSentEventReader.Callback {
    private final Sink sink;
    int count;

    Callback(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void onEvent(@Nullable String id, @Nullable String type, String data) {
      count++;
      sink.event(type, data, id);
    }

    @Override
    public void onRetryChange(long timeMs) {}
  }

  /** A connect strategy whose one connection returns the corpus, a chunk per read. */
  private static final class FixedStream extends ConnectStrategy {
    private final Corpus corpus;

    FixedStream(Corpus corpus) {
      this.corpus = corpus;
    }

    @Override
    public Client createClient(LDLogger logger) {
      return new Client() {
        @Override
        public Result connect(String lastEventId) {
          return new Result(new ChunkedInputStream(corpus), ORIGIN, () -> {});
        }

        @Override
        public boolean awaitClosed(long timeoutMillis) {
          return true;
        }

        @Override
        public URI getOrigin() {
          return ORIGIN;
        }

        @Override
        public void close() {}
      };
    }
  }
}
