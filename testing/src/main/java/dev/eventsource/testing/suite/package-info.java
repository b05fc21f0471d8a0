/**
 * The transport compliance suite: subclass {@link
 * dev.eventsource.testing.suite.TransportContractSuite} with a transport, and JUnit runs every
 * contract theme against it. The themes themselves are package-private; only the suite's three
 * hooks are API.
 */
@NullMarked
package dev.eventsource.testing.suite;

import org.jspecify.annotations.NullMarked;
