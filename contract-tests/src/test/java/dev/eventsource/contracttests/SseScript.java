package dev.eventsource.contracttests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketHandler;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import okio.Socket;

/**
 * One event-stream response that the test writes as it goes: each {@link #send} is one HTTP chunk,
 * flushed at once. The steps run in order on MockWebServer's thread for this connection.
 */
final class SseScript implements SocketHandler {
  /** One step of the script; false ends it. */
  private interface Step {
    boolean run(BufferedSink sink, Socket socket) throws IOException;
  }

  private static final Step END = (sink, socket) -> false;

  private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
  private final CountDownLatch clientGone = new CountDownLatch(1);

  /** The 200 {@code text/event-stream} response, with a chunked body that this script writes. */
  MockResponse response() {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "text/event-stream")
        .removeHeader("Content-Length")
        .addHeader("Transfer-Encoding", "chunked")
        .socketHandler(this)
        .build();
  }

  SseScript send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  SseScript send(byte[] bytes) {
    steps.add(
        (sink, socket) -> {
          sink.writeHexadecimalUnsignedLong(bytes.length).writeUtf8("\r\n");
          sink.write(bytes).writeUtf8("\r\n").flush();
          return true;
        });
    return this;
  }

  /** Drops the connection in the middle of the body, as a failing server does. */
  SseScript drop() {
    steps.add(
        (sink, socket) -> {
          socket.cancel();
          return false;
        });
    return this;
  }

  /** Reads until the client closes the connection; {@link #awaitClientGone} then returns true. */
  SseScript watchForClientClose() {
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

  boolean awaitClientGone(long timeout, TimeUnit unit) throws InterruptedException {
    return clientGone.await(timeout, unit);
  }

  /** Ends the script wherever it is waiting, so that the server can shut down. */
  void stop() {
    steps.add(END);
  }

  @Override
  public void handle(Socket socket) {
    BufferedSink sink = Okio.buffer(socket.getSink());
    try {
      while (true) {
        Step step = steps.poll(30, TimeUnit.SECONDS);
        if (step == null || !step.run(sink, socket)) {
          return;
        }
      }
    } catch (IOException e) {
      clientGone.countDown(); // reading or writing failed: the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
