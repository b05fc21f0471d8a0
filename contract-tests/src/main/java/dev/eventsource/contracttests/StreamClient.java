package dev.eventsource.contracttests;

import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageListener;
import dev.eventsource.RetryPolicy;
import dev.eventsource.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One client of one test: an {@link EventSource} configured from the suite's parameters, whose
 * listeners report to the suite through a {@link CallbackSender}.
 */
final class StreamClient {
  /** How long a DELETE waits for a callback post already under way. */
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final String name;
  private final EventSource source;
  private final CallbackSender callbacks;
  private final EventReports reports;
  private final MessageListener typedListener;

  private StreamClient(
      String name, EventSource source, CallbackSender callbacks, EventReports reports) {
    this.name = name;
    this.source = source;
    this.callbacks = callbacks;
    this.reports = reports;
    this.typedListener =
        (s, event) -> {
          if (reports.reportFromTypedListener(event)) {
            callbacks.event(event);
          }
        };
  }

  /**
   * Configures the source and starts it connecting, with every listener already in place.
   *
   * @throws BadRequestException if the library refuses a parameter (URL, header, method, ID)
   */
  static StreamClient start(
      String name, StreamParams params, Transport transport, CallbackSender callbacks)
      throws BadRequestException {
    EventReports reports = new EventReports();
    EventSource.Builder builder;
    try {
      builder = configure(EventSource.builder(params.streamUrl, transport), params);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(String.valueOf(e.getMessage()));
    }
    builder
        .onAnyEvent(
            (s, event) -> {
              if (reports.reportFromAnyListener(event)) {
                callbacks.event(event);
              }
            })
        .onComment((s, comment) -> callbacks.comment(comment))
        .onError((s, error) -> callbacks.error(describe(name, s, error)));
    return new StreamClient(name, builder.build(), callbacks, reports);
  }

  private static EventSource.Builder configure(EventSource.Builder builder, StreamParams params) {
    if (params.initialDelayMs != null) {
      // Only the reconnection time: backoff stays as the library sets it. The suite passes 0 for
      // its reconnection tests, and a doubled 0 is still 0, so they never wait.
      builder.retryPolicy(
          RetryPolicy.builder()
              .reconnectionTime(params.initialDelayMs, TimeUnit.MILLISECONDS)
              .build());
    }
    if (params.readTimeoutMs != null) {
      builder.readTimeout(params.readTimeoutMs, TimeUnit.MILLISECONDS);
    }
    if (params.lastEventId != null) {
      builder.lastEventId(params.lastEventId);
    }
    if (params.method != null) {
      byte[] body = params.body == null ? null : params.body.getBytes(StandardCharsets.UTF_8);
      builder.method(params.method, body);
      if (body != null) {
        builder.header(
            "Content-Type", "text/plain"); // the suite's default; its headers may replace it
      }
    }
    for (Map.Entry<String, String> header : params.headers.entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder;
  }

  private static String describe(String name, EventSource source, EventSourceException error) {
    String message = error.getMessage();
    String description = message == null ? error.getClass().getSimpleName() : message;
    Log.info("%s: error (%s next): %s", name, source.readyState(), description);
    return description;
  }

  /** Drops the connection and reconnects at once; the library reports no error for it. */
  void restart() {
    Log.info("%s: restart", name);
    source.restart();
  }

  /** Adds a listener for one event type, once; events of that type are reported by it from now. */
  synchronized void listen(String type) {
    if (reports.isListening(type)) {
      return;
    }
    Log.info("%s: listen for type '%s'", name, type);
    source.addEventListener(type, typedListener);
    reports.markListening(type); // only now: see EventReports
  }

  /** Closes the source; when this returns, no callback will be posted any more. */
  void close() {
    Log.info("%s: close", name);
    source.close();
    callbacks.close(CLOSE_WAIT_MILLIS);
  }
}
