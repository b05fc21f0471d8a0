package dev.eventsource.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives what a {@link Transport} reads for one request; see {@link Transport#open} for the order
 * of calls. Implementations in core are quick and never block, except over a transport that
 * {@linkplain Transport#dedicatesThreadPerConnection() dedicates a thread to each connection}:
 * there a call may run the source's listeners, and takes as long as they do.
 */
public interface ResponseHandler {
  /**
   * The response's status and headers arrived (a redirect too: transports follow none). The first
   * body chunk follows only after a {@link Connection#request()}.
   *
   * @param response status, headers and URL
   */
  void onResponse(TransportResponse response);

  /**
   * The next bytes of the body, in answer to one {@link Connection#request()}. The handler reads
   * them before returning; the transport may reuse the buffer afterwards.
   *
   * @param chunk the bytes, between position and limit; never empty
   */
  void onBody(ByteBuffer chunk);

  /** The body ended normally: the server closed the stream. */
  void onEnd();

  /**
   * The request failed: before a response (connect, TLS errors) or while reading the body.
   *
   * @param error what went wrong
   */
  void onFailure(IOException error);
}
