package dev.eventsource.transport;

/**
 * Carries one HTTP exchange at a time for an event source. Implementations adapt an HTTP client
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
   * <p>One call is one HTTP exchange: the transport follows no redirects (a 3xx response is
   * reported like any other; the event source follows it with WHATWG Fetch's rules, cancelling this
   * connection and opening another) and reports the request's URL in {@link
   * TransportResponse#url()}.
   *
   * @param request what to send
   * @param handler receives the response; not null
   * @return a handle to ask for body chunks and to cancel
   */
  Connection open(TransportRequest request, ResponseHandler handler);

  /**
   * Whether every {@link ResponseHandler} call of one connection comes on one thread that the
   * transport gives that connection alone for as long as it lasts (a blocking read per stream, as
   * over OkHttp), so that a handler call may take as long as it likes: it holds back only that
   * connection's own reads. An event source without an executor of the user's then runs its
   * listeners right there, on that thread, instead of handing each chunk's events to another
   * thread. The default, false, is for transports whose threads serve many connections (a selector
   * thread): their handler calls must stay quick. Called once per source, from any thread.
   *
   * @return true if each connection's handler calls come on a thread of its own
   */
  default boolean dedicatesThreadPerConnection() {
    return false;
  }
}
