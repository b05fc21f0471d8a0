/**
 * The test service that lets the cross-implementation SSE contract suite ({@code
 * launchdarkly/sse-contract-tests}, v2) drive this library: a small REST server that creates one
 * {@link dev.eventsource.EventSource} per test and reports what it sees back to the suite. Start it
 * with {@link dev.eventsource.contracttests.TestService#main(String[])}.
 */
@NullMarked
package dev.eventsource.contracttests;

import org.jspecify.annotations.NullMarked;
