package dev.eventsource.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every handler call in order and checks the SPI's rules as they happen: calls never
 * overlap, onResponse comes at most once and before any body, nothing follows onEnd or onFailure,
 * and chunks are never empty.
 */
final class RecordingHandler implements ResponseHandler {
  static final long TIMEOUT_SECONDS = 10;

  /** One recorded call. */
  sealed interface Event {}

  record Response(TransportResponse response) implements Event {}

  record Body(byte[] bytes) implements Event {}

  record End() implements Event {}

  record Failure(IOException error) implements Event {}

  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean responded;
  private volatile boolean finished;

  @Override
  public void onResponse(TransportResponse response) {
    enter("onResponse");
    if (responded) {
      violations.add("second onResponse");
    }
    responded = true;
    record(new Response(response));
  }

  @Override
  public void onBody(ByteBuffer chunk) {
    enter("onBody");
    if (!responded) {
      violations.add("onBody before onResponse");
    }
    if (!chunk.hasRemaining()) {
      violations.add("empty chunk");
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
    if (active.incrementAndGet() != 1) {
      violations.add(call + " overlaps another call");
    }
    if (finished) {
      violations.add(call + " after onEnd or onFailure");
    }
  }

  private void record(Event event) {
    events.add(event);
    active.decrementAndGet();
  }

  Event take() throws InterruptedException {
    Event event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      fail("no handler call within " + TIMEOUT_SECONDS + " s");
    }
    return event;
  }

  <T extends Event> T take(Class<T> type) throws InterruptedException {
    Event event = take();
    assertThat(event).isInstanceOf(type);
    return type.cast(event);
  }

  TransportResponse takeResponse() throws InterruptedException {
    return take(Response.class).response();
  }

  String takeBody() throws InterruptedException {
    return new String(take(Body.class).bytes(), StandardCharsets.UTF_8);
  }

  IOException takeFailure() throws InterruptedException {
    return take(Failure.class).error();
  }

  void takeEnd() throws InterruptedException {
    take(End.class);
  }

  /** Asks for chunks one at a time until the end, and returns the whole body. */
  byte[] readToEnd(Connection connection) throws InterruptedException {
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

  /** Asserts that no call arrives within the given time. */
  void assertNoEvent(long millis) throws InterruptedException {
    Event event = events.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(event).as("unexpected handler call").isNull();
  }

  /** Asserts that every call so far kept the SPI's rules. */
  void assertNoViolations() {
    assertThat(violations).isEmpty();
  }
}
