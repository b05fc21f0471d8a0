package dev.eventsource.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records every handler call in order, and every breach of the SPI's rules: two calls at once, a
 * call after the end, an empty chunk. Tests take calls one by one and finish with {@link
 * #assertNoMoreCalls}.
 */
final class RecordingHandler implements ResponseHandler {
  private static final long TIMEOUT_SECONDS = 10;

  private final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
  private final List<String> violations = new ArrayList<>();
  private final AtomicBoolean inCall = new AtomicBoolean();
  private volatile boolean ended;
  private volatile String lastCallThread = "";

  @Override
  public void onResponse(TransportResponse response) {
    record(response);
  }

  @Override
  public void onBody(ByteBuffer chunk) {
    if (!chunk.hasRemaining()) {
      violation("empty chunk");
    }
    byte[] bytes = new byte[chunk.remaining()];
    chunk.get(bytes);
    record(bytes);
  }

  @Override
  public void onEnd() {
    record("end");
    ended = true;
  }

  @Override
  public void onFailure(IOException error) {
    record(error);
    ended = true;
  }

  TransportResponse takeResponse() {
    return take(TransportResponse.class);
  }

  byte[] takeChunk() {
    return take(byte[].class);
  }

  String takeChunkUtf8() {
    return new String(takeChunk(), StandardCharsets.UTF_8);
  }

  void takeEnd() {
    assertThat(take(String.class)).isEqualTo("end");
  }

  IOException takeFailure() {
    return take(IOException.class);
  }

  /** The next call, whatever it is, or null if none comes within the time. */
  Object poll(long millis) throws InterruptedException {
    return calls.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Waits a little and asserts that no call came, nor any breach of the rules so far. */
  void assertNoMoreCalls(long waitMillis) throws InterruptedException {
    Object next = calls.poll(waitMillis, TimeUnit.MILLISECONDS);
    assertThat(next).as("unexpected handler call").isNull();
    assertNoViolations();
  }

  void assertNoViolations() {
    synchronized (violations) {
      assertThat(violations).isEmpty();
    }
  }

  private <T> T take(Class<T> type) {
    Object next;
    try {
      next = calls.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (next == null) {
      fail("no " + type.getSimpleName() + " within " + TIMEOUT_SECONDS + " s");
    }
    assertThat(next).isInstanceOf(type);
    assertNoViolations();
    return type.cast(next);
  }

  /** The name of the thread that made the latest call. */
  String lastCallThread() {
    return lastCallThread;
  }

  private void record(Object call) {
    lastCallThread = Thread.currentThread().getName();
    if (!inCall.compareAndSet(false, true)) {
      violation("two calls at once: " + call);
    }
    try {
      if (ended) {
        violation("call after the end: " + call);
      }
      calls.add(call);
    } finally {
      inCall.set(false);
    }
  }

  private void violation(String what) {
    synchronized (violations) {
      violations.add(what);
    }
  }
}
