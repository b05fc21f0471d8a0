/**
 * Parser throughput and allocation: this library's {@code EventStreamParser}, okhttp-sse's {@code
 * ServerSentEventReader} and LaunchDarkly's {@code EventSource}, fed the same bytes in the same
 * reads, beside a plain scan for LF.
 */
@NullMarked
package dev.eventsource.benchmarks.parse;

import org.jspecify.annotations.NullMarked;
