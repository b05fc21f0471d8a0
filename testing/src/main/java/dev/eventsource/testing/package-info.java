/**
 * Test support for eventsource-java and for transports written by others: the {@linkplain
 * dev.eventsource.testing.suite.TransportContractSuite transport compliance suite}, a scriptable
 * SSE test server ({@link dev.eventsource.testing.SseTestServer}), a recording listener and a
 * recording transport handler, a raw socket server for byte-exact tests, certificates made in code,
 * and the shared conformance vectors.
 *
 * <p>Everything binds 127.0.0.1 only. Waits are bounded: a helper fails the test within seconds
 * when something that must happen does not, instead of hanging.
 */
@NullMarked
package dev.eventsource.testing;

import org.jspecify.annotations.NullMarked;
