/**
 * A faithful Java port of the browser's {@code EventSource} (WHATWG HTML "Server-sent events").
 *
 * <p>Build a source with {@link dev.eventsource.EventSource#builder}, attach listeners, and it
 * connects at once: {@code open}, then each {@link dev.eventsource.MessageEvent}, then an {@code
 * error} and a reconnection with {@code Last-Event-ID} whenever the connection drops, until {@link
 * dev.eventsource.EventSource#close()}. The HTTP client plugs in through {@link
 * dev.eventsource.transport.Transport}.
 */
@NullMarked
package dev.eventsource;

import org.jspecify.annotations.NullMarked;
