package dev.eventsource;

import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** The frozen configuration of one source, and how it turns into each attempt's request. */
final class EventSourceSettings {
  static final String LAST_EVENT_ID = "Last-Event-ID";

  final Transport transport;
  final TransportRequest baseRequest;
  final @Nullable RequestCustomizer customizer;
  final RetryPolicy retryPolicy;
  final long readTimeoutMillis;
  final int maxEventSize;
  final String initialLastEventId;
  final Executor executor;
  final Scheduler scheduler;

  /** The end of the response closes the source for good; see {@code Builder.oneShot}. */
  final boolean oneShot;

  EventSourceSettings(
      Transport transport,
      TransportRequest baseRequest,
      @Nullable RequestCustomizer customizer,
      RetryPolicy retryPolicy,
      long readTimeoutMillis,
      int maxEventSize,
      String initialLastEventId,
      Executor executor,
      Scheduler scheduler,
      boolean oneShot) {
    this.transport = transport;
    this.baseRequest = baseRequest;
    this.customizer = customizer;
    this.retryPolicy = retryPolicy;
    this.readTimeoutMillis = readTimeoutMillis;
    this.maxEventSize = maxEventSize;
    this.initialLastEventId = initialLastEventId;
    this.executor = executor;
    this.scheduler = scheduler;
    this.oneShot = oneShot;
  }

  /**
   * The request for one attempt: WHATWG HTML §9.2.3 and §9.2.4 send {@code Last-Event-ID} only when
   * the last event ID is not empty; then the user's customizer has its say.
   *
   * @param from the builder's request, or a remembered redirect target's ({@link Redirects#next}
   *     made it, so it has lost credentials at a change of origin); credentials stay lost on every
   *     request to that target, the customizer's included, unless withCredentials is set
   */
  TransportRequest requestFor(TransportRequest from, String lastEventId, int attempt) {
    TransportRequest request;
    if (lastEventId.isEmpty() && from.header(LAST_EVENT_ID) == null) {
      // The request is the base one: share it rather than hold a copy per connection.
      request = from;
    } else {
      TransportRequest.Builder builder = from.toBuilder();
      if (lastEventId.isEmpty()) {
        builder.removeHeader(LAST_EVENT_ID);
      } else {
        builder.header(LAST_EVENT_ID, lastEventId);
      }
      request = builder.build();
    }
    RequestCustomizer c = customizer;
    if (c == null) {
      return request;
    }
    TransportRequest customized = c.customize(request, attempt);
    if (customized == null) {
      throw new NullPointerException("the RequestCustomizer returned null");
    }
    if (from == baseRequest
        || baseRequest.withCredentials()
        || Redirects.sameOrigin(baseRequest.url(), from.url())) {
      return customized;
    }
    TransportRequest.Builder withoutCredentials = customized.toBuilder();
    for (String name : customized.sensitiveHeaders()) {
      withoutCredentials.removeHeader(name);
    }
    return withoutCredentials.build();
  }
}
