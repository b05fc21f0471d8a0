/**
 * The transport SPI: what an HTTP client adapter implements so that an {@code EventSource} can run
 * over it.
 *
 * <p>A transport opens one HTTP request and reports what comes back: the status and headers, then
 * the body in chunks as they arrive (one chunk per {@link
 * dev.eventsource.transport.Connection#request()}), then the end or a failure. It knows nothing of
 * Server-sent events: status checks, reconnection, timeouts and parsing all live in core, once for
 * every transport.
 */
@NullMarked
package dev.eventsource.transport;

import org.jspecify.annotations.NullMarked;
