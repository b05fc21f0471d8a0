package dev.eventsource.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ResponseHandler} for testing a transport directly, without {@code EventSource}: it
 * records every call in order and checks the SPI's rules as they happen: calls never overlap,
 * {@code onResponse} comes at most once and before any body, nothing follows {@code onEnd} or
 * {@code onFailure}, and chunks are never empty.
 *
 * <p>The transport calls it on its own threads; the test takes the calls one by one on its thread.
 * Every {@code take} waits at most {@link #TIMEOUT_SECONDS}, fails the test on a breach of the
 * rules so far, and fails it if the call is not the one expected.
 */
public final class RecordingHandler implements ResponseHandler {
  /** How long a {@code take} waits for the next call, in seconds. */
  public static final long TIMEOUT_SECONDS = 10;

  /** One recorded call. */
  public sealed interface Event {}

  /**
   * {@code onResponse}.
   *
   * @param response the response head
   */
  public record Response(TransportResponse response) implements Event {}

  /**
   * {@code onBody}.
   *
   * @param bytes a copy of the chunk's bytes
   */
  public record Body(byte[] bytes) implements Event {
    @Override
    public String toString() {
      return "Body(" + new String(bytes, StandardCharsets.UTF_8) + ")";
    }
  }

  /** {@code onEnd}. */
  public record End() implements Event {}

  /**
   * {@code onFailure}.
   *
   * @param error the failure
   */
  public record Failure(IOException error) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> violations = new ArrayList<>();
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean responded;
  private volatile boolean finished;
  private volatile String lastCallThread = "";

  /** A handler that has seen no call yet. */
  public RecordingHandler() {}

  @Override
  public void onResponse(TransportResponse response) {
    enter("onResponse");
    if (responded) {
      violation("second onResponse");
    }
    responded = true;
    record(new Response(response));
  }

  @Override
  public void onBody(ByteBuffer chunk) {
    enter("onBody");
    if (!responded) {
      violation("onBody before onResponse");
    }
    if (!chunk.hasRemaining()) {
      violation("empty chunk");
    }
    byte[] bytes = new byte[chunk.remaining()];
    chunk.get(bytes);
    record(new Body(bytes));
  }

  @Override
  public void onEnd() {
    enter("onEnd");
    finished = true;
    record(new End());
  }

  @Override
  public void onFailure(IOException error) {
    enter("onFailure");
    finished = true;
    record(new Failure(error));
  }

  private void enter(String call) {
    lastCallThread = Thread.currentThread().getName();
    if (active.incrementAndGet() != 1) {
      violation(call + " overlaps another call");
    }
    if (finished) {
      violation(call + " after onEnd or onFailure");
    }
  }

  private void record(Event event) {
    events.add(event);
    active.decrementAndGet();
  }

  private void violation(String what) {
    synchronized (violations) {
      violations.add(what);
    }
  }

  /**
   * The next call, whatever it is.
   *
   * @return it
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if none comes in time, or the rules were broken
   */
  public Event take() throws InterruptedException {
    Event event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      fail("no handler call within " + TIMEOUT_SECONDS + " s");
    }
    assertNoViolations();
    return event;
  }

  /**
   * The next call, which must be of the type.
   *
   * @param <T> the type
   * @param type the type expected
   * @return it
   * @throws InterruptedException if interrupted while waiting
   */
  public <T extends Event> T take(Class<T> type) throws InterruptedException {
    Event event = take();
    assertThat(event).isInstanceOf(type);
    return type.cast(event);
  }

  /**
   * The next call is {@code onResponse}.
   *
   * @return the response head
   * @throws InterruptedException if interrupted while waiting
   */
  public TransportResponse takeResponse() throws InterruptedException {
    return take(Response.class).response();
  }

  /**
   * The next call is {@code onBody}.
   *
   * @return the chunk's bytes
   * @throws InterruptedException if interrupted while waiting
   */
  public byte[] takeChunk() throws InterruptedException {
    return take(Body.class).bytes();
  }

  /**
   * The next call is {@code onBody}.
   *
   * @return the chunk, decoded as UTF-8
   * @throws InterruptedException if interrupted while waiting
   */
  public String takeBody() throws InterruptedException {
    return new String(takeChunk(), StandardCharsets.UTF_8);
  }

  /**
   * The next call is {@code onFailure}.
   *
   * @return the failure
   * @throws InterruptedException if interrupted while waiting
   */
  public IOException takeFailure() throws InterruptedException {
    return take(Failure.class).error();
  }

  /**
   * The next call is {@code onEnd}.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void takeEnd() throws InterruptedException {
    take(End.class);
  }

  /**
   * The next call if one comes within the time.
   *
   * @param millis how long to wait
   * @return it, or null
   * @throws InterruptedException if interrupted while waiting
   */
  public @Nullable Event poll(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Asks for chunks one at a time until the end, and returns the whole body.
   *
   * @param connection the connection that calls this handler
   * @return the body
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if a call other than a chunk or the end comes
   */
  public byte[] readToEnd(Connection connection) throws InterruptedException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      connection.request();
      Event event = take();
      if (event instanceof End) {
        return body.toByteArray();
      }
      assertThat(event).isInstanceOf(Body.class);
      body.writeBytes(((Body) event).bytes());
    }
  }

  /**
   * Waits a little and asserts that no call came, nor any breach of the rules so far.
   *
   * @param millis how long to watch
   * @throws InterruptedException if interrupted while waiting
   */
  public void assertNoMoreCalls(long millis) throws InterruptedException {
    Event event = events.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(event).as("unexpected handler call").isNull();
    assertNoViolations();
  }

  /** Asserts that every call so far kept the SPI's rules. */
  public void assertNoViolations() {
    synchronized (violations) {
      assertThat(violations).as("breaches of the ResponseHandler rules").isEmpty();
    }
  }

  /**
   * The name of the thread that made the latest call.
   *
   * @return it, or an empty string before the first call
   */
  public String lastCallThread() {
    return lastCallThread;
  }
}
