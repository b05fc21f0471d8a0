package dev.eventsource.transportsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketHandler;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import okio.Socket;

/**
 * One streamed MockWebServer response, written step by step on the server's thread for this
 * connection: each {@link #send} is one HTTP/1.1 chunk (or, without chunking, one write), flushed
 * at once. Steps can be added while the response is being written; when the steps run out the
 * script waits for more, so the stream stays open until {@link #end}, {@link #drop} or {@link
 * #stop}.
 */
public final class StreamScript implements SocketHandler {
  private interface Step {
    /** Runs one step; false ends the response (the script returns the socket to the server). */
    boolean run(BufferedSink sink, Socket socket) throws IOException, InterruptedException;
  }

  private static final Step STOP = (sink, socket) -> false;

  private final String contentType;
  private final boolean chunked;
  private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
  private final CountDownLatch clientGone = new CountDownLatch(1);

  /**
   * A script for a chunked body, or for a body delimited by closing the connection (HTTP/1.1
   * without Content-Length or Transfer-Encoding), where {@link #end} closes the connection.
   */
  public StreamScript(String contentType, boolean chunked) {
    this.contentType = contentType;
    this.chunked = chunked;
  }

  /** Status 200, the content type, the framing, and this script as the body. */
  public MockResponse response() {
    MockResponse.Builder builder =
        new MockResponse.Builder()
            .setHeader("Content-Type", contentType)
            .removeHeader("Content-Length")
            .socketHandler(this);
    if (chunked) {
      builder.setHeader("Transfer-Encoding", "chunked");
    } else {
      builder.setHeader("Connection", "close");
    }
    return builder.build();
  }

  /** Writes the text, UTF-8 encoded, as one HTTP chunk and flushes it to the socket. */
  public StreamScript send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the bytes as one HTTP chunk and flushes it to the socket. */
  public StreamScript send(byte[] bytes) {
    steps.add(
        (sink, socket) -> {
          writeChunk(sink, bytes);
          return true;
        });
    return this;
  }

  StreamScript pause(long millis) {
    steps.add(
        (sink, socket) -> {
          Thread.sleep(millis);
          return true;
        });
    return this;
  }

  /**
   * Ends the body properly: the last, empty chunk, after which the connection stays open for reuse;
   * or, without chunking, closing the connection.
   */
  StreamScript end() {
    steps.add(
        (sink, socket) -> {
          if (chunked) {
            sink.writeUtf8("0\r\n\r\n").flush();
          } else {
            socket.cancel();
          }
          return false;
        });
    return this;
  }

  /** Cuts the connection in the middle of the body, as a crashing server or a network does. */
  public StreamScript drop() {
    steps.add(
        (sink, socket) -> {
          socket.cancel();
          return false;
        });
    return this;
  }

  /** Reads until the client closes the connection, then {@link #awaitClientGone} returns true. */
  public StreamScript awaitClientClose() {
    steps.add(
        (sink, socket) -> {
          BufferedSource source = Okio.buffer(socket.getSource());
          while (!source.exhausted()) {
            source.skip(source.getBuffer().size());
          }
          clientGone.countDown();
          return false;
        });
    return this;
  }

  /**
   * Sends the text as a chunk every {@code periodMillis} until a write fails because the client
   * closed the connection; {@link #awaitClientGone} then returns true.
   */
  StreamScript repeatUntilClientGone(String text, long periodMillis) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    steps.add(
        (sink, socket) -> {
          while (true) {
            writeChunk(sink, bytes); // throws once the client is gone
            Thread.sleep(periodMillis);
          }
        });
    return this;
  }

  /**
   * Sends the bytes as a chunk again and again, {@code times} times in all, made as they go rather
   * than held; {@code written} counts the bytes the client's socket took. Stops early, with {@link
   * #awaitClientGone} then true, once the client closed the connection.
   */
  StreamScript repeat(byte[] bytes, long times, AtomicLong written) {
    steps.add(
        (sink, socket) -> {
          for (long i = 0; i < times; i++) {
            writeChunk(sink, bytes); // blocks while the client does not read; throws once it left
            written.addAndGet(bytes.length);
          }
          return true;
        });
    return this;
  }

  /** Waits until the client has closed the connection; false if it has not within the timeout. */
  public boolean awaitClientGone(long timeout, TimeUnit unit) throws InterruptedException {
    return clientGone.await(timeout, unit);
  }

  /** Ends the script wherever it waits, so that the server can shut down. */
  public void stop() {
    steps.add(STOP);
  }

  @Override
  public void handle(Socket socket) {
    BufferedSink sink = Okio.buffer(socket.getSink());
    try {
      sink.flush(); // the status line and headers go out before any body
      while (true) {
        Step step = steps.poll(60, TimeUnit.SECONDS);
        if (step == null || !step.run(sink, socket)) {
          return;
        }
      }
    } catch (IOException e) {
      clientGone.countDown(); // a read or write failed: the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeChunk(BufferedSink sink, byte[] bytes) throws IOException {
    if (chunked) {
      sink.writeHexadecimalUnsignedLong(bytes.length).writeUtf8("\r\n");
      sink.write(bytes).writeUtf8("\r\n").flush();
    } else {
      sink.write(bytes).flush();
    }
  }
}
