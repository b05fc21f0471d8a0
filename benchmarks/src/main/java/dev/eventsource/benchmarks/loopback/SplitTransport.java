package dev.eventsource.benchmarks.loopback;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import dev.eventsource.transport.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A diagnostic wrapper for the latency run: notes when each paced event's bytes reach core through
 * the transport SPI ({@code onBody}), so that the latency splits into the transport's part (server
 * write to {@code onBody}) and core's part ({@code onBody} to the listener). It scans each chunk
 * for the {@code data: NANOS} lines the paced server writes; that costs a microsecond or two per
 * event, so the headline figures come from runs without it.
 */
final class SplitTransport implements Transport {
  private final Transport delegate;
  final Map<Long, Long> arrivals = new ConcurrentHashMap<>();

  SplitTransport(Transport delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean dedicatesThreadPerConnection() {
    return delegate.dedicatesThreadPerConnection(); // listeners run where they would unwrapped
  }

  @Override
  public Connection open(TransportRequest request, ResponseHandler handler) {
    return delegate.open(
        request,
        new ResponseHandler() {
          @Override
          public void onResponse(TransportResponse response) {
            handler.onResponse(response);
          }

          @Override
          public void onBody(ByteBuffer chunk) {
            long now = System.nanoTime();
            ByteBuffer copy = chunk.duplicate();
            long value = -1;
            while (copy.hasRemaining()) {
              byte b = copy.get();
              if (b >= '0' && b <= '9') {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
              } else if (value >= 0) {
                arrivals.put(value, now);
                value = -1;
              }
            }
            handler.onBody(chunk);
          }

          @Override
          public void onEnd() {
            handler.onEnd();
          }

          @Override
          public void onFailure(IOException error) {
            handler.onFailure(error);
          }
        });
  }
}
