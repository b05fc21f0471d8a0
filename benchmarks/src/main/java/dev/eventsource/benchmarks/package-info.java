/**
 * Benchmarks of this library against its peers, run side by side: JMH parser and loopback
 * benchmarks, latency and fan-out runs, and the {@link dev.eventsource.benchmarks.Suite} that runs
 * them all and writes the tables and charts.
 */
@NullMarked
package dev.eventsource.benchmarks;

import org.jspecify.annotations.NullMarked;
