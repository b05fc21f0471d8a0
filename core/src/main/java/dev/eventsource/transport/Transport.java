package dev.eventsource.transport;

/**
 * Carries one HTTP request at a time for an event source. Implementations adapt an HTTP client
 * (OkHttp, {@code java.net.http}) and must be safe to use from many threads and many sources at
 * once.
 */
public interface Transport {
  /**
   * Starts the request and returns at once, without waiting for the network.
   *
   * <p>The handler then receives, on threads of the transport's choosing but never two calls at
   * once: at most one {@link ResponseHandler#onResponse}, then one {@link ResponseHandler#onBody}
   * for each {@link Connection#request()}, then exactly one of {@link ResponseHandler#onEnd} or
   * {@link ResponseHandler#onFailure} (the latter possibly without any response before it). After
   * {@link Connection#cancel()} the transport should stop calling the handler as soon as it can;
   * callers ignore anything that still arrives.
   *
   * <p>The transport follows redirects itself (301, 302, 303, 307 and 308), does not send the
   * request's {@linkplain TransportRequest#sensitiveHeaders() sensitive headers} to another origin
   * unless {@link TransportRequest#withCredentials()} is true, and reports the final URL in {@link
   * TransportResponse#url()}.
   *
   * @param request what to send
   * @param handler receives the response; not null
   * @return a handle to ask for body chunks and to cancel
   */
  Connection open(TransportRequest request, ResponseHandler handler);
}
