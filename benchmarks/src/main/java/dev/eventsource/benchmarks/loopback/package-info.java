/**
 * End to end over loopback: a local server streams a prepared corpus (or paced events) to this
 * library's {@code EventSource} over each adapter, to okhttp-sse's {@code EventSources} and to
 * LaunchDarkly's {@code EventSource}, beside clients that only read bytes.
 */
@NullMarked
package dev.eventsource.benchmarks.loopback;

import org.jspecify.annotations.NullMarked;
