/**
 * Fan-out: how many platform threads and how much heap N idle streams cost in one JVM, each library
 * in its own JVM against a server in another process.
 */
@NullMarked
package dev.eventsource.benchmarks.fanout;

import org.jspecify.annotations.NullMarked;
