/**
 * A standalone, incremental parser for {@code text/event-stream} bodies, as WHATWG HTML
 * "Server-sent events" (interpreting an event stream) defines them.
 *
 * <p>It turns bytes into events and knows nothing of HTTP, threads or the {@code EventSource} API,
 * so HTTP clients and SDKs can use it on its own. Start with {@link
 * dev.eventsource.parser.EventStreamParser}.
 */
@NullMarked
package dev.eventsource.parser;

import org.jspecify.annotations.NullMarked;
