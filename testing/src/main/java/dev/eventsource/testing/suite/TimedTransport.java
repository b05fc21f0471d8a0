package dev.eventsource.testing.suite;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport that records, in {@link System#nanoTime()}, when core opened each request and when
 * each response's handler calls came, before passing them on. Delays that core measures from a
 * transport event (the reconnection time from the end of a response, the read timeout from the last
 * chunk) can then be asserted exactly: listener callbacks run later, on another thread, and a slow
 * wake-up of that thread would shrink a gap measured between callbacks.
 */
final class TimedTransport implements Transport {
  private final Transport delegate;

  /** When each request was opened, in order. */
  final List<Long> opens = new CopyOnWriteArrayList<>();

  /** When each response's head arrived, in order. */
  final List<Long> responses = new CopyOnWriteArrayList<>();

  /** When each chunk of any response arrived, in order. */
  final List<Long> chunks = new CopyOnWriteArrayList<>();

  /** When each response ended, normally or not, in order. */
  final List<Long> ends = new CopyOnWriteArrayList<>();

  TimedTransport(Transport delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean dedicatesThreadPerConnection() {
    return delegate.dedicatesThreadPerConnection(); // listeners run where they would unwrapped
  }

  @Override
  public Connection open(TransportRequest request, ResponseHandler handler) {
    opens.add(System.nanoTime());
    return delegate.open(
        request,
        new ResponseHandler() {
          @Override
          public void onResponse(TransportResponse response) {
            responses.add(System.nanoTime());
            handler.onResponse(response);
          }

          @Override
          public void onBody(ByteBuffer chunk) {
            chunks.add(System.nanoTime());
            handler.onBody(chunk);
          }

          @Override
          public void onEnd() {
            ends.add(System.nanoTime());
            handler.onEnd();
          }

          @Override
          public void onFailure(IOException error) {
            ends.add(System.nanoTime());
            handler.onFailure(error);
          }
        });
  }

  static long millisBetween(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }
}
